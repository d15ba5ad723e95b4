package dev.mmo.world.core;

import dev.mmo.shared.game.ErrorFrame;

/** The outcome of {@link WorldConfig#checkTarget(double, double)}. */
public enum TargetCheck {
    OK(null, null),
    NOT_FINITE(ErrorFrame.BAD_TARGET, "x and y must be finite numbers"),
    OUT_OF_BOUNDS(ErrorFrame.BAD_TARGET, "target is outside the world bounds");

    private final String errorCode;
    private final String message;

    TargetCheck(String errorCode, String message) {
        this.errorCode = errorCode;
        this.message = message;
    }

    public boolean accepted() {
        return this == OK;
    }

    /** The {@code code} of the protocol's {@code Error} frame; null when accepted. */
    public String errorCode() {
        return errorCode;
    }

    /** A human-readable {@code message} for the {@code Error} frame; null when accepted. */
    public String message() {
        return message;
    }
}
