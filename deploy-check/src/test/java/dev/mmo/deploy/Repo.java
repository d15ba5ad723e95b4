package dev.mmo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The repository being checked: its root, its files, and what the parent pom says. */
final class Repo {

    static final Path ROOT =
            Path.of(System.getProperty("mmo.root", "..")).toAbsolutePath().normalize();

    private Repo() {}

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " under " + ROOT, e);
        }
    }

    static Document pom(String moduleDir) {
        Path pom = moduleDir.isEmpty() ? path("pom.xml") : path(moduleDir).resolve("pom.xml");
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + pom, e);
        }
    }

    /** The parent pom's {@code <modules>}, in reactor order. */
    static List<String> modules() {
        return childTexts(pom("").getDocumentElement(), "modules", "module");
    }

    /** The project's version: the parent pom's own {@code <version>}, which every module inherits. */
    static String version() {
        return firstChild(pom("").getDocumentElement(), "version")
                .map(e -> e.getTextContent().trim())
                .orElseThrow(() -> new IllegalStateException("the parent pom has no <version>"));
    }

    /** The image a service's Dockerfile is built into, tagged with the project's version. */
    static String image(String service) {
        return "mmo/" + service + ":" + version();
    }

    /** A {@code <properties>} value of the parent pom. */
    static String parentProperty(String name) {
        Element properties = firstChild(pom("").getDocumentElement(), "properties")
                .orElseThrow(() -> new IllegalStateException("the parent pom has no <properties>"));
        return firstChild(properties, name)
                .map(e -> e.getTextContent().trim())
                .orElseThrow(() -> new IllegalStateException("the parent pom has no property " + name));
    }

    static String artifactId(String moduleDir) {
        return firstChild(pom(moduleDir).getDocumentElement(), "artifactId")
                .orElseThrow()
                .getTextContent()
                .trim();
    }

    /** artifactIds of a module's dependencies (any scope) in this project's groupId. */
    static List<String> projectDependencies(String moduleDir) {
        List<String> found = new ArrayList<>();
        Element project = pom(moduleDir).getDocumentElement();
        firstChild(project, "dependencies").ifPresent(dependencies -> {
            NodeList all = dependencies.getElementsByTagName("dependency");
            for (int i = 0; i < all.getLength(); i++) {
                Element dependency = (Element) all.item(i);
                String group = firstChild(dependency, "groupId")
                        .map(e -> e.getTextContent().trim())
                        .orElse("");
                if (group.equals("dev.mmo")) {
                    found.add(firstChild(dependency, "artifactId")
                            .orElseThrow()
                            .getTextContent()
                            .trim());
                }
            }
        });
        return found;
    }

    static Optional<Element> firstChild(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static List<String> childTexts(Element parent, String listName, String itemName) {
        List<String> texts = new ArrayList<>();
        firstChild(parent, listName).ifPresent(list -> {
            for (var node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(itemName)) {
                    texts.add(element.getTextContent().trim());
                }
            }
        });
        return texts;
    }

    /** The modules {@code -pl module -am} builds: the module and, transitively, its dependencies in this project. */
    static Set<String> reactorModulesOf(String module) {
        Map<String, String> moduleByArtifact = new HashMap<>();
        for (String m : Repo.modules()) {
            moduleByArtifact.put(Repo.artifactId(m), m);
        }
        Set<String> found = new HashSet<>();
        var pending = new ArrayDeque<>(List.of(module));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (found.add(next)) {
                for (String artifact : Repo.projectDependencies(next)) {
                    String dependency = moduleByArtifact.get(artifact);
                    if (dependency == null) {
                        throw new IllegalStateException(
                                next + " depends on " + artifact + ", which is no module of pom.xml");
                    }
                    pending.push(dependency);
                }
            }
        }
        return found;
    }
}
