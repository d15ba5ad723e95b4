package dev.mmo.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A Dockerfile read into stages and instructions: enough to compare it with the build and the config. */
record Dockerfile(String path, List<Stage> stages) {

    record Instruction(String keyword, String arguments) {}

    record Stage(String image, Optional<String> name, List<Instruction> instructions) {

        List<String> all(String keyword) {
            return instructions.stream()
                    .filter(i -> i.keyword().equals(keyword))
                    .map(Instruction::arguments)
                    .toList();
        }

        /** ENV's variables, in both forms: {@code ENV A=1 B=2} and {@code ENV A 1}. */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String arguments : all("ENV")) {
                if (arguments.matches("^[A-Za-z_][A-Za-z0-9_]*\\s+[^=]*$")) {
                    String[] parts = arguments.split("\\s+", 2);
                    env.put(parts[0], parts[1]);
                } else {
                    for (String pair : arguments.split("\\s+")) {
                        String[] parts = pair.split("=", 2);
                        env.put(parts[0], parts.length > 1 ? parts[1].replaceAll("^\"|\"$", "") : "");
                    }
                }
            }
            return env;
        }

        /** The last instruction of this keyword in exec form (a JSON array), e.g. ENTRYPOINT. */
        Optional<List<String>> execForm(String keyword) {
            List<String> found = all(keyword);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new ObjectMapper().readValue(found.getLast(), new TypeReference<List<String>>() {}));
            } catch (Exception e) {
                throw new IllegalStateException(keyword + " is not in exec form (a JSON array): " + found.getLast());
            }
        }
    }

    static Dockerfile read(String relativePath) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (String line : logicalLines(Repo.read(relativePath))) {
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String arguments = parts.length > 1 ? parts[1].strip() : "";
            if (keyword.equals("FROM")) {
                String[] from = arguments.split("\\s+");
                Optional<String> name =
                        from.length >= 3 && from[1].equalsIgnoreCase("AS") ? Optional.of(from[2]) : Optional.empty();
                current = new ArrayList<>();
                stages.add(new Stage(from[0], name, current));
            } else if (current == null) {
                if (!keyword.equals("ARG")) {
                    throw new IllegalStateException(relativePath + ": " + keyword + " before the first FROM");
                }
            } else {
                current.add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(relativePath, stages);
    }

    Stage stage(String name) {
        return stages.stream()
                .filter(s -> s.name().equals(Optional.of(name)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(path + " has no stage named " + name));
    }

    Stage last() {
        return stages.getLast();
    }

    /** Joins continuation lines and drops comments and blank lines. */
    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue; // comments may sit between continuation lines too
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                current.append(line);
                if (!current.toString().isBlank()) {
                    lines.add(current.toString().strip());
                }
                current.setLength(0);
            }
        }
        return lines;
    }

    /** Shell words of a RUN line, split on whitespace; quoting is not needed for the commands checked here. */
    static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+")).toList();
    }
}
