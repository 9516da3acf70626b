package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Jepsen-style history of a chat workload: every send, its outcome (receipt or failure) and every message each
 * recipient's client showed the application. At the end it checks what the protocol promises:
 * <ul>
 *   <li>no loss: every message that got a receipt was shown to its recipient;</li>
 *   <li>no duplicates: each recipient was shown each server id once, and each sent message (local id) under one
 *       server id only — a resend never became a second message;</li>
 *   <li>order: each recipient was shown its messages in commit order (increasing server ids): all of them, or, for a
 *       cluster ({@link #perConversation()}), those of each conversation, since the nodes of a cluster commit side by
 *       side and a message of one conversation may commit before an earlier id of another;</li>
 *   <li>no phantoms: everything shown was sent, by the sender it claims, to that recipient, with that text, and
 *       under the server id its receipt named.</li>
 * </ul>
 * Messages whose send failed (a timeout, the session closed) may have been stored anyway; they may be shown at most
 * once. Thread-safe: clients record from their event threads, senders from wherever futures complete.
 */
final class HistoryChecker {
    private record Sent(String from, String to, String text) {
    }

    /** The figures of a checked history. */
    record Report(int sent, int receipted, int failed, int shown, int shownUnacknowledged, int lost, int duplicates,
                  int outOfOrder, int phantoms) {
    }

    private final Map<String, Sent> sent = new LinkedHashMap<>();
    private final Map<String, String> localIdByText = new HashMap<>();
    private final Map<String, String> receipts = new HashMap<>();
    private final Map<String, Throwable> failures = new HashMap<>();
    /** Per recipient, the messages its client showed, in order. */
    private final Map<String, List<TextMessageEvent>> shown = new HashMap<>();
    private final List<CompletableFuture<SendReceipt>> outcomes = new ArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final boolean perConversation;

    /** A history whose recipients see all their messages in commit order (one server). */
    HistoryChecker() {
        this(false);
    }

    private HistoryChecker(boolean perConversation) {
        this.perConversation = perConversation;
    }

    /** A history whose recipients see the messages of each conversation in commit order (a cluster). */
    static HistoryChecker perConversation() {
        return new HistoryChecker(true);
    }

    /** A handler that records what {@code user}'s client shows. */
    ChatEventHandler recorderFor(String user) {
        return new ChatEventHandler() {
            @Override
            public void onTextMessage(TextMessageEvent message) {
                synchronized (HistoryChecker.this) {
                    shown.computeIfAbsent(user, u -> new ArrayList<>()).add(message);
                }
            }
        };
    }

    /** Sends a new numbered message from {@code from}'s client to {@code to} and records it and its outcome. */
    CompletableFuture<SendReceipt> send(ChatClient client, String from, String to) {
        TextMessage message = TextMessage.create(to, from + "→" + to + " #" + counter.incrementAndGet());
        synchronized (this) {
            sent.put(message.localId(), new Sent(from, to, message.text()));
            localIdByText.put(message.text(), message.localId());
        }
        CompletableFuture<SendReceipt> outcome = client.send(message).whenComplete((receipt, failure) -> {
            synchronized (HistoryChecker.this) {
                if (failure != null) {
                    failures.put(message.localId(), failure);
                } else {
                    receipts.put(receipt.localId(), receipt.serverId());
                }
            }
        });
        synchronized (this) {
            outcomes.add(outcome);
        }
        return outcome;
    }

    /** Waits until every send has an outcome. */
    void awaitOutcomes(Duration timeout) {
        List<CompletableFuture<SendReceipt>> all;
        synchronized (this) {
            all = List.copyOf(outcomes);
        }
        CompletableFuture.allOf(all.stream().map(f -> f.handle((r, e) -> null)).toArray(CompletableFuture[]::new))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Waits until every message with a receipt was shown to its recipient, or the timeout passes. */
    synchronized void awaitReceiptedShown(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!missing().isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return; // check() reports what is missing
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
        }
    }

    private List<String> missing() {
        List<String> missing = new ArrayList<>();
        Map<String, Set<String>> idsShown = new HashMap<>();
        shown.forEach((user, messages) -> idsShown.put(user,
                messages.stream().map(TextMessageEvent::id).collect(java.util.stream.Collectors.toSet())));
        for (var receipt : receipts.entrySet()) {
            String recipient = sent.get(receipt.getKey()).to();
            if (!idsShown.getOrDefault(recipient, Set.of()).contains(receipt.getValue())) {
                missing.add(receipt.getKey() + " (" + sent.get(receipt.getKey()).text() + ", server id "
                        + receipt.getValue() + ")");
            }
        }
        return missing;
    }

    /** Checks the history and returns its figures; fails with the first violations found. */
    synchronized Report check() {
        List<String> lost = missing();
        List<String> duplicates = new ArrayList<>();
        List<String> outOfOrder = new ArrayList<>();
        List<String> phantoms = new ArrayList<>();
        int shownCount = 0;
        int shownUnacknowledged = 0;
        Map<String, String> serverIdOfLocalId = new HashMap<>();
        for (var entry : shown.entrySet()) {
            String recipient = entry.getKey();
            Set<String> ids = new HashSet<>();
            Map<String, Long> lastIds = new HashMap<>(); // per conversation, or under "" for all
            for (TextMessageEvent m : entry.getValue()) {
                shownCount++;
                if (!ids.add(m.id())) {
                    duplicates.add(recipient + " was shown " + m.id() + " twice");
                }
                long id = Long.parseLong(m.id());
                String conversation = perConversation ? m.from() : "";
                long lastId = lastIds.getOrDefault(conversation, Long.MIN_VALUE);
                if (id <= lastId) {
                    outOfOrder.add(recipient + " was shown " + id + " after " + lastId
                            + (perConversation ? " from " + m.from() : ""));
                }
                lastIds.put(conversation, Math.max(lastId, id));
                String localId = localIdByText.get(m.msg());
                Sent original = localId == null ? null : sent.get(localId);
                if (original == null || !original.from().equals(m.from()) || !original.to().equals(recipient)
                        || !m.to().equals(recipient)) {
                    phantoms.add(recipient + " was shown " + m + ", which nobody sent to them");
                    continue;
                }
                String previous = serverIdOfLocalId.putIfAbsent(localId, m.id());
                if (previous != null && !previous.equals(m.id())) {
                    duplicates.add(localId + " was stored twice: as " + previous + " and " + m.id());
                }
                String receipted = receipts.get(localId);
                if (receipted != null && !receipted.equals(m.id())) {
                    phantoms.add(localId + " was receipted as " + receipted + " but shown as " + m.id());
                }
                if (receipted == null) {
                    shownUnacknowledged++;
                }
            }
        }
        assertThat(lost).as("messages with a receipt never shown to their recipient").isEmpty();
        assertThat(duplicates).as("duplicates").isEmpty();
        assertThat(outOfOrder).as("messages shown out of commit order").isEmpty();
        assertThat(phantoms).as("messages shown that were never sent").isEmpty();
        return new Report(sent.size(), receipts.size(), failures.size(), shownCount, shownUnacknowledged, lost.size(),
                duplicates.size(), outOfOrder.size(), phantoms.size());
    }

    /** The failures of sends, for a test's message. */
    synchronized Map<String, Throwable> failures() {
        return Map.copyOf(failures);
    }
}
