package dev.mmo.loadtest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void withoutATerminalEachMessageIsAWholeLine() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // surefire gives the JVM no terminal, as nohup or a CI log does
        try (Progress progress = new Progress(new PrintStream(printed, true, UTF_8))) {
            progress.say("ramp done");
            progress.say("window done");
        }
        assertEquals("ramp done\nwindow done\n", printed.toString(UTF_8));
    }
}
