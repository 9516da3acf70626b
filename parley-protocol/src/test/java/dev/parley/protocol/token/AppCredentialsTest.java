package dev.parley.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppCredentialsTest {
    private static final String VALID = "970CA35de60c44645bbae8a215061b33";

    @Test
    void acceptsThirtyTwoHexCharactersOfEitherCaseAndKeepsThemAsGiven() {
        var credentials = new AppCredentials(VALID, "5CFd2fd1755d40ecb72977518be15d3b");

        assertThat(credentials.appId()).isEqualTo(VALID);
        assertThat(credentials.appCertificate()).isEqualTo("5CFd2fd1755d40ecb72977518be15d3b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "970CA35de60c44645bbae8a215061b3", "970CA35de60c44645bbae8a215061b334",
            "970CA35de60c44645bbae8a215061b3g", "970CA35de60c44645bbae8a215061b3 ", "970CA35de60c44645bbae8a215061b3٣",
            "９70CA35de60c44645bbae8a215061b33"})
    void rejectsAnythingButThirtyTwoHexCharacters(String bad) {
        assertThatThrownBy(() -> new AppCredentials(bad, VALID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appId")
                .hasMessageContaining("32 hexadecimal");
        assertThatThrownBy(() -> new AppCredentials(VALID, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("appCertificate")
                .hasMessageContaining("32 hexadecimal");
    }

    @Test
    void rejectionMessageDoesNotRepeatTheValue() {
        String almostACertificate = "5CFd2fd1755d40ecb72977518be15d3";

        assertThatThrownBy(() -> new AppCredentials(VALID, almostACertificate))
                .message().doesNotContain(almostACertificate);
    }

    @Test
    void rejectsNulls() {
        assertThatThrownBy(() -> new AppCredentials(null, VALID)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new AppCredentials(VALID, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringShowsTheAppIdButHidesTheCertificate() {
        var credentials = new AppCredentials(VALID, "5CFd2fd1755d40ecb72977518be15d3b");

        assertThat(credentials.toString())
                .contains(VALID)
                .doesNotContain("5CFd2fd1755d40ecb72977518be15d3b")
                .doesNotContain("5CFd2fd1");
    }

    @Test
    void generatesDistinctValidRandomCredentials() {
        var random = new SecureRandom();
        var a = AppCredentials.generate(random);
        var b = AppCredentials.generate(random);

        assertThat(a.appId()).matches("[0-9a-f]{32}");
        assertThat(a.appCertificate()).matches("[0-9a-f]{32}").isNotEqualTo(a.appId());
        assertThat(b).isNotEqualTo(a);
        assertThat(a.toString()).doesNotContain(a.appCertificate());
    }
}
