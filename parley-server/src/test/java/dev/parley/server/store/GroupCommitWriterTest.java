package dev.parley.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.parley.server.store.StoreFixtures.execute;
import static dev.parley.server.store.StoreFixtures.append;
import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SqliteMessageStore store;

    @BeforeEach
    void open() {
        store = SqliteMessageStore.open(dir, new TestClock(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void groupCommitBatchesConcurrentWrites() throws Exception {
        int threads = 10;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<List<CompletableFuture<Write.AppendOutcome>>> submitted = new ArrayList<>();
        try (GroupCommitWriter writer = new GroupCommitWriter(store, GroupCommitWriter.DEFAULT_MAX_BATCH, "test-writer");
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<CompletableFuture<Write.AppendOutcome>>>> submitters = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String sender = "user" + t;
                submitters.add(pool.submit(() -> {
                    start.await();
                    List<CompletableFuture<Write.AppendOutcome>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(writer.submit(append(sender, "m" + i, "sink", "message " + i)));
                    }
                    return futures;
                }));
            }
            start.countDown();
            for (Future<List<CompletableFuture<Write.AppendOutcome>>> submitter : submitters) {
                submitted.add(submitter.get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(submitted.stream().flatMap(List::stream).toArray(CompletableFuture[]::new))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(writer.writesCommitted()).isEqualTo(threads * perThread);
            assertThat(writer.batchesCommitted()).isPositive().isLessThan(threads * perThread / 10);
            assertThat(writer.batchesFailed()).isZero();
        }
        for (List<CompletableFuture<Write.AppendOutcome>> futures : submitted) {
            List<StoredMessage> messages = futures.stream().map(f -> StoreFixtures.appended(f.join()).message()).toList();
            // One submitter's writes commit in its order: ids and per-conversation sequence numbers increase.
            assertThat(messages).extracting(StoredMessage::id).isSorted().doesNotHaveDuplicates();
            assertThat(messages).extracting(StoredMessage::seq).isSorted().doesNotHaveDuplicates();
            assertThat(messages).allSatisfy(m -> assertThat(m.seq()).isBetween(1L, (long) perThread));
        }
        assertThat(store.pendingFor("sink", 10_000)).hasSize(threads * perThread);
    }

    @Test
    void aStoreFaultFailsTheBatchAndTheWriterRecovers() {
        try (GroupCommitWriter writer = new GroupCommitWriter(store, 512, "test-writer")) {
            // A real SQLite fault: the writer connection refuses to change the file (SQLITE_READONLY).
            store.onWriteConnection(c -> execute(c, "PRAGMA query_only = 1"));
            List<CompletableFuture<? extends Write.Result>> failed = List.of(
                    writer.submit(append("alice", "1", "bob", "lost")),
                    writer.submit(new Write.CreateUser(StoreFixtures.user("carol"))),
                    writer.submit(append("alice", "2", "bob", "lost too")));

            assertThat(failed).allSatisfy(f -> assertThat(f).failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(StoreException.class));
            assertThat(writer.batchesFailed()).isPositive();

            store.onWriteConnection(c -> execute(c, "PRAGMA query_only = 0"));
            CompletableFuture<Write.AppendOutcome> retried = writer.submit(append("alice", "1", "bob", "retried"));

            assertThat(retried).succeedsWithin(WAIT).satisfies(r -> {
                assertThat(StoreFixtures.appended(r).duplicate()).isFalse();
                assertThat(StoreFixtures.appended(r).message().seq()).isEqualTo(1);
            });
            assertThat(writer.writesCommitted()).isEqualTo(1);
        }
        assertThat(store.history("alice", "bob", Optional.empty(), 10)).extracting(StoredMessage::body)
                .containsExactly("retried");
        assertThat(store.findUser("carol")).isEmpty();
    }

    @Test
    void closeCommitsWhatIsQueuedAndRejectsLaterSubmits() {
        GroupCommitWriter writer = new GroupCommitWriter(store, 16, "test-writer");
        List<CompletableFuture<Write.AppendOutcome>> queued = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            queued.add(writer.submit(append("alice", "m" + i, "bob", "x")));
        }

        writer.close();

        assertThat(queued).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(writer.writesCommitted()).isEqualTo(100);
        assertThat(writer.submit(append("alice", "late", "bob", "x"))).isCompletedExceptionally()
                .failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(StoreException.class).withMessage("writer closed");
        writer.close();
    }

    @Test
    void submitFailsFastWhenTooManyWritesAreQueued() throws InterruptedException {
        RecordingStore slowStore = new RecordingStore();
        try (GroupCommitWriter writer = new GroupCommitWriter(slowStore, 1, 2, "test-writer")) {
            CompletableFuture<Write.AppendOutcome> inFlight = writer.submit(append("alice", "1", "bob", "x"));
            assertThat(slowStore.inFirstCommit.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Write.AppendOutcome> queued1 = writer.submit(append("alice", "2", "bob", "x"));
            CompletableFuture<Write.AppendOutcome> queued2 = writer.submit(append("alice", "3", "bob", "x"));

            CompletableFuture<Write.AppendOutcome> rejected = writer.submit(append("alice", "4", "bob", "x"));

            assertThat(writer.pending()).isEqualTo(2);
            assertThat(rejected).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(StoreException.class).withMessage("server busy");
            slowStore.releaseFirst.countDown();
            assertThat(List.of(inFlight, queued1, queued2)).allSatisfy(f -> assertThat(f).succeedsWithin(WAIT));
        }
    }

    /** A store that records the size of every batch, and holds the first commit until released. */
    private final class RecordingStore extends DelegatingStore {
        final List<Integer> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CountDownLatch inFirstCommit = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);

        RecordingStore() {
            super(store);
        }

        @Override
        public List<Write.Result> commit(List<? extends Write<?>> writes) {
            batches.add(writes.size());
            if (batches.size() == 1) {
                inFirstCommit.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.commit(writes);
        }
    }

    /** Brings {@code writer} under load: a commit of one write, during which four more queue up and go together. */
    private static void busy(GroupCommitWriter writer, RecordingStore recording) throws Exception {
        writer.submit(append("alice", "b0", "bob", "x"));
        assertThat(recording.inFirstCommit.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Write.AppendOutcome>> queued = new ArrayList<>();
        for (int i = 1; i <= GroupCommitWriter.BUSY_BATCH; i++) {
            queued.add(writer.submit(append("alice", "b" + i, "bob", "x")));
        }
        recording.releaseFirst.countDown();
        assertThat(queued).allSatisfy(f -> assertThat(f).succeedsWithin(WAIT));
        assertThat(recording.batches).containsExactly(1, GroupCommitWriter.BUSY_BATCH);
    }

    @Test
    void underLoadTheNextCommitWaitsForAFullerBatch() throws Exception {
        RecordingStore recording = new RecordingStore();
        try (GroupCommitWriter writer = new GroupCommitWriter(recording, 512, 1000, Duration.ofHours(1),
                "test-writer")) {
            busy(writer, recording);
            List<CompletableFuture<Write.AppendOutcome>> burst = new ArrayList<>();
            for (int i = 0; i < GroupCommitWriter.GATHER_BATCH; i++) {
                burst.add(writer.submit(append("carol", "m" + i, "bob", "message " + i)));
            }

            assertThat(burst).allSatisfy(f -> assertThat(f).succeedsWithin(WAIT));
            assertThat(recording.batches).containsExactly(1, GroupCommitWriter.BUSY_BATCH,
                    GroupCommitWriter.GATHER_BATCH);
        }
        assertThat(store.history("carol", "bob", Optional.empty(), 100)).hasSize(GroupCommitWriter.GATHER_BATCH);
    }

    @Test
    void aLoneWriteOnAQuietWriterIsCommittedWithoutWaitingForOthers() {
        try (GroupCommitWriter writer = new GroupCommitWriter(store, 512, 1000, Duration.ofHours(1),
                "test-writer")) {
            assertThat(writer.submit(append("alice", "1", "bob", "hello"))).succeedsWithin(WAIT);
            assertThat(writer.submit(append("alice", "2", "bob", "again"))).succeedsWithin(WAIT);
        }
    }

    @Test
    void closeCommitsAWriteThatWaitsForAFullerBatch() throws Exception {
        RecordingStore recording = new RecordingStore();
        GroupCommitWriter writer = new GroupCommitWriter(recording, 512, 1000, Duration.ofHours(1), "test-writer");
        busy(writer, recording);
        CompletableFuture<Write.AppendOutcome> waiting = writer.submit(append("alice", "last", "bob", "bye"));

        CompletableFuture.runAsync(writer::close).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(waiting).isCompleted();
        assertThat(recording.batches).containsExactly(1, GroupCommitWriter.BUSY_BATCH, 1);
    }

    /** Forwards everything to another store; tests override what they need. */
    private static class DelegatingStore implements MessageStore {
        private final MessageStore delegate;

        DelegatingStore(MessageStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Write.Result> commit(List<? extends Write<?>> writes) {
            return delegate.commit(writes);
        }

        @Override
        public Optional<UserRecord> findUser(String username) {
            return delegate.findUser(username);
        }

        @Override
        public List<InboxItem> pendingFor(String recipient, long afterId, long upToId, int limit) {
            return delegate.pendingFor(recipient, afterId, upToId, limit);
        }

        @Override
        public int countPending(String recipient, long upToId) {
            return delegate.countPending(recipient, upToId);
        }

        @Override
        public long lastMessageId() {
            return delegate.lastMessageId();
        }

        @Override
        public Optional<StoredMessage> findMessage(long id) {
            return delegate.findMessage(id);
        }

        @Override
        public List<ConversationSummary> conversations(String user, int limit) {
            return delegate.conversations(user, limit);
        }

        @Override
        public List<StoredMessage> history(String user, dev.parley.protocol.ChatType chatType, String peer,
                                           Optional<Long> beforeId, int limit) {
            return delegate.history(user, chatType, peer, beforeId, limit);
        }

        @Override
        public List<StoredMessage> historyAfter(String user, dev.parley.protocol.ChatType chatType, String peer,
                                                long afterId, int limit) {
            return delegate.historyAfter(user, chatType, peer, afterId, limit);
        }

        @Override
        public List<StoredMessage> search(String user, SearchQuery query, Optional<ConversationRef> conversation,
                                          int limit) {
            return delegate.search(user, query, conversation, limit);
        }

        @Override
        public List<String> filesBefore(Instant cutoff) {
            return delegate.filesBefore(cutoff);
        }

        @Override
        public Optional<GroupRecord> findGroup(long groupId) {
            return delegate.findGroup(groupId);
        }

        @Override
        public List<GroupRecord> groupsOf(String user) {
            return delegate.groupsOf(user);
        }

        @Override
        public int deleteOlderThan(Instant cutoff) {
            return delegate.deleteOlderThan(cutoff);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
