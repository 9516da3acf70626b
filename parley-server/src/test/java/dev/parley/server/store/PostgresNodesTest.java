package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.server.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.appended;
import static dev.parley.server.store.StoreFixtures.commitOne;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.settings;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several nodes of a cluster on one PostgreSQL database, each a store with a pool of its own: writing one group and one
 * conversation at once, running retention at once, and migrating an empty database at once.
 */
class PostgresNodesTest {
    private final TestClock clock = new TestClock(MessageStoreContract.START);
    private final PostgresTestDatabase database = PostgresTestDatabase.create();
    private final MessageStore store = Stores.openPostgres(settings(database, 4), clock);
    private final List<MessageStore> others = new ArrayList<>();

    /** Another node on the same database. */
    private MessageStore otherNode() {
        MessageStore other = Stores.openPostgres(settings(database, 4), clock);
        others.add(other);
        return other;
    }

    @AfterEach
    void dropDatabase() {
        others.forEach(MessageStore::close);
        store.close();
        database.close();
    }

    @Test
    void twoNodesWritingOneGroupAndOneConversationAtOnceLoseNothingAndKeepEachLocalIdOnce() throws Exception {
        store.commit(List.of(new Write.CreateUser(user("alice")), new Write.CreateUser(user("bob")),
                new Write.CreateUser(user("carol"))));
        long group = ((Write.Changed) commitOne(store, new Write.ChangeGroup(new GroupChange.Create("alice", "team",
                "", 10, List.of("bob", "carol"))))).groupId();
        MessageStore nodeB = otherNode();
        int batches = 40;
        int perBatch = 6;
        // Each batch holds writes of the node's own (alice's on one node, bob's on the other, to the group and to
        // each other) and writes both nodes get, as when a client resends to the other node: each (sender, localId)
        // must be stored once, and each message must get a number of its conversation that no other has.
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<List<Write.Result>> a = nodes.submit(writer(store, start, group, batches, perBatch, "alice"));
            Future<List<Write.Result>> b = nodes.submit(writer(nodeB, start, group, batches, perBatch, "bob"));
            start.countDown();
            List<Write.Result> results = new ArrayList<>(a.get(60, TimeUnit.SECONDS));
            results.addAll(b.get(60, TimeUnit.SECONDS));

            Map<String, Long> idOf = new HashMap<>();
            int stored = 0;
            for (Write.Result result : results) {
                StoredMessage m = appended(result).message();
                Long earlier = idOf.putIfAbsent(m.sender() + "/" + m.localId(), m.id());
                assertThat(earlier == null || earlier == m.id()).as("one id per local id").isTrue();
                stored += appended(result).duplicate() ? 0 : 1;
            }
            int expected = 3 * batches * perBatch; // each node's own, and the shared ones once
            assertThat(idOf).hasSize(expected);
            assertThat(stored).as("each stored once, the other node's attempt a duplicate").isEqualTo(expected);
        } finally {
            nodes.shutdownNow();
        }
        List<StoredMessage> groupHistory = store.history("carol", ChatType.GROUP, Long.toString(group),
                Optional.empty(), 10_000);
        List<StoredMessage> single = store.history("alice", "bob", Optional.empty(), 10_000);
        List<StoredMessage> notes = nodeB.history("carol", "carol", Optional.empty(), 10_000);
        assertThat(groupHistory.size() + single.size() + notes.size()).isEqualTo(3 * batches * perBatch);
        for (List<StoredMessage> conversation : List.of(groupHistory, single, notes)) {
            List<StoredMessage> oldestFirst = conversation.reversed();
            assertThat(oldestFirst).extracting(StoredMessage::seq).as("numbered 1, 2, 3… without a gap")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, oldestFirst.size())
                            .boxed().toList());
            assertThat(oldestFirst).extracting(StoredMessage::id).as("ids rise with the numbers").isSorted();
        }
        long toCarol = groupHistory.stream().filter(m -> !m.sender().equals("carol")).count();
        assertThat(StoreFixtures.messages(store.pendingFor("carol", 10_000))).as("carol acknowledged nothing")
                .hasSize((int) toCarol + notes.size());
        assertThat(store.conversations("carol", 10)).filteredOn(c -> c.chatType() == ChatType.GROUP).singleElement()
                .satisfies(c -> assertThat(c.unreadCount()).as("carol read nothing").isEqualTo((int) toCarol));
        for (String reader : List.of("alice", "bob")) {
            assertThat(nodeB.conversations(reader, 10)).filteredOn(c -> c.chatType() == ChatType.SINGLE)
                    .singleElement().satisfies(c -> assertThat(c.unreadCount()).as("read as they came").isZero());
        }
    }

    /**
     * One node's writer: batches of appends to the group and to alice and bob's conversation, from {@code own} and
     * shared with the other node, each batch followed by the recipients reading the one-to-one messages and bob
     * reading the group. The two nodes write their batches in opposite orders, where locks could deadlock.
     */
    private static Callable<List<Write.Result>> writer(MessageStore node, CountDownLatch start, long group,
                                                       int batches, int perBatch, String own) {
        String peer = own.equals("alice") ? "bob" : "alice";
        return () -> {
            start.await();
            List<Write.Result> results = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                List<Write<?>> writes = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    writes.add(i % 2 == 0 ? toGroup(group, own, own + b + "-" + i) : append(own, own + b + "-" + i,
                            peer, "to " + peer));
                    writes.add(i % 2 == 0 ? toGroup(group, "carol", "c" + b + "-" + i) : append("carol",
                            "c" + b + "-" + i, "carol", "a note to self"));
                }
                if (own.equals("bob")) {
                    writes = writes.reversed();
                }
                List<Write.Result> batch = node.commit(writes);
                results.addAll(batch);
                List<Write<?>> reads = new ArrayList<>();
                for (Write.Result result : batch) {
                    StoredMessage m = appended(result).message();
                    if (m.chatType() == ChatType.SINGLE && !m.sender().equals("carol")) {
                        reads.add(new Write.MarkRead(m.id(), m.recipient()));
                    }
                }
                reads.add(new Write.ReadConversation("bob", ChatType.GROUP, Long.toString(group)));
                node.commit(own.equals("bob") ? reads.reversed() : reads);
            }
            return results;
        };
    }

    private static Write.Append toGroup(long group, String sender, String localId) {
        return new Write.Append(sender, localId, ChatType.GROUP, Long.toString(group),
                new Content.Text("to the team"), "{}");
    }

    @Test
    void twoNodesRunningRetentionAtOnceDeleteEachMessageOnceAndCountUnreadAgain() throws Exception {
        List<String> peers = List.of("bob", "carol", "dave");
        for (String peer : peers) { // chunks of different conversations, oldest first
            List<Write<?>> old = new ArrayList<>();
            for (int i = 0; i < 900; i++) {
                old.add(append("alice", peer + i, peer, "old"));
            }
            store.commit(old);
            clock.advance(Duration.ofMillis(1));
        }
        clock.advance(Duration.ofDays(1));
        for (String peer : peers) {
            send(store, "alice", peer + "-new", peer, "recent");
        }
        MessageStore nodeB = otherNode();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> deleting = new ArrayList<>();
            for (MessageStore node : List.of(store, nodeB)) {
                deleting.add(nodes.submit(() -> {
                    start.await();
                    return node.deleteOlderThan(MessageStoreContract.START.plus(Duration.ofHours(1)));
                }));
            }
            start.countDown();

            assertThat(deleting.get(0).get(60, TimeUnit.SECONDS) + deleting.get(1).get(60, TimeUnit.SECONDS))
                    .isEqualTo(3 * 900);
        } finally {
            nodes.shutdownNow();
        }
        for (String peer : peers) {
            assertThat(store.conversations(peer, 10)).as(peer).singleElement()
                    .satisfies(c -> assertThat(c.unreadCount()).as("the recent message only").isEqualTo(1));
            assertThat(store.pendingFor(peer, 10)).as(peer).hasSize(1);
        }
    }

    @Test
    void twoNodesStartingOnAnEmptyDatabaseMigrateItOnceBetweenThem() throws Exception {
        try (PostgresTestDatabase empty = PostgresTestDatabase.create();
             Connection first = empty.dataSource().getConnection();
             Connection second = empty.dataSource().getConnection()) {
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            try {
                Future<Integer> a = nodes.submit(() -> {
                    start.await();
                    return PostgresMigrations.migrate(first);
                });
                Future<Integer> b = nodes.submit(() -> {
                    start.await();
                    return PostgresMigrations.migrate(second);
                });
                start.countDown();

                assertThat(a.get(60, TimeUnit.SECONDS) + b.get(60, TimeUnit.SECONDS))
                        .isEqualTo(PostgresMigrations.NEWEST);
            } finally {
                nodes.shutdownNow();
            }
            assertThat(StoreFixtures.query(first, "SELECT count(*) FROM schema_version"))
                    .isEqualTo(Integer.toString(PostgresMigrations.NEWEST));
            try (MessageStore node = Stores.openPostgres(settings(empty, 2), clock)) {
                assertThat(send(node, "alice", "1", "bob", "on a migrated database").seq()).isEqualTo(1);
            }
        }
    }

}
