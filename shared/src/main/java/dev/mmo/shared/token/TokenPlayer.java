package dev.mmo.shared.token;

/** The player a verified token speaks for. */
public record TokenPlayer(long actorId, String username) {}
