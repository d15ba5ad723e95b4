package dev.mmo.world;

import static io.restassured.RestAssured.given;

/** Reads one value from {@code /q/metrics} (Prometheus text). */
public final class Metrics {

    private Metrics() {
    }

    /** The value of the series that starts with {@code nameAndLabels}, or 0 when it does not exist yet. */
    public static double value(String nameAndLabels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : text.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) {
                return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim());
            }
        }
        return 0;
    }
}
