package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Idle signed-in connections: opens one WebSocket per credential from {@code addresses} source addresses
 * {@code 127.0.0.1 … 127.0.0.A} (one address runs out of ephemeral ports near 28,000), signs each in, then measures
 * the server's used heap after a full GC and its RSS against the same figures before; the connect rate is
 * sign-ins completed per second, {@code atOnce} in flight. The connections are closed afterwards.
 */
final class IdleConnections {
    private IdleConnections() {
    }

    static Results.Idle run(ClientLoop loop, int port, NodeProbes probe, List<Users.Credential> users,
                            int addresses, int atOnce) {
        loop.handler((s, a, off, len, now) -> { });
        long heapBefore = probe.usedHeapAfterGc();
        long rssBefore = probe.rssBytes();
        List<ClientLoop.Session> sessions = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            Users.Credential c = users.get(i);
            sessions.add(new ClientLoop.Session(i, c.user(), c.token(), "127.0.0." + (1 + i % addresses), port));
        }
        long start = System.nanoTime();
        List<CompletableFuture<ClientLoop.Session>> ready = loop.signIn(sessions, atOnce);
        int signedIn = 0;
        int failed = 0;
        String firstFailure = null;
        for (CompletableFuture<ClientLoop.Session> f : ready) {
            try {
                f.get(300, TimeUnit.SECONDS);
                signedIn++;
            } catch (Exception e) {
                failed++;
                firstFailure = firstFailure == null ? String.valueOf(e.getCause()) : firstFailure;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (firstFailure != null) {
            System.err.println("load: " + failed + " idle sign-ins failed, the first: " + firstFailure);
        }
        long heapWith = probe.usedHeapAfterGc();
        long rssWith = probe.rssBytes();
        loop.closeAll(sessions);
        int n = Math.max(1, signedIn);
        return new Results.Idle(users.size(), signedIn, failed, addresses, signedIn / seconds,
                heapBefore < 0 ? -1 : (heapWith - heapBefore) / (double) n, (rssWith - rssBefore) / (double) n);
    }
}
