package dev.parley.desktop.chat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short local times for rows and bubbles: "14:05" today, "3 Mar" (list) or "3 Mar 14:05" (bubble) before. */
final class TimeLabels {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
    private static final ZoneId ZONE = ZoneId.systemDefault();

    private TimeLabels() {
    }

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm:ss",
            Locale.ENGLISH);

    /** The full local date and time, for a tooltip: "Monday 7 December 2026, 14:05:09". */
    static String full(Instant time) {
        return FULL.format(time.atZone(ZONE));
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    /** A day separator in a conversation: "Today", "Yesterday", or the date ("Monday 7 December 2026"). */
    static String day(Instant time) {
        return day(time, LocalDate.now(ZONE));
    }

    static String day(Instant time, LocalDate today) {
        LocalDate date = time.atZone(ZONE).toLocalDate();
        if (date.equals(today)) {
            return "Today";
        }
        return date.equals(today.minusDays(1)) ? "Yesterday" : DATE.format(date);
    }

    /** Whether two times fall on different local days. */
    static boolean differentDays(Instant a, Instant b) {
        return !a.atZone(ZONE).toLocalDate().equals(b.atZone(ZONE).toLocalDate());
    }

    /** For the conversation list. */
    static String forList(Instant time) {
        ZonedDateTime local = time.atZone(ZONE);
        return (local.toLocalDate().equals(LocalDate.now(ZONE)) ? TIME : DAY).format(local);
    }

    /** For a message bubble. */
    static String forMessage(Instant time) {
        ZonedDateTime local = time.atZone(ZONE);
        return (local.toLocalDate().equals(LocalDate.now(ZONE)) ? TIME : DAY_TIME).format(local);
    }
}
