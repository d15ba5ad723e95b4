package dev.mmo.shared.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCredentialTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-link";

    @Test
    void admitsOnlyTheExactSecret() {
        LinkCredential credential = LinkCredential.of(settings(SECRET));
        assertTrue(credential.admits(SECRET));
        assertFalse(credential.admits(null));
        assertFalse(credential.admits(""));
        assertFalse(credential.admits(SECRET + " "));
        assertFalse(credential.admits(SECRET.substring(1)));
        assertFalse(credential.admits(SECRET.toUpperCase(Locale.ROOT)));
    }

    @Test
    void aPartWithoutASecretOrWithAShortOneDoesNotStart() {
        IllegalStateException missing =
                assertThrows(IllegalStateException.class, () -> LinkCredential.of(settings(null)));
        assertTrue(missing.getMessage().contains("MMO_LINK_SECRET"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> LinkCredential.of(settings("   ")));
        assertThrows(IllegalStateException.class, () -> LinkCredential.of(settings("x".repeat(31))));
    }

    @Test
    void whileRotatingThePreviousSecretIsAdmittedToo() {
        String next = "fedcba9876543210fedcba9876543210-next";
        LinkCredential rotating = LinkCredential.of(settings(next, SECRET));
        assertTrue(rotating.admits(next));
        assertTrue(rotating.admits(SECRET));
        assertTrue(rotating.isPrevious(SECRET));
        assertFalse(rotating.isPrevious(next));
        assertFalse(rotating.admits(null));
        assertFalse(rotating.admits("someone else's secret, long enough to pass"));
        assertEquals(next, rotating.secret(), "a gateway presents the new secret");
        assertFalse(LinkCredential.of(settings(next)).admits(SECRET), "after the rotation the old one is refused");
        assertThrows(IllegalStateException.class, () -> LinkCredential.of(settings(next, "too short")));
    }

    @Test
    void neverPrintsTheSecret() {
        assertFalse(LinkCredential.of(settings(SECRET)).toString().contains(SECRET));
    }

    @Test
    void theSecretCanComeFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("link-secret");
        Files.writeString(file, SECRET + "\n");
        LinkCredential credential = LinkCredential.of(settings(null, null, file.toString()));
        assertTrue(credential.admits(SECRET), "the file's content, without its line break");
        assertEquals(SECRET, credential.secret());

        IllegalStateException both = assertThrows(
                IllegalStateException.class, () -> LinkCredential.of(settings(SECRET, null, file.toString())));
        assertTrue(both.getMessage().contains("both"), both.getMessage());
        IllegalStateException missing = assertThrows(
                IllegalStateException.class,
                () -> LinkCredential.of(settings(null, null, dir.resolve("none").toString())));
        assertTrue(missing.getMessage().contains("MMO_LINK_SECRET_FILE"), missing.getMessage());
        Files.writeString(file, "short");
        assertThrows(IllegalStateException.class, () -> LinkCredential.of(settings(null, null, file.toString())));
    }

    static LinkSettings settings(String secret) {
        return settings(secret, null);
    }

    static LinkSettings settings(String secret, String previous) {
        return settings(secret, previous, null);
    }

    static LinkSettings settings(String secret, String previous, String file) {
        return new LinkSettings() {
            @Override
            public Optional<String> secret() {
                return Optional.ofNullable(secret);
            }

            @Override
            public Optional<String> secretFile() {
                return Optional.ofNullable(file);
            }

            @Override
            public Optional<String> previousSecret() {
                return Optional.ofNullable(previous);
            }

            @Override
            public Duration heartbeatInterval() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration silenceLimit() {
                return Duration.ofSeconds(3);
            }
        };
    }
}
