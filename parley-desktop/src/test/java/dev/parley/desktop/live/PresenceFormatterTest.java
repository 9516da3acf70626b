package dev.parley.desktop.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The header's presence line at its edges: minutes, midnight, yesterday, other days and years, clocks that differ. */
class PresenceFormatterTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static String seen(String now, String lastSeen) {
        Clock clock = Clock.fixed(ZonedDateTime.parse(now).toInstant(), BERLIN);
        return new PresenceFormatter(clock, Locale.UK)
                .header(new Presence(Presence.State.OFFLINE, ZonedDateTime.parse(lastSeen).toInstant().toEpochMilli(),
                        ""));
    }

    @Test
    void onlineOfflineAndUnknown() {
        PresenceFormatter formatter = new PresenceFormatter(Clock.systemUTC(), Locale.UK);
        assertThat(formatter.header(new Presence(Presence.State.ONLINE, 0, "busy"))).isEqualTo("online");
        assertThat(formatter.header(new Presence(Presence.State.OFFLINE, 0, ""))).isEqualTo("offline");
        assertThat(formatter.header(Presence.UNKNOWN)).isEmpty();
    }

    @Test
    void minutesAgo() {
        String now = "2026-12-07T14:30:00+01:00[Europe/Berlin]";
        assertThat(seen(now, "2026-12-07T14:30:00+01:00[Europe/Berlin]")).isEqualTo("last seen just now");
        assertThat(seen(now, "2026-12-07T14:29:00.001+01:00[Europe/Berlin]")).isEqualTo("last seen just now");
        assertThat(seen(now, "2026-12-07T14:29:00+01:00[Europe/Berlin]")).isEqualTo("last seen 1 minute ago");
        assertThat(seen(now, "2026-12-07T14:25:00+01:00[Europe/Berlin]")).isEqualTo("last seen 5 minutes ago");
        assertThat(seen(now, "2026-12-07T13:30:00.001+01:00[Europe/Berlin]")).isEqualTo("last seen 59 minutes ago");
        assertThat(seen(now, "2026-12-07T13:30:00+01:00[Europe/Berlin]")).isEqualTo("last seen today at 13:30");
        assertThat(seen(now, "2026-12-07T14:31:00+01:00[Europe/Berlin]")).as("a clock ahead of ours")
                .isEqualTo("last seen just now");
    }

    @Test
    void todayYesterdayAndOlderAcrossMidnight() {
        String justAfterMidnight = "2026-12-08T00:20:00+01:00[Europe/Berlin]";
        assertThat(seen(justAfterMidnight, "2026-12-07T23:50:00+01:00[Europe/Berlin]"))
                .as("within the hour counts in minutes, even across midnight").isEqualTo("last seen 30 minutes ago");
        assertThat(seen(justAfterMidnight, "2026-12-07T09:12:00+01:00[Europe/Berlin]"))
                .isEqualTo("last seen yesterday at 09:12");
        assertThat(seen(justAfterMidnight, "2026-12-07T00:00:00+01:00[Europe/Berlin]"))
                .isEqualTo("last seen yesterday at 00:00");
        assertThat(seen(justAfterMidnight, "2026-12-06T23:59:59+01:00[Europe/Berlin]"))
                .isEqualTo("last seen 6 Dec");
        assertThat(seen("2026-12-07T23:59:00+01:00[Europe/Berlin]", "2026-12-07T00:00:00+01:00[Europe/Berlin]"))
                .isEqualTo("last seen today at 00:00");
        assertThat(seen("2026-12-07T14:05:00+01:00[Europe/Berlin]", "2026-12-03T08:00:00+01:00[Europe/Berlin]"))
                .isEqualTo("last seen 3 Dec");
        assertThat(seen("2026-01-01T10:00:00+01:00[Europe/Berlin]", "2025-12-30T10:00:00+01:00[Europe/Berlin]"))
                .isEqualTo("last seen 30 Dec 2025");
        assertThat(seen("2026-01-01T10:00:00+01:00[Europe/Berlin]", "2025-12-31T22:00:00+01:00[Europe/Berlin]"))
                .as("yesterday, in another year").isEqualTo("last seen yesterday at 22:00");
    }

    @Test
    void daysAreThoseOfTheClocksZone() {
        // 23:30 UTC on 6 Dec is 00:30 on 7 Dec in Berlin: "today" there.
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        Instant lastSeen = Instant.parse("2026-12-06T23:30:00Z");
        Presence offline = new Presence(Presence.State.OFFLINE, lastSeen.toEpochMilli(), "");
        assertThat(new PresenceFormatter(Clock.fixed(now, BERLIN), Locale.UK).header(offline))
                .isEqualTo("last seen today at 00:30");
        assertThat(new PresenceFormatter(Clock.fixed(now, ZoneId.of("UTC")), Locale.UK).header(offline))
                .isEqualTo("last seen yesterday at 23:30");
        assertThat(new PresenceFormatter(Clock.fixed(now.plus(Duration.ofDays(3)), BERLIN), Locale.GERMAN)
                .header(offline)).as("month names in the locale's language").isEqualTo("last seen 7 Dez.");
    }
}
