package dev.mmo.loadtest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The stack's HTTP endpoints the tool reads: the gateway's readiness and world-service's metrics, on each service's
 * management port (its port + 1000: gateway 9080, world 9082; a standby world 9092). Of several world-services the
 * one that owns the world is read, and kept until it stops answering (a standby took over).
 */
final class StackEndpoints {

    /** A service's management port is its own port + this (contracts: 8080 → 9080, 8082 → 9082). */
    static final int MANAGEMENT_OFFSET = 1000;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI gateway;
    private final List<URI> worldMetrics;
    private volatile URI worldMetricsFound;

    StackEndpoints(BenchOptions options) {
        this.gateway = options.gatewayUrl();
        this.worldMetrics = options.worldMetricsUrls();
    }

    /** Fails with a message that says what to do when the gateway is not ready. */
    void requireUp() throws IOException {
        URI management = URI.create(
                "http://" + gateway.getHost() + ":" + (gateway.getPort() + MANAGEMENT_OFFSET) + "/q/health/ready");
        String answer;
        try {
            int status = http.send(
                            HttpRequest.newBuilder(management)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 200) {
                return;
            }
            answer = management + " answered " + status;
        } catch (ConnectException e) {
            answer = "nothing answers at " + management;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        throw new IOException(
                "the gateway at " + gateway + " is not ready (" + answer + "); is the stack up (./mmo up)?");
    }

    /** world-service's metrics now, or null when no candidate answers. */
    PromMetrics scrapeWorld() {
        URI known = worldMetricsFound;
        if (known != null) {
            PromMetrics metrics = scrape(known);
            if (metrics != null) {
                return metrics;
            }
        }
        for (URI candidate : worldMetrics) {
            PromMetrics metrics = scrape(candidate);
            if (metrics != null && metrics.value(FaultInjector.OWNER_GAUGE).orElse(0) == 1) {
                worldMetricsFound = candidate;
                return metrics;
            }
        }
        return null;
    }

    /** Where the world's metrics were found (for the JSON), or null. */
    URI worldMetricsSource() {
        return worldMetricsFound;
    }

    /** A Prometheus text endpoint's samples, or null when it does not answer 200. */
    PromMetrics scrape(URI uri) {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? PromMetrics.parse(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
