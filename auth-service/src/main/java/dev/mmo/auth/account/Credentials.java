package dev.mmo.auth.account;

/** What login needs to check a password and name the token; never leaves the service. */
public record Credentials(long userId, String username, String passwordHash, long actorId) {

    /** Keeps the hash out of any log line or debugger view that prints this record. */
    @Override
    public String toString() {
        return "Credentials[userId=" + userId + ", username=" + username + ", actorId=" + actorId + "]";
    }
}
