package dev.mmo.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class ChatTextTest {

    private final ChatText rules = new ChatText(200);

    @Test
    void trimsAndKeepsOrdinaryText() {
        assertEquals("hello there", accepted("  hello there \t"));
    }

    @Test
    void refusesEmptyAndWhitespaceOnly() {
        refused("");
        refused("   ");
        refused("\t\n \u3000");
    }

    @Test
    void removesControlCharactersAndKeepsLineBreaksAsSpaces() {
        assertEquals("ab c d", accepted("a\u0000b\nc\u0007\rd\u001b"));
    }

    @Test
    void refusesWhatIsOnlyControlCharacters() {
        refused("\u0000\u0007\u001b\u007f\u0085");
    }

    @Test
    void removesBidiOverridesAndLoneSurrogates() {
        assertEquals("evil.exe", accepted("evil\u202E.exe\uD800"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00"; // one character, two UTF-16 units
        assertEquals(emoji.repeat(200), accepted(emoji.repeat(200)));
        refused(emoji.repeat(201));
    }

    @Test
    void twoHundredIsTheLimitAfterTrimming() {
        assertEquals("x".repeat(200), accepted("   " + "x".repeat(200) + "   "));
        refused("x".repeat(201));
    }

    @Test
    void keepsMarkupAsText() {
        assertEquals("<img src=x onerror=alert(1)>", accepted("<img src=x onerror=alert(1)>"));
    }

    @Test
    void keepsEmojiSequencesJoinedByZeroWidthJoiners() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";
        assertEquals(family, accepted(family));
    }

    private String accepted(String raw) {
        return assertInstanceOf(ChatText.Accepted.class, rules.check(raw), raw).text();
    }

    private void refused(String raw) {
        assertInstanceOf(ChatText.Refused.class, rules.check(raw), raw);
    }
}
