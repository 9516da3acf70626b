package dev.parley.server.store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The process {@link CrashDurabilityTest} kills: appends messages through a {@link GroupCommitWriter} without end and
 * prints {@code "<localId> <id>"} for each write whose future completed, which is when the server would acknowledge it.
 * It halts by itself when its standard input closes (the test's JVM is gone) or after a minute, so that no run can
 * leave it behind.
 */
public final class CrashChild {

    private CrashChild() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.ofPlatform().daemon(true).start(CrashChild::haltWhenOrphaned);
        CompletableFuture.delayedExecutor(1, TimeUnit.MINUTES).execute(() -> Runtime.getRuntime().halt(4));

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        MessageStore store = Stores.openSqlite(Path.of(args[0]));
        GroupCommitWriter writer = new GroupCommitWriter(store, GroupCommitWriter.DEFAULT_MAX_BATCH, "crash-writer");
        Semaphore window = new Semaphore(2_000);
        for (long i = 0; ; i++) {
            window.acquire();
            String localId = "m" + i;
            writer.submit(StoreFixtures.append("alice", localId, "bob", "payload " + i)).whenComplete((result, failure) -> {
                window.release();
                if (failure == null) {
                    out.println(localId + " " + StoreFixtures.appended(result).message().id());
                }
            });
        }
    }

    private static void haltWhenOrphaned() {
        try {
            while (System.in.read() >= 0) {
                // the test never writes; end of input means it is gone
            }
        } catch (IOException e) {
            // the same
        }
        Runtime.getRuntime().halt(3);
    }
}
