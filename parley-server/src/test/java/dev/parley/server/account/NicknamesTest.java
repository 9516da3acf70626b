package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nicknames are printable text of 1–64 code points: no control or text-direction characters. */
class NicknamesTest {
    @Test
    void printableNamesInAnyScriptAreAccepted() {
        assertThat(Nicknames.problem("Leo the First")).isEmpty();
        assertThat(Nicknames.problem("Zoë Ørsted-Łukasz")).isEmpty();
        assertThat(Nicknames.problem("李小龙")).isEmpty();
        assertThat(Nicknames.problem("مرحبا")).as("right-to-left letters themselves are fine").isEmpty();
        assertThat(Nicknames.problem("👩‍💻 dev")).as("emoji with a zero-width joiner").isEmpty();
    }

    @Test
    void lengthIsCountedInCodePoints() {
        assertThat(Nicknames.problem("😀".repeat(64))).as("64 code points, 128 chars").isEmpty();
        assertThat(Nicknames.problem("😀".repeat(65))).isPresent();
        assertThat(Nicknames.problem("x".repeat(65))).isPresent();
        assertThat(Nicknames.problem("")).isPresent();
    }

    @Test
    void controlCharactersAreRefused() {
        for (String bad : new String[] {"a\u0000b", "line\nbreak", "tab\there", "bell\u0007", "del\u007F",
                "c1\u0085", "sep\u2028arator", "para\u2029graph"}) {
            assertThat(Nicknames.problem(bad)).as(bad).isPresent();
        }
    }

    @Test
    void bidirectionalOverridesIsolatesAndMarksAreRefused() {
        for (int cp : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                0x200E, 0x200F, 0x061C}) {
            String name = "admin" + Character.toString(cp) + "nimda";
            assertThat(Nicknames.problem(name)).as("U+%04X", cp).hasValueSatisfying(
                    why -> assertThat(why).contains(String.format("U+%04X", cp)));
        }
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThat(Nicknames.problem("a\uD83Db")).isPresent();
        assertThat(Nicknames.problem("a\uDE00")).isPresent();
    }
}
