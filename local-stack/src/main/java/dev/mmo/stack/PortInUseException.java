package dev.mmo.stack;

/** A port the stack was told to use is already taken; nothing was started. */
public final class PortInUseException extends IllegalStateException {

    private final int port;

    PortInUseException(int port, String purpose) {
        super("Port " + port + " (" + purpose + ") is already in use by another process");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
