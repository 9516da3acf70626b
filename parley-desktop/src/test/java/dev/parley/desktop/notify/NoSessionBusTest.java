package dev.parley.desktop.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.Notifier;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a session bus there are no notifications, and nothing fails or waits. */
class NoSessionBusTest {
    @Test
    void noBusAddressMeansTheNotifierThatShowsNothing() {
        assertThat(FreedesktopNotifier.forSessionBus(Map.of())).isSameAs(Notifier.none());
        assertThat(FreedesktopNotifier.forSessionBus(Map.of("DBUS_SESSION_BUS_ADDRESS", " "))).isSameAs(Notifier.none());
    }

    @Test
    void aBusThatCannotBeReachedIsNotAnError() throws Exception {
        FreedesktopNotifier notifier = FreedesktopNotifier.connect("unix:path=/nonexistent/parley-test-bus");
        notifier.show("roy", "roy", "hello");
        notifier.withdrawAll();
        assertThat(notifier.connected().get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isFalse();
        notifier.show("roy", "roy", "hello again");
        notifier.close();
        notifier.show("roy", "roy", "after close");
    }

    @Test
    void markupIsEscapedForServersThatReadIt() {
        assertThat(FreedesktopNotifier.escape("<b>a & b</b>")).isEqualTo("&lt;b&gt;a &amp; b&lt;/b&gt;");
    }
}
