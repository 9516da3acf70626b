package dev.parley.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Avatars (initials on a stable colour) and the day separators' words. */
class PeopleAndDaysTest {
    @Test
    void initialsTakeTheFirstLetterAndTheOneAfterASeparator() {
        assertThat(Avatar.initialsOf("roy")).isEqualTo("R");
        assertThat(Avatar.initialsOf("roy.smith")).isEqualTo("RS");
        assertThat(Avatar.initialsOf("ada_lovelace")).isEqualTo("AL");
        assertThat(Avatar.initialsOf("x-")).isEqualTo("X");
        assertThat(Avatar.initialsOf("")).isEqualTo("?");
    }

    @Test
    void eachUserKeepsTheSameColourAndUsersAreSpreadOverThePalette() {
        assertThat(Avatar.colourFor("roy")).isEqualTo(Avatar.colourFor("roy"));
        long colours = java.util.stream.Stream.of("roy", "leo", "amy", "bob", "eve", "ann", "joe", "kim", "tom", "sue")
                .map(Avatar::colourFor).distinct().count();
        assertThat(colours).isGreaterThanOrEqualTo(4);
        for (var c : Avatar.PALETTE) { // white initials stay readable: relative luminance low enough for 4.5:1
            double l = 0.2126 * lin(c.getRed()) + 0.7152 * lin(c.getGreen()) + 0.0722 * lin(c.getBlue());
            assertThat((1.05) / (l + 0.05)).as("contrast of %s", c).isGreaterThanOrEqualTo(4.5);
        }
    }

    @Test
    void daySeparatorsSayTodayYesterdayOrTheDate() {
        ZoneId zone = ZoneId.systemDefault();
        LocalDate today = LocalDate.of(2026, 12, 7);
        assertThat(TimeLabels.day(today.atTime(LocalTime.of(9, 0)).atZone(zone).toInstant(), today))
                .isEqualTo("Today");
        assertThat(TimeLabels.day(today.minusDays(1).atTime(LocalTime.of(23, 59)).atZone(zone).toInstant(), today))
                .isEqualTo("Yesterday");
        assertThat(TimeLabels.day(today.minusDays(2).atTime(LocalTime.NOON).atZone(zone).toInstant(), today))
                .isEqualTo("Saturday 5 December 2026");
        assertThat(TimeLabels.full(today.atTime(LocalTime.of(14, 5, 9)).atZone(zone).toInstant()))
                .isEqualTo("Monday 7 December 2026, 14:05:09");
    }

    private static double lin(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
