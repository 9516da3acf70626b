package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void messagesOlderThanTheRetentionPeriodAreRemovedEvenIfNeverDelivered() throws Exception {
        ManualClock clock = new ManualClock();
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).retention(Duration.ofDays(7)).build();
        try (ParleyServer server = ParleyServer.start(config, clock)) {
            server.userToken("roy", Duration.ofMinutes(1));
            try (RawClient leo = RawClient.signedIn(server, "leo")) {
                leo.send(Frame.Send.text("old", "roy", "from last week"));
                leo.expect(Frame.Receipt.class);
            }
            clock.advance(Duration.ofDays(6));
            assertThat(server.sweepNow()).as("six days old: kept").isZero();
            try (RawClient leo = RawClient.signedIn(server, "leo")) {
                leo.send(Frame.Send.text("new", "roy", "from today"));
                leo.expect(Frame.Receipt.class);
            }
            clock.advance(Duration.ofDays(2));
            assertThat(server.sweepNow()).as("eight days old: removed").isEqualTo(1);
            try (RawClient roy = RawClient.connect(server)) {
                roy.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofMinutes(5)), ""));
                roy.expect(Frame.Opened.class);
                assertThat(roy.expect(Frame.SyncStart.class).count()).isEqualTo(1);
                assertThat(roy.expect(Frame.Message.class).msg()).isEqualTo("from today");
            }
        }
    }
}
