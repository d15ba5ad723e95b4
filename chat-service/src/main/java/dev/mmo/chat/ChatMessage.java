package dev.mmo.chat;

import java.time.Instant;

/**
 * One chat message as it travels on the topic and as history returns it.
 *
 * @param id      unique, set by the replica that accepted it
 * @param actorId the sender's actor
 * @param from    the sender's username, from their token
 * @param text    cleaned and checked (see {@link ChatText}); plain text, never markup
 * @param at      when the message was accepted
 */
public record ChatMessage(String id, long actorId, String from, String text, Instant at) {}
