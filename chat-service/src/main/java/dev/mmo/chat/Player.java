package dev.mmo.chat;

/** A player session's identity, from its verified token: {@code actorId} and the username ({@code upn}/{@code sub}). */
public record Player(long actorId, String username) {}
