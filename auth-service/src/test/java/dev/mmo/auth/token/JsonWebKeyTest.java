package dev.mmo.auth.token;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import org.junit.jupiter.api.Test;

class JsonWebKeyTest {

    /**
     * A key's JWK and key id as auth-service published them before it computed them with jose4j. The kid must never
     * change for a key already in use: a verifier that cached the JWKS would then meet tokens under an id it does not
     * know, and a rotation's previous key would no longer match the tokens it signed.
     */
    private static final String REFERENCE_JWK = "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\","
            + "\"kid\":\"UeQwUwXykc3UDUKK05fqO1Yx6rGBbBzo3w-OsoZd1aM\","
            + "\"n\":\"qi904aiyXr9viMxXlVSmqY9BEKwIuYIXG71u1a9vSvBiBs7WbjKqu1iBUPS2zFAXUAYSRsf4AdLf1MN7j3g9xkLlczFKAfInbT34"
            + "Cb6VZXCa_dDu7nOh9pdr0SkRny4IGFlFRc3Q-ciDLpxj8vzdKrn_Q4KLI3uThQRgYmO6hfU-fAlADrFGbcEFd9JntKXQ3KBHjQdm_-w4TDgd"
            + "2o66tP0bnnJPp1nCib5itAmzwZolT0bb63Vdtm9UifXmVD9rBHqtCb0zofkhmYojuUvy5ktXRSMzp_SXXapS0ZkPon566SNCTGUwUu92hOQb"
            + "4W2VL2HgCJc3W5LLEGV6Zh3Nww\",\"e\":\"AQAB\"}";

    @Test
    void anExistingKeyKeepsItsJwkAndItsKeyId() throws Exception {
        RSAPublicKey key = Pem.decodePublicKey(resource("token/reference-public.pem"));

        String published = new ObjectMapper().writeValueAsString(JsonWebKey.of(key));

        assertThat(published, equalTo(REFERENCE_JWK));
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = JsonWebKeyTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
