package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each service's Dockerfile builds the way CI builds, and runs the service the way its config says. */
class DockerfilesTest {

    static Stream<ServiceConfig> services() {
        return ServiceConfig.all().stream();
    }

    static Dockerfile dockerfileOf(ServiceConfig service) {
        return Dockerfile.read(service.name() + "/Dockerfile");
    }

    @Test
    void theServicesAreFoundFromTheParentPom() {
        // guards the derivation every other check relies on: a service the checks did not find is never checked
        assertEquals(
                List.of("auth-service", "world-service", "chat-service", "gateway"),
                services().map(ServiceConfig::name).toList());
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyServiceHasADockerfileInItsModule(ServiceConfig service) {
        assertTrue(
                Files.isRegularFile(Repo.path(service.name()).resolve("Dockerfile")),
                service.name() + "/Dockerfile is missing");
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildStageIsTheJdkOfTheCompilerRelease(ServiceConfig service) {
        String release = Repo.parentProperty("maven.compiler.release");
        assertEquals(
                "eclipse-temurin:" + release + "-jdk",
                dockerfileOf(service).stage("build").image(),
                "the build stage must compile with the JDK that maven.compiler.release (pom.xml) names");
    }

    @ParameterizedTest
    @MethodSource("services")
    void runtimeStageIsTheJreOfTheCompilerRelease(ServiceConfig service) {
        String release = Repo.parentProperty("maven.compiler.release");
        assertEquals(
                "eclipse-temurin:" + release + "-jre",
                dockerfileOf(service).last().image());
    }

    /** The flags of .ci/run's Maven Wrapper call (its MAVEN_ARGS and the ./mvnw line): the image build must not drift. */
    static List<String> ciMavenFlags() {
        Matcher mavenArgs =
                Pattern.compile("(?m)^export MAVEN_ARGS=\"([^\"]*)\"$").matcher(Repo.read(".ci/run"));
        List<String> flags = new ArrayList<>(mavenArgs.find() ? Dockerfile.words(mavenArgs.group(1)) : List.of());
        for (String line : Repo.read(".ci/run").split("\n")) {
            List<String> words = Dockerfile.words(line);
            if (!words.isEmpty() && words.getFirst().equals("./mvnw")) {
                words.stream().filter(w -> w.startsWith("-")).forEach(flags::add);
                return flags;
            }
        }
        return fail(".ci/run has no ./mvnw line to compare with");
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildStageRunsTheCiMavenBuildForItsModuleOnly(ServiceConfig service) {
        List<String> maven = mavenCommand(dockerfileOf(service));
        assertEquals("./mvnw", maven.getFirst(), "the build must use the project's Maven Wrapper, as CI and README do");
        List<String> arguments = maven.subList(1, maven.size());
        List<String> ciFlags = ciMavenFlags();
        assertTrue(arguments.containsAll(ciFlags), "the image build must pass CI's flags " + ciFlags + ": " + maven);

        int projectList = arguments.indexOf("-pl");
        assertTrue(projectList >= 0 && projectList + 1 < arguments.size(), "-pl <module> is missing: " + maven);
        assertEquals(service.name(), arguments.get(projectList + 1), "-pl must name this service's own module");
        assertTrue(Repo.modules().contains(service.name()));
        assertTrue(arguments.contains("-am"), "-am builds the modules it depends on: " + maven);

        List<String> goals = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-pl")) {
                i++;
            } else if (argument.startsWith("-")) {
                Set<String> allowed = new HashSet<>(ciFlags);
                allowed.addAll(List.of(
                        "-am", "-DskipTests", "-Dmaven.test.skip=true")); // tests are CI's job; the image only packages
                assertTrue(allowed.contains(argument), "unexpected Maven flag " + argument + " in " + maven);
            } else {
                goals.add(argument);
            }
        }
        assertEquals(List.of("package"), goals, "the image needs the packaged application, nothing more");
    }

    private static List<String> mavenCommand(Dockerfile dockerfile) {
        for (String run : dockerfile.stage("build").all("RUN")) {
            List<String> words = Dockerfile.words(run);
            int wrapper = words.indexOf("./mvnw");
            if (wrapper >= 0) {
                List<String> command = words.subList(wrapper, words.size());
                assertFalse(
                        command.contains("&&") || command.contains(";"),
                        "keep the Maven call alone in its RUN line, so it can be compared: " + run);
                return command;
            }
        }
        return fail(dockerfile.path() + ": the build stage does not run ./mvnw");
    }

    @ParameterizedTest
    @MethodSource("services")
    void runtimeCopiesTheWholeQuarkusFastJarFromTheBuild(ServiceConfig service) {
        String app = "/src/" + service.name() + "/target/quarkus-app/";
        Set<String> copied = new HashSet<>();
        for (String copy : dockerfileOf(service).last().all("COPY")) {
            List<String> words = Dockerfile.words(copy);
            if (words.contains("--from=build")) {
                String source = words.get(words.size() - 2);
                assertTrue(source.startsWith(app), "copies from outside " + app + ": " + copy);
                copied.add(source.substring(app.length()));
            }
        }
        assertEquals(
                Set.of("lib/", "app/", "quarkus/", "quarkus-run.jar"),
                copied,
                "the fast-jar layout is these four parts, all needed at run time");
    }

    @ParameterizedTest
    @MethodSource("services")
    void entrypointRunsTheJarWithTheJvmFlagsTheBuildUses(ServiceConfig service) {
        Dockerfile.Stage runtime = dockerfileOf(service).last();
        List<String> entrypoint = runtime.execForm("ENTRYPOINT")
                .orElseGet(() -> fail("the runtime stage needs an ENTRYPOINT in exec form"));
        assertEquals("java", entrypoint.getFirst());
        List<String> opens = Arrays.asList(Repo.parentProperty("mmo.jvm.opens").split("\\s+"));
        assertTrue(
                java.util.Collections.indexOfSubList(entrypoint, opens) > 0,
                "the service JVM needs " + opens + " (pom.xml mmo.jvm.opens, jboss-threads on JDK 25): " + entrypoint);

        String workdir = runtime.all("WORKDIR").getLast();
        String jar = runtime.all("COPY").stream()
                .map(Dockerfile::words)
                .filter(w -> w.get(w.size() - 2).endsWith("/quarkus-run.jar"))
                .map(w -> w.getLast().startsWith("/") ? w.getLast() : workdir + "/" + w.getLast())
                .findFirst()
                .orElseGet(() -> fail("quarkus-run.jar is not copied"));
        assertEquals(
                List.of("-jar", jar),
                entrypoint.subList(entrypoint.size() - 2, entrypoint.size()),
                "the entrypoint must start the jar where it was copied");
    }

    @ParameterizedTest
    @MethodSource("services")
    void exposesTheServicesHttpPort(ServiceConfig service) {
        assertEquals(
                List.of(String.valueOf(service.httpPort())),
                dockerfileOf(service).last().all("EXPOSE"),
                "EXPOSE must be quarkus.http.port of " + service.name());
    }

    @ParameterizedTest
    @MethodSource("services")
    void runsAsANumericNonRootUser(ServiceConfig service) {
        List<String> users = dockerfileOf(service).last().all("USER");
        assertFalse(users.isEmpty(), "the runtime stage must switch to a non-root USER");
        String user = users.getLast();
        // numeric, so Kubernetes can verify runAsNonRoot without reading /etc/passwd
        assertTrue(user.matches("[1-9][0-9]*"), "USER must be a non-zero uid: " + user);
    }

    @ParameterizedTest
    @MethodSource("services")
    void setsOnlyEnvironmentVariablesTheServiceReads(ServiceConfig service) {
        for (String env : dockerfileOf(service).last().env().keySet()) {
            assertTrue(service.readsEnv(env), service.name() + " reads no " + env + " (Dockerfile ENV)");
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void buildStageHasNodeWhenTheModuleBuildRunsNpm(ServiceConfig service) {
        List<String> npmModules = Repo.reactorModulesOf(service.name()).stream()
                .filter(module -> Repo.read(module + "/pom.xml").contains("<executable>npm</executable>"))
                .toList();
        Dockerfile dockerfile = dockerfileOf(service);
        Dockerfile.Stage build = dockerfile.stage("build");
        boolean nodeCopied = build.all("COPY").stream().anyMatch(c -> c.contains("/usr/local/bin/node"))
                && build.all("COPY").stream().anyMatch(c -> c.contains("node_modules/npm"))
                && build.all("RUN").stream().anyMatch(r -> r.contains("/usr/local/bin/npm"));
        if (npmModules.isEmpty()) {
            assertFalse(nodeCopied, service.name() + " builds no npm module; leave Node.js out of its build");
            return;
        }
        assertTrue(
                nodeCopied,
                service.name() + "'s build runs npm (in " + npmModules + "), so its build stage needs node and npm");
        Dockerfile.Stage node = dockerfile.stage("node");
        Matcher tag = Pattern.compile("^node:(\\d+)").matcher(node.image());
        assertTrue(tag.find(), "the node stage must name a Node.js major version: " + node.image());
        for (String module : npmModules) {
            Matcher engines =
                    Pattern.compile("\"node\"\\s*:\\s*\">=\\s*(\\d+)").matcher(Repo.read(module + "/package.json"));
            if (engines.find()) {
                assertTrue(
                        Integer.parseInt(tag.group(1)) >= Integer.parseInt(engines.group(1)),
                        module + "/package.json needs Node.js " + engines.group(1) + "+, the image has "
                                + node.image());
            }
        }
    }

    @Test
    void dockerignoreSendsTheSourcesButNotWhatBuildsLeaveBehind() {
        DockerIgnore ignore = new DockerIgnore(Repo.read(".dockerignore"));
        List<String> needed = new ArrayList<>(List.of(
                "pom.xml", "mvnw", ".mvn/wrapper/maven-wrapper.properties", ".mvn/jvm.config", ".mvn/jdk25.sh"));
        for (String module : Repo.modules()) {
            needed.add(module + "/pom.xml");
            needed.add(module + "/src/main/java/X.java");
            needed.add(module + "/src/main/resources/application.properties");
            if (Files.exists(Repo.path(module).resolve("package.json"))) {
                needed.addAll(
                        List.of(module + "/package.json", module + "/package-lock.json", module + "/src/main.ts"));
            }
        }
        for (String path : needed) {
            assertFalse(ignore.excludes(path), ".dockerignore leaves out " + path + ", which the image build needs");
        }
        for (String path : List.of(
                ".git/config",
                ".mmo/data/postgres/PG_VERSION",
                "auth-service/target/x.jar",
                "web-client/node_modules/vite/package.json",
                "web-client/dist/index.html")) {
            assertTrue(ignore.excludes(path), ".dockerignore should leave out " + path);
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void theUserIsTheOneKubernetesRunsAs(ServiceConfig service) {
        String user = dockerfileOf(service).last().all("USER").getLast();
        var deployment = Manifests.workload("Deployment", service.name());
        var securityContext =
                deployment.path("spec").path("template").path("spec").path("securityContext");
        assertEquals(
                user,
                securityContext.path("runAsUser").asText(),
                "k8s runAsUser of " + service.name() + " must be its image's USER");
        assertTrue(securityContext.path("runAsNonRoot").asBoolean(), service.name() + " must set runAsNonRoot");
        assertNotEquals("0", user);
    }

    /** Docker's .dockerignore rules, as far as this project uses them: globs, **, and ! exceptions. */
    static final class DockerIgnore {
        private final List<Map.Entry<Pattern, Boolean>> rules = new ArrayList<>();

        DockerIgnore(String text) {
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean include = line.startsWith("!");
                String pattern = (include ? line.substring(1) : line).replaceAll("^/+|/+$", "");
                rules.add(Map.entry(Pattern.compile(globToRegex(pattern)), include));
            }
        }

        /** A path is left out when it, or a folder above it, matches; the last matching rule decides. */
        boolean excludes(String path) {
            boolean excluded = false;
            String[] parts = path.split("/");
            for (var rule : rules) {
                for (int i = 1; i <= parts.length; i++) {
                    if (rule.getKey()
                            .matcher(String.join("/", Arrays.copyOf(parts, i)))
                            .matches()) {
                        excluded = !rule.getValue();
                        break;
                    }
                }
            }
            return excluded;
        }

        private static String globToRegex(String glob) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < glob.length(); i++) {
                char c = glob.charAt(i);
                if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean slashFollows = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    regex.append(slashFollows ? "(?:.*/)?" : ".*");
                    i += slashFollows ? 2 : 1;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return regex.toString();
        }
    }
}
