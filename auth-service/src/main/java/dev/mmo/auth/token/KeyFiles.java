package dev.mmo.auth.token;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Reads the signing key pair from PEM files, or generates one and keeps it on disk; rotates a kept pair. A folder of
 * kept keys holds {@code private.pem} (the key tokens are signed with), {@code public.pem} (its public half, for
 * people and tools) and, after a rotation, {@code previous-public.pem} (the public half of the key signed with
 * before, still published so that tokens it signed verify until they expire).
 */
final class KeyFiles {

    static final String PRIVATE_KEY_FILE = "private.pem";
    static final String PUBLIC_KEY_FILE = "public.pem";
    static final String PREVIOUS_PUBLIC_KEY_FILE = "previous-public.pem";
    private static final int KEY_SIZE = 2048;

    private KeyFiles() {}

    record RsaKeyPair(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {}

    /**
     * Reads operator-provided keys (a k8s Secret, a compose volume). The public key file is
     * optional, as the private key carries its public half; when given it must match.
     */
    static RsaKeyPair read(Path privateKeyFile, Optional<Path> publicKeyFile) {
        RSAPrivateCrtKey privateKey = readPrivateKey(privateKeyFile);
        RSAPublicKey publicKey = publicKeyFile.isPresent()
                ? readPublicKey(publicKeyFile.get())
                : publicKeyOf(privateKey, privateKeyFile);
        if (!Pem.samePair(privateKey, publicKey)) {
            throw new IllegalStateException("The public key " + publicKeyFile.orElseThrow()
                    + " does not belong to the private key " + privateKeyFile);
        }
        return new RsaKeyPair(privateKey, publicKey);
    }

    /**
     * Uses the pair kept in {@code dir}, generating it on the first start. A file lock keeps two
     * processes sharing the folder from generating two different pairs.
     */
    static RsaKeyPair readOrGenerate(Path dir) {
        Path privateKeyFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicKeyFile = dir.resolve(PUBLIC_KEY_FILE);
        try {
            Files.createDirectories(dir, withPermissions("rwx------"));
            try (FileChannel lockFile = FileChannel.open(
                            dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (!Files.exists(privateKeyFile)) {
                    writeAtomically(privateKeyFile, Pem.encodePrivateKey(generate()), "rw-------");
                }
                RSAPrivateCrtKey privateKey = readPrivateKey(privateKeyFile);
                RSAPublicKey publicKey = publicKeyOf(privateKey, privateKeyFile);
                // Written for people and tools that want the public key as a file; never read back.
                if (!Files.exists(publicKeyFile)) {
                    writeAtomically(publicKeyFile, Pem.encodePublicKey(publicKey), "rw-r--r--");
                }
                return new RsaKeyPair(privateKey, publicKey);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot keep the signing keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a new signing key in {@code dir}, keeping the current one's public half as the previous key. The
     * previous key is written first: a reader that sees the new private key (read first, see SigningKeys) is sure
     * to see the previous key that goes with it.
     *
     * @return the new pair
     */
    static RsaKeyPair rotate(Path dir) {
        Path privateKeyFile = dir.resolve(PRIVATE_KEY_FILE);
        try {
            Files.createDirectories(dir, withPermissions("rwx------"));
            try (FileChannel lockFile = FileChannel.open(
                            dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (Files.exists(privateKeyFile)) {
                    RSAPublicKey current = publicKeyOf(readPrivateKey(privateKeyFile), privateKeyFile);
                    writeAtomically(dir.resolve(PREVIOUS_PUBLIC_KEY_FILE), Pem.encodePublicKey(current), "rw-r--r--");
                }
                RSAPrivateCrtKey next = generate();
                RSAPublicKey nextPublic = publicKeyOf(next, privateKeyFile);
                writeAtomically(privateKeyFile, Pem.encodePrivateKey(next), "rw-------");
                writeAtomically(dir.resolve(PUBLIC_KEY_FILE), Pem.encodePublicKey(nextPublic), "rw-r--r--");
                return new RsaKeyPair(next, nextPublic);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot rotate the signing keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The previous public key, if the file exists (there is none before the first rotation). */
    static Optional<RSAPublicKey> readPreviousPublicKey(Path file) {
        return Files.exists(file) ? Optional.of(readPublicKey(file)) : Optional.empty();
    }

    private static RSAPrivateCrtKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot generate RSA keys", e);
        }
    }

    private static RSAPrivateCrtKey readPrivateKey(Path file) {
        try {
            return Pem.decodePrivateKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the RSA private key " + file + ": " + e.getMessage(), e);
        }
    }

    private static RSAPublicKey readPublicKey(Path file) {
        try {
            return Pem.decodePublicKey(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the RSA public key " + file + ": " + e.getMessage(), e);
        }
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey, Path privateKeyFile) {
        try {
            return Pem.publicKeyOf(privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the public key of " + privateKeyFile, e);
        }
    }

    /** A reader never sees a half-written key, and the file has its permissions from the start. */
    private static void writeAtomically(Path target, String content, String permissions) throws IOException {
        Path temp = Files.createTempFile(
                target.getParent(), target.getFileName().toString(), ".tmp", withPermissions(permissions));
        try {
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The given POSIX permissions where the file system has them (not on Windows). */
    private static FileAttribute<?>[] withPermissions(String permissions) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        };
    }
}
