package dev.parley.server.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A client-triggered warning is written at most once an interval, and the next line counts what was left out. */
class LogLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aFloodOfWarningsWritesOneLineAnIntervalAndCountsTheRest() {
        RecordingLogger logger = new RecordingLogger();
        LogLimiter limiter = new LogLimiter(logger, Duration.ofSeconds(10));
        long t0 = System.nanoTime();
        assertThat(limiter.log(System.Logger.Level.WARNING, t0, "bad frame from {0}", "a")).isTrue();
        for (int i = 0; i < 100_000; i++) {
            limiter.log(System.Logger.Level.WARNING, t0 + i, "bad frame from {0}", "b");
        }
        assertThat(logger.lines).hasSize(1);
        assertThat(limiter.suppressed()).isEqualTo(100_000);
        assertThat(limiter.log(System.Logger.Level.WARNING, t0 + 11 * SECOND, "bad frame from {0}", "c")).isTrue();
        assertThat(logger.lines).containsExactly("bad frame from a",
                "bad frame from c (100000 more like this left out)");
        assertThat(limiter.suppressed()).isZero();
    }

    private static final class RecordingLogger implements System.Logger {
        final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(java.text.MessageFormat.format(format, params));
        }
    }
}
