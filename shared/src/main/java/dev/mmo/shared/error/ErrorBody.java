package dev.mmo.shared.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON body of every 4xx answer: a stable machine code and a sentence for people. */
@Schema(description = "Why a request failed.")
public record ErrorBody(
        @Schema(
                description = "A stable code for programs, e.g. `bad_request`, `unauthorized`, `username_taken`.",
                examples = "bad_request")
        String error,

        @Schema(description = "A sentence for people; wording may change.")
        String message) {}
