package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
    private final EventDispatcher dispatcher = new EventDispatcher("parley-events-test");
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        dispatcher.shutdown();
    }

    /** Fires a marker event and waits until every earlier event has been delivered. */
    private void drain() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        String id = "drain-" + System.nanoTime();
        dispatcher.add(id, new ChatEventHandler() {
            @Override
            public void onOfflineMessageSyncFinish() {
                done.countDown();
            }
        });
        dispatcher.fire(ChatEventHandler::onOfflineMessageSyncFinish);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        dispatcher.remove(id);
    }

    private ChatEventHandler named(String name) {
        return new ChatEventHandler() {
            @Override
            public void onOfflineMessageSyncStart(int count) {
                calls.add(name + ":" + count + "@" + Thread.currentThread().getName());
            }
        };
    }

    @Test
    void eventsReachEveryHandlerInOrderOnTheOneEventThread() throws InterruptedException {
        dispatcher.add("a", named("a"));
        dispatcher.add("b", named("b"));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            dispatcher.fire(h -> h.onOfflineMessageSyncStart(n));
        }
        drain();
        assertThat(calls).containsExactly(
                "a:1@parley-events-test", "b:1@parley-events-test",
                "a:2@parley-events-test", "b:2@parley-events-test",
                "a:3@parley-events-test", "b:3@parley-events-test");
    }

    @Test
    void aThrowingHandlerDoesNotStopTheOthersOrLaterEvents() throws InterruptedException {
        dispatcher.add("broken", new ChatEventHandler() {
            @Override
            public void onOfflineMessageSyncStart(int count) {
                throw new IllegalStateException("handler bug");
            }
        });
        dispatcher.add("good", named("good"));
        dispatcher.fire(h -> h.onOfflineMessageSyncStart(1));
        dispatcher.fire(h -> h.onOfflineMessageSyncStart(2));
        drain();
        assertThat(calls).containsExactly("good:1@parley-events-test", "good:2@parley-events-test");
    }

    @Test
    void closingTheRegistrationOrRemovingByIdStopsTheHandler() throws InterruptedException {
        EventHandlerRegistration a = dispatcher.add("a", named("a"));
        dispatcher.add("b", named("b"));
        a.close();
        a.close();
        dispatcher.fire(h -> h.onOfflineMessageSyncStart(1));
        drain();
        assertThat(dispatcher.remove("b")).isTrue();
        assertThat(dispatcher.remove("b")).isFalse();
        dispatcher.fire(h -> h.onOfflineMessageSyncStart(2));
        drain();
        assertThat(calls).containsExactly("b:1@parley-events-test");
    }

    @Test
    void sameIdReplacesTheHandlerAndAnOldRegistrationDoesNotRemoveTheNewOne() throws InterruptedException {
        EventHandlerRegistration old = dispatcher.add("a", named("old"));
        dispatcher.add("b", named("b"));
        dispatcher.add("a", named("new"));
        old.close();
        dispatcher.fire(h -> h.onOfflineMessageSyncStart(1));
        drain();
        assertThat(calls).containsExactly("new:1@parley-events-test", "b:1@parley-events-test");
    }

    @Test
    void handlersAreNeverCalledConcurrently() throws InterruptedException {
        int[] inside = {0};
        int[] maxInside = {0};
        dispatcher.add("counter", new ChatEventHandler() {
            @Override
            public void onOfflineMessageSyncStart(int count) {
                inside[0]++;
                maxInside[0] = Math.max(maxInside[0], inside[0]);
                Thread.onSpinWait();
                inside[0]--;
            }
        });
        List<Thread> firing = new java.util.ArrayList<>();
        for (int t = 0; t < 4; t++) {
            firing.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 500; i++) {
                    dispatcher.fire(h -> h.onOfflineMessageSyncStart(0));
                }
            }));
        }
        for (Thread thread : firing) {
            thread.join(5_000);
        }
        drain();
        assertThat(maxInside[0]).isEqualTo(1);
    }
}
