package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings whose default is an address ({@code http://localhost:8081/api/auth/jwks}, a JDBC URL, Kafka's
 * {@code localhost:9092}) must, where deployed, be the same kind of address (scheme, path) and lead somewhere real:
 * a host that names a Service or compose service, on a port where the process behind it listens. When the default
 * points at another service's port on localhost, the deployed address must lead to that same service.
 */
final class Addresses {

    /** Where an address leads: the workload (k8s) or compose service, and the port its process listens on. */
    record Target(String workload, int port) {}

    /** Resolves host:port in one deployment; fails when it leads nowhere. */
    interface Network {
        Target resolve(String setting, String host, int port);
    }

    record Address(String scheme, String host, int port, String path) {}

    private static final Pattern URL = Pattern.compile("^([a-z][a-z0-9+.:-]*)://([^/:?]+):(\\d+)([^?]*)(\\?.*)?$");
    private static final Pattern HOST_PORT_LIST = Pattern.compile("^[\\w.-]+:\\d+(,[\\w.-]+:\\d+)*$");

    private Addresses() {}

    static Optional<List<Address>> parse(String value) {
        Matcher url = URL.matcher(value.strip());
        if (url.matches()) {
            return Optional.of(
                    List.of(new Address(url.group(1), url.group(2), Integer.parseInt(url.group(3)), url.group(4))));
        }
        if (HOST_PORT_LIST.matcher(value.strip()).matches()) {
            List<Address> addresses = new ArrayList<>();
            for (String hostPort : value.strip().split(",")) {
                String[] parts = hostPort.split(":");
                addresses.add(new Address("", parts[0], Integer.parseInt(parts[1]), ""));
            }
            return Optional.of(addresses);
        }
        return Optional.empty();
    }

    /** Checks one deployed variable of a service; returns where it leads (nothing when it is no address). */
    static List<Target> check(ServiceConfig service, String env, String value, Network network) {
        var setting = service.settingForEnv(env);
        if (setting.isEmpty() || setting.get().defaultValue().isEmpty()) {
            return List.of();
        }
        String defaultValue = setting.get().defaultValue().get();
        Optional<List<Address>> defaults = parse(defaultValue);
        if (defaults.isEmpty()) {
            return List.of();
        }
        String where = service.name() + " " + env + "=" + value;
        List<Address> deployed =
                parse(value).orElseGet(() -> fail(where + ": must be an address like its default " + defaultValue));
        Address expected = defaults.get().getFirst();
        if (!expected.scheme().isEmpty()) {
            assertEquals(1, deployed.size(), where);
            assertEquals(
                    expected.scheme(), deployed.getFirst().scheme(), where + ": scheme differs from " + defaultValue);
            assertEquals(expected.path(), deployed.getFirst().path(), where + ": path differs from " + defaultValue);
        }
        List<Target> targets = new ArrayList<>();
        for (Address address : deployed) {
            Target target = network.resolve(where, address.host(), address.port());
            targets.add(target);
        }
        if (defaults.get().size() == 1 && List.of("localhost", "127.0.0.1").contains(expected.host())) {
            for (ServiceConfig other : ServiceConfig.all()) {
                if (other.httpPort() == expected.port()) {
                    for (Target target : targets) {
                        assertEquals(
                                other.name(),
                                target.workload(),
                                where + ": the default " + defaultValue + " is " + other.name()
                                        + "'s port, so this must lead to " + other.name());
                        assertEquals(other.httpPort(), target.port(), where);
                    }
                }
            }
        }
        assertTrue(!targets.isEmpty(), where);
        return targets;
    }
}
