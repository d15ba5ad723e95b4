package dev.mmo.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The properties a service's {@code @ConfigMapping} interfaces declare, read from their source: the deploy files
 * must be checked against the code as it is, and the services' classes are not on this module's classpath.
 * Handles what the services use (nested interfaces, {@code Optional}, {@code @WithDefault}, {@code @WithName}) and
 * fails on anything else rather than guess.
 */
final class ConfigMappingReader {

    /** One leaf property: its full name, its {@code @WithDefault} if any, and the prefix of its mapping. */
    record MappedProperty(String name, Optional<String> defaultValue, String mappingPrefix, String declaredIn) {}

    private static final Pattern MAPPING =
            Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]*)\"\\s*\\)[^{;]*?interface\\s+(\\w+)");
    private static final Pattern MEMBER = Pattern.compile(
            "^(?<annotations>(?:@[\\w.]+(?:\\s*\\([^)]*\\))?\\s*)*)(?<type>[\\w.]+(?:\\s*<[^()]*>)?(?:\\[\\])?)\\s+"
                    + "(?<name>\\w+)\\s*\\(\\s*\\)$");
    private static final Pattern ANNOTATION =
            Pattern.compile("@([\\w.]+)(?:\\s*\\(\\s*(?:value\\s*=\\s*)?\"((?:[^\"\\\\]|\\\\.)*)\"\\s*\\))?");

    private ConfigMappingReader() {}

    static List<MappedProperty> read(Path sourceRoot) {
        List<MappedProperty> properties = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = withoutComments(Files.readString(file));
                Matcher mapping = MAPPING.matcher(source);
                while (mapping.find()) {
                    Map<String, Block> interfaces = interfacesIn(source);
                    String prefix = mapping.group(1);
                    Block root = interfaces.get(mapping.group(2));
                    collect(root, prefix, prefix, interfaces, file.getFileName().toString(), properties);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private record Block(String name, String body) {}

    private static void collect(
            Block block,
            String rootPrefix,
            String prefix,
            Map<String, Block> interfaces,
            String file,
            List<MappedProperty> out) {
        for (String member : membersOf(block.body())) {
            if (member.startsWith("default ") || member.startsWith("static ") || member.startsWith("interface ")) {
                continue;
            }
            Matcher matcher = MEMBER.matcher(member);
            if (!matcher.matches()) {
                throw new IllegalStateException("cannot read config mapping member in " + file + ": " + member);
            }
            String name = kebab(matcher.group("name"));
            Optional<String> defaultValue = Optional.empty();
            Matcher annotation = ANNOTATION.matcher(matcher.group("annotations"));
            while (annotation.find()) {
                switch (annotation.group(1)) {
                    case "WithDefault" -> defaultValue = Optional.of(annotation.group(2));
                    case "WithName" -> name = annotation.group(2);
                    case "Deprecated" -> {}
                    default ->
                        throw new IllegalStateException("config mapping annotation @" + annotation.group(1) + " in "
                                + file + " is not understood by this check; teach ConfigMappingReader");
                }
            }
            String type = matcher.group("type").replaceAll("\\s", "");
            String fullName = prefix.isEmpty() ? name : prefix + "." + name;
            if (type.startsWith("Map<") || type.startsWith("java.util.Map<")) {
                throw new IllegalStateException("Map-valued config mapping " + fullName + " in " + file
                        + " is not understood by this check; teach ConfigMappingReader");
            }
            Block nested = interfaces.get(type);
            if (nested != null) {
                collect(nested, rootPrefix, fullName, interfaces, file, out);
            } else {
                out.add(new MappedProperty(fullName, defaultValue, rootPrefix, file));
            }
        }
    }

    /**
     * camelCase method name to the kebab-case property name SmallRye derives from it: a word starts at each capital,
     * and a run of capitals is one word (an acronym) up to the capital that starts the next word.
     */
    static String kebab(String methodName) {
        return methodName
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    /** Every interface declared in the file, by simple name, with its body. */
    private static Map<String, Block> interfacesIn(String source) {
        Map<String, Block> found = new HashMap<>();
        Matcher header = Pattern.compile("\\binterface\\s+(\\w+)[^{]*\\{").matcher(source);
        while (header.find()) {
            int open = header.end() - 1;
            found.put(
                    header.group(1),
                    new Block(header.group(1), source.substring(open + 1, matchingBrace(source, open))));
        }
        return found;
    }

    /**
     * The body's members at its own level: declarations ending in ';', and blocks (nested interfaces, default
     * methods) reduced to their header.
     */
    private static List<String> membersOf(String body) {
        List<String> members = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '{') {
                members.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
                i = matchingBrace(body, i);
            } else if (c == ';') {
                members.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        members.removeIf(String::isEmpty);
        return members;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces");
    }

    private static int endOfString(String text, int quote) {
        for (int i = quote + 1; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
            } else if (text.charAt(i) == '"') {
                return i;
            }
        }
        throw new IllegalStateException("unterminated string");
    }

    /** Drops comments, keeping string literals (a default may well contain "//"). */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '"') {
                int end = endOfString(source, i);
                out.append(source, i, end + 1);
                i = end;
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '/') {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '/' && i + 1 < source.length() && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
