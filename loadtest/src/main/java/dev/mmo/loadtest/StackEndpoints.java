package dev.mmo.loadtest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stack's HTTP endpoints the tool reads: the gateway's readiness and world-service's metrics. Health and metrics
 * live on each service's management port (its port + 1000: gateway 9080, world 9082) since the internal surface
 * moved there; before that they were on the service's own port. Both are tried, the management port first, and the
 * one that answers is kept.
 */
final class StackEndpoints {

    /** A service's management port is its own port + this (contracts: 8080 → 9080, 8082 → 9082). */
    static final int MANAGEMENT_OFFSET = 1000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI gateway;
    private final List<URI> worldMetrics;
    private volatile URI worldMetricsFound;

    StackEndpoints(BenchOptions options) {
        this.gateway = options.gatewayUrl();
        this.worldMetrics = options.worldMetricsUrls();
    }

    /** Fails with a message that says what to do when the gateway is not ready. */
    void requireUp() throws IOException {
        URI management = URI.create("http://" + gateway.getHost() + ":" + (gateway.getPort() + MANAGEMENT_OFFSET)
                + "/q/health/ready");
        List<String> answers = new ArrayList<>();
        for (URI ready : List.of(management, gateway.resolve("/q/health/ready"))) {
            try {
                int status = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                answers.add(ready + " answered " + status);
            } catch (ConnectException e) {
                answers.add("nothing answers at " + ready);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
        throw new IOException("the gateway at " + gateway + " is not ready (" + String.join("; ", answers)
                + "); is the stack up (./mmo up)?");
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
            if (metrics != null && metrics.value(MmoRun.TICK_GAUGE).isPresent()) {
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
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
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
