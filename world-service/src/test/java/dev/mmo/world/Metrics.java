package dev.mmo.world;

import static io.restassured.RestAssured.given;

import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads one value from {@code /q/metrics} (Prometheus text), on the management interface. */
public final class Metrics {

    private Metrics() {}

    /** The value of the series that starts with {@code nameAndLabels}, or 0 when it does not exist yet. */
    public static double value(String nameAndLabels) {
        String text = given().get(management("/q/metrics"))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(
                        line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }

    /** A path on the running test application's management interface (its port is picked at start). */
    public static URI management(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return URI.create("http://localhost:" + port + path);
    }
}
