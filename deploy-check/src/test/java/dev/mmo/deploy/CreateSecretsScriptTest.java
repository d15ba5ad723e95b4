package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Secrets the k8s/ base and k8s/monitoring/ use but do not contain come from k8s/create-secrets.sh: it must make
 * every one the pods reference, with every key they read, and keys in the formats auth-service reads.
 */
class CreateSecretsScriptTest {

    static Map<String, JsonNode> generated() {
        Map<String, JsonNode> byName = new java.util.HashMap<>();
        for (JsonNode secret : Tools.generatedSecrets()) {
            assertEquals("Secret", secret.path("kind").asText());
            byName.put(secret.path("metadata").path("name").asText(), secret.path("data"));
        }
        return byName;
    }

    @Test
    void makesExactlyTheSecretsAndKeysThePodsUse() {
        Map<String, JsonNode> generated = generated();
        Set<String> used = new HashSet<>();
        for (String reference : Manifests.secretReferences()) {
            String[] parts = reference.split("/", 2);
            assertTrue(
                    Manifests.find("Secret", parts[0]).isEmpty(),
                    "Secret " + parts[0] + " is rendered by the base; an apply would overwrite the real one");
            JsonNode data = generated.get(parts[0]);
            assertTrue(data != null, "pods use Secret " + parts[0] + ", which k8s/create-secrets.sh does not make");
            if (!parts[1].equals("*")) {
                assertTrue(data.has(parts[1]), "pods read key " + parts[1] + " of " + parts[0] + ", which is not made");
            }
            used.add(parts[0]);
        }
        assertEquals(generated.keySet(), used, "k8s/create-secrets.sh makes Secrets no pod uses");
    }

    @Test
    void authServiceKeyFilesAreInTheMountedSecret() {
        JsonNode deployment = Manifests.workload("Deployment", "auth-service");
        JsonNode container = Manifests.container(deployment, "auth-service");
        Map<String, String> env = Manifests.environment(container);
        for (String variable : List.of("MMO_AUTH_PRIVATE_KEY_LOCATION", "MMO_AUTH_PUBLIC_KEY_LOCATION")) {
            String file = env.get(variable);
            assertTrue(file != null, "auth-service on k8s must read its key pair from the Secret: " + variable);
            assertTrue(
                    secretFileExists(deployment, container, file),
                    variable + "=" + file + " is no file of a mounted Secret");
        }
    }

    @Test
    void grafanaReadsItsAdminPasswordFromTheMountedSecret() {
        JsonNode grafana = Manifests.findMonitoring("Deployment", "grafana").orElseGet(() -> fail("no Grafana"));
        JsonNode container = Manifests.podSpec(grafana).path("containers").get(0);
        String file = Manifests.environment(container).get("GF_SECURITY_ADMIN_PASSWORD__FILE");
        assertTrue(file != null, "Grafana's admin password must come from a file, not a value in the manifest");
        assertTrue(secretFileExists(grafana, container, file), file + " is no file of a mounted Secret");
        assertTrue(decoded(generated().get("mmo-grafana"), "admin-password").length() >= 32, "a generated password");
    }

    private static boolean secretFileExists(JsonNode deployment, JsonNode container, String file) {
        for (JsonNode mount : container.path("volumeMounts")) {
            String prefix = mount.path("mountPath").asText() + "/";
            if (!file.startsWith(prefix)) {
                continue;
            }
            for (JsonNode volume : Manifests.podSpec(deployment).path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("secret")) {
                    JsonNode data = generated()
                            .get(volume.path("secret").path("secretName").asText());
                    return data != null && data.has(file.substring(prefix.length()));
                }
            }
        }
        return false;
    }

    @Test
    void keyPairIsInTheFormatsAuthServiceReads() throws Exception {
        // AuthConfig: a PKCS#8 RSA private key and its X.509 SubjectPublicKeyInfo public key, both PEM
        JsonNode keys = generated().get("mmo-auth-keys");
        String privatePem = decoded(keys, "private.pem");
        String publicPem = decoded(keys, "public.pem");
        assertTrue(
                privatePem.startsWith("-----BEGIN PRIVATE KEY-----"),
                "PKCS#8 expected: " + privatePem.lines().findFirst());
        assertTrue(
                publicPem.startsWith("-----BEGIN PUBLIC KEY-----"),
                "X.509 expected: " + publicPem.lines().findFirst());
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        var privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privatePem)));
        var publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der(publicPem)));
        assertEquals(privateKey.getModulus(), publicKey.getModulus(), "the two files must be one key pair");
        assertTrue(publicKey.getModulus().bitLength() >= 2048, "RS256 wants 2048-bit keys or more");
    }

    @Test
    void databasePasswordIsFreshlyMadeNotAFixedOne() {
        String password = decoded(generated().get("mmo-postgres"), "password");
        assertTrue(password.length() >= 24, "a generated password, not a short fixed one");
        assertFalse(password.equals("mmo"));
    }

    @Test
    void createsWithKubectlOnlyTheSecretsThatAreMissing(@TempDir Path dir) throws IOException, InterruptedException {
        // a stand-in kubectl (no cluster here): `get secret` finds the names in $EXISTING, `create` logs each key
        Path log = dir.resolve("kubectl.log");
        Path kubectl = Files.writeString(dir.resolve("kubectl"), """
                #!/usr/bin/env bash
                echo "$*" >>"$LOG"
                last=${*: -1}
                case $1 in
                  get) [[ " $EXISTING " == *" $last "* ]] ;;
                  create) for file in "${last#--from-file=}"/*; do echo "key ${file##*/} $(wc -c <"$file")" >>"$LOG"; done ;;
                esac
                """);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder script = new ProcessBuilder(
                        "bash", Repo.path("k8s/create-secrets.sh").toString(), "-n", "game")
                .redirectErrorStream(true);
        script.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        script.environment().put("LOG", log.toString());
        script.environment().put("EXISTING", "mmo-postgres");
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "create-secrets.sh did not finish");
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("secret/mmo-postgres exists; left as it is"), output);

        List<String> calls = Files.readAllLines(log);
        assertEquals("get secret --namespace game mmo-auth-keys", calls.get(0));
        assertTrue(
                calls.get(1).matches("create secret generic --namespace game mmo-auth-keys --from-file=/.*"),
                calls.get(1));
        assertTrue(calls.get(2).matches("key private\\.pem \\d{4}"), "a PEM private key: " + calls.get(2));
        assertTrue(calls.get(3).matches("key public\\.pem \\d{3}"), "a PEM public key: " + calls.get(3));
        assertEquals("get secret --namespace game mmo-postgres", calls.get(4), "an existing Secret is left as it is");
        assertEquals("get secret --namespace game mmo-link", calls.get(5));
        assertTrue(
                calls.get(6).matches("create secret generic --namespace game mmo-link --from-file=/.*"), calls.get(6));
        assertEquals("key secret 64", calls.get(7), "a 32-byte hex link secret");
        assertEquals("get secret --namespace game mmo-grafana", calls.get(8));
        assertTrue(
                calls.get(9).matches("create secret generic --namespace game mmo-grafana --from-file=/.*"),
                calls.get(9));
        assertEquals(
                List.of("key admin-password 48"),
                calls.subList(10, calls.size()),
                "a 24-byte hex Grafana password, nothing more");
    }

    private static String decoded(JsonNode data, String key) {
        if (!data.has(key)) {
            fail("no key " + key);
        }
        return new String(Base64.getDecoder().decode(data.path(key).asText()), StandardCharsets.US_ASCII);
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
