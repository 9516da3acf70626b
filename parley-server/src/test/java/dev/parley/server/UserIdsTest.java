package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** User ids are checked in their raw form: only ASCII letters, digits, {@code _ - .}; then lower-cased. */
class UserIdsTest {
    @Test
    void asciiIdsAreLowerCased() {
        assertThat(UserIds.normalize("Leo_The-1.st")).contains("leo_the-1.st");
        assertThat(UserIds.normalize("x".repeat(64))).isPresent();
        assertThat(UserIds.normalize("x".repeat(65))).isEmpty();
        assertThat(UserIds.normalize("")).isEmpty();
    }

    @Test
    void theKelvinSignIsNotTheLetterK() {
        // U+212A lower-cases to an ASCII 'k': checked after lower-casing it passed as "kelvin"
        assertThat("\u212Aelvin".toLowerCase(java.util.Locale.ROOT)).isEqualTo("kelvin");
        assertThat(UserIds.normalize("\u212Aelvin")).isEmpty();
        assertThat(UserIds.normalize("\u212A")).isEmpty();
    }

    @Test
    void dottedAndDotlessIAreNotI() {
        assertThat(UserIds.normalize("\u0130van")).isEmpty(); // capital I with dot above
        assertThat(UserIds.normalize("\u0131van")).isEmpty(); // dotless small i
        assertThat(UserIds.normalize("Ivan")).contains("ivan");
    }

    @Test
    void otherLookAlikesAreRefused() {
        assertThat(UserIds.normalize("\u017Fam")).isEmpty(); // long s, upper-cases to S
        assertThat(UserIds.normalize("\uFF4Ceo")).isEmpty(); // fullwidth l
        assertThat(UserIds.normalize("le\u200Bo")).isEmpty(); // zero-width space
    }
}
