package dev.mmo.auth.token;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartGeneratesAPairThatLaterStartsReuse() {
        Path keys = dataDir.resolve("keys");

        KeyFiles.RsaKeyPair first = KeyFiles.readOrGenerate(keys);
        KeyFiles.RsaKeyPair second = KeyFiles.readOrGenerate(keys);

        assertThat(second.privateKey(), equalTo(first.privateKey()));
        assertThat(second.publicKey(), equalTo(first.publicKey()));
        assertThat(first.publicKey().getModulus().bitLength(), equalTo(2048));
    }

    @Test
    void onlyTheOwnerCanReadTheGeneratedPrivateKey() throws Exception {
        Path keys = dataDir.resolve("keys");
        KeyFiles.readOrGenerate(keys);

        assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private.pem"))),
                equalTo("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)), equalTo("rwx------"));
        assertThat(Files.readString(keys.resolve("public.pem")), not(containsString("PRIVATE")));
    }

    @Test
    void aRotationMakesANewKeyAndKeepsTheOldPublicKeyAsThePreviousOne() throws Exception {
        Path keys = dataDir.resolve("keys");
        KeyFiles.RsaKeyPair first = KeyFiles.readOrGenerate(keys);

        KeyFiles.RsaKeyPair second = KeyFiles.rotate(keys);

        assertThat(second.publicKey(), not(equalTo(first.publicKey())));
        assertThat(KeyFiles.readOrGenerate(keys).privateKey(), equalTo(second.privateKey()));
        assertThat(
                KeyFiles.readPreviousPublicKey(keys.resolve("previous-public.pem")),
                equalTo(Optional.of(first.publicKey())));
        assertThat(Files.readString(keys.resolve("public.pem")), equalTo(Pem.encodePublicKey(second.publicKey())));
        assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private.pem"))),
                equalTo("rw-------"));

        KeyFiles.rotate(keys);

        assertThat(
                KeyFiles.readPreviousPublicKey(keys.resolve("previous-public.pem")),
                equalTo(Optional.of(second.publicKey())));
    }

    @Test
    void beforeTheFirstRotationThereIsNoPreviousKey() {
        assertThat(
                KeyFiles.readPreviousPublicKey(dataDir.resolve("keys").resolve("previous-public.pem")),
                equalTo(Optional.empty()));
    }

    @Test
    void operatorKeysAreReadFromTheConfiguredFiles() throws Exception {
        RSAPrivateCrtKey privateKey = newPrivateKey();
        RSAPublicKey publicKey = Pem.publicKeyOf(privateKey);
        Path privateFile = Files.writeString(dataDir.resolve("secret.pem"), Pem.encodePrivateKey(privateKey));
        Path publicFile = Files.writeString(dataDir.resolve("public.pem"), Pem.encodePublicKey(publicKey));

        KeyFiles.RsaKeyPair read = KeyFiles.read(privateFile, Optional.of(publicFile));

        assertThat(read.privateKey(), equalTo(privateKey));
        assertThat(read.publicKey(), equalTo(publicKey));
        assertThat(KeyFiles.read(privateFile, Optional.empty()).publicKey(), equalTo(publicKey));
    }

    @Test
    void aPublicKeyFromAnotherPairStopsTheService() throws Exception {
        Path privateFile = Files.writeString(dataDir.resolve("a.pem"), Pem.encodePrivateKey(newPrivateKey()));
        Path strangersPublicFile =
                Files.writeString(dataDir.resolve("b.pem"), Pem.encodePublicKey(Pem.publicKeyOf(newPrivateKey())));

        IllegalStateException failure = assertThrows(
                IllegalStateException.class, () -> KeyFiles.read(privateFile, Optional.of(strangersPublicFile)));

        assertThat(failure.getMessage(), containsString("does not belong to the private key"));
    }

    @Test
    void anOldStylePkcs1KeyIsRefusedWithAHowToConvert() throws Exception {
        Path pkcs1 = Files.writeString(
                dataDir.resolve("old.pem"),
                "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK==\n-----END RSA PRIVATE KEY-----\n");

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> KeyFiles.read(pkcs1, Optional.empty()));

        assertThat(failure.getMessage(), containsString("openssl pkcs8 -topk8"));
    }

    private static RSAPrivateCrtKey newPrivateKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
    }
}
