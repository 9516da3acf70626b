package dev.parley.desktop.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The presence line of a conversation's header: "online", "last seen just now", "last seen 5 minutes ago", "last seen
 * today at 14:05", "last seen yesterday at 09:12", "last seen 3 Dec" (this year) or "last seen 3 Dec 2025", "offline"
 * when the server gave no time, {@code ""} when nothing is known. Days are those of the clock's zone; month names are
 * the locale's. A time in the future (clocks that disagree) counts as just now. Immutable; any thread.
 */
public final class PresenceFormatter {
    private final Clock clock;
    private final DateTimeFormatter time;
    private final DateTimeFormatter day;
    private final DateTimeFormatter dayOfOtherYear;

    /**
     * @param clock  now, and the zone whose days "today" and "yesterday" are
     * @param locale the language of month names
     */
    public PresenceFormatter(Clock clock, Locale locale) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.time = DateTimeFormatter.ofPattern("HH:mm", locale);
        this.day = DateTimeFormatter.ofPattern("d MMM", locale);
        this.dayOfOtherYear = DateTimeFormatter.ofPattern("d MMM yyyy", locale);
    }

    /** The header's presence line for {@code presence}, as of the clock's now. */
    public String header(Presence presence) {
        return switch (presence.state()) {
            case UNKNOWN -> "";
            case ONLINE -> "online";
            case OFFLINE -> presence.lastSeen().map(seen -> "last seen " + ago(seen)).orElse("offline");
        };
    }

    private String ago(Instant seen) {
        Instant now = clock.instant();
        Duration since = Duration.between(seen, now);
        if (since.compareTo(Duration.ofMinutes(1)) < 0) {
            return "just now";
        }
        if (since.compareTo(Duration.ofHours(1)) < 0) {
            long minutes = since.toMinutes();
            return minutes == 1 ? "1 minute ago" : minutes + " minutes ago";
        }
        ZonedDateTime at = seen.atZone(clock.getZone());
        LocalDate today = now.atZone(clock.getZone()).toLocalDate();
        if (at.toLocalDate().equals(today)) {
            return "today at " + time.format(at);
        }
        if (at.toLocalDate().equals(today.minusDays(1))) {
            return "yesterday at " + time.format(at);
        }
        return (at.getYear() == today.getYear() ? day : dayOfOtherYear).format(at);
    }
}
