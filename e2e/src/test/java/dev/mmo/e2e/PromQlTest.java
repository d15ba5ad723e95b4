package dev.mmo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tokenizer MonitoringMetricsTest reads the dashboard's and the rules' queries with. */
class PromQlTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            value = {
                "up{job=\"mmo\"} == 0 => up",
                "(sum(mmo_world_owner) or vector(0)) < 1 => mmo_world_owner",
                "histogram_quantile(0.99, sum by (le) (rate(a_bucket[5m]))) > 0.025 => a_bucket",
                "sum(rate(a_total[1m])) by (service, instance) => a_total",
                "(sum(rate(a_count[$__rate_interval])) or vector(0)) < 1 and on() sum(b) >= 1 => a_count b",
                "x == 0 or y == 0 => x y",
                "min_over_time(w[5m]) > 0 and deriv(w[5m]) > 0 => w",
                "sum by (status) (rate(h{service=\"gateway\", uri=~\"/api/auth/.*\", status=~\"429|503\"}[1m])) => h",
                "a / ignoring(code) group_left(version) b => a b",
                "rate(c[5m] offset 1h) * 1e3 => c",
                "max(rate(c[10m:1m])) => c",
                "count(mmo_world_owner == 0) or vector(0) => mmo_world_owner",
                "label_replace(k, \"dst\", \"$1\", \"src\", \"(.*)\") => k",
                "sum without (instance) (ns:metric:rate5m) => ns:metric:rate5m",
                "max by (instance) (process_cpu_usage) > bool 0.9 => process_cpu_usage",
            })
    void findsTheMetricNamesAndNothingElse(String expression, String names) {
        assertEquals(new TreeSet<>(Set.of(names.split(" "))), PromQl.metricNames(expression), expression);
    }
}
