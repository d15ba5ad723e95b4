package dev.mmo.shared.error;

/** The JSON body of every 4xx answer: a stable machine code and a sentence for people. */
public record ErrorBody(String error, String message) {
}
