package dev.mmo.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CI proves what a newcomer gets: .ci/run installs only what the README's first lines name, and then runs the
 * README's test command, so a step the README leaves out fails on CI as it fails on a fresh machine.
 */
class CiRunTest {

    private static final Pattern APT_INSTALL = Pattern.compile("(?m)\\bapt_install ([^|&;\\n]+)");

    /** The README's first lines: up to its first section heading. */
    private static String readmeFirstLines() {
        String readme = Repo.read("README.md");
        return readme.substring(0, readme.indexOf("\n## "));
    }

    @Test
    void runsTheReadmesTestCommand() {
        List<String> readmeCommands = commandLines(readmeFirstLines());
        List<String> ciCommands = commandLines(Repo.read(".ci/run"));
        assertEquals(1, ciCommands.size(), ".ci/run runs Maven once: " + ciCommands);
        assertTrue(
                readmeCommands.contains(ciCommands.getFirst()),
                ".ci/run runs " + ciCommands.getFirst() + ", which is none of the README's " + readmeCommands);
    }

    @Test
    void installsOnlyWhatTheReadmeNames() {
        String readme = readmeFirstLines();
        Matcher aptLine = Pattern.compile("apt-get install ([\\w. +-]+)`").matcher(readme);
        assertTrue(aptLine.find(), "the README's first lines give the apt-get line that installs what a machine needs");
        List<String> named = List.of(aptLine.group(1).strip().split("\\s+"));
        List<String> installed = new ArrayList<>();
        Matcher install = APT_INSTALL.matcher(Repo.read(".ci/run"));
        while (install.find()) {
            installed.addAll(List.of(install.group(1).strip().split("\\s+")));
        }
        assertFalse(installed.isEmpty(), ".ci/run installs what a fresh machine lacks");
        assertTrue(named.containsAll(installed), ".ci/run installs " + installed + "; the README names " + named);
    }

    /** The lines that run the Maven Wrapper, without comments. */
    private static List<String> commandLines(String text) {
        List<String> commands = new ArrayList<>();
        for (String line : text.split("\n")) {
            String command = line.replaceFirst("\\s+#.*", "").strip();
            if (command.startsWith("./mvnw")) {
                commands.add(command);
            }
        }
        return commands;
    }
}
