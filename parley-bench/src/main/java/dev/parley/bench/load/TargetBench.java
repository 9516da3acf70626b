package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * One target from start to stop: a fresh data dir and its users, the server in its own process (a cluster: its
 * nodes, each in its own process, on a fresh database; user {@code i} signs in at node {@code i % nodes}), the users
 * signed in, the load stepped up until a step is overloaded, then the offline drain and the idle connections; the
 * server is stopped and its data dir (and database) deleted.
 */
final class TargetBench {
    private final Target target;
    private final LoadOptions options;
    private final List<String> notes = new ArrayList<>();

    TargetBench(Target target, LoadOptions options) {
        this.target = target;
        this.options = options;
    }

    Results.TargetRun run() throws Exception {
        Path dir = Files.createTempDirectory("parley-load-" + target.id);
        try {
            return runIn(dir);
        } finally {
            deleteTree(dir);
        }
    }

    private Results.TargetRun runIn(Path dir) throws Exception {
        List<String> loadNames = IntStream.range(0, options.users()).mapToObj(i -> "u" + i).toList();
        List<String> drainNames = List.of("drainfrom", "drainto");
        List<String> idleNames = IntStream.range(0, options.idle()).mapToObj(i -> "idle" + i).toList();
        List<Users.Credential> prepared = List.of();
        if (target == Target.PARLEY) {
            System.out.printf("[%s] writing %,d users into a fresh data dir%n", target.id,
                    loadNames.size() + drainNames.size() + idleNames.size());
            prepared = Users.inDataDir(dir, Stream.of(loadNames, drainNames, idleNames).flatMap(List::stream)
                    .toList());
        }
        TargetServers servers;
        try {
            servers = TargetServers.start(target, dir);
        } catch (ServerProcess.Unavailable e) {
            System.out.printf("[%s] SKIPPED: %s%n", target.id, e.getMessage());
            return new Results.TargetRun(target.id, target.description, e.getMessage(), options.users(), -1,
                    List.of(), null, null, null, List.of());
        }
        try (servers; NodeProbes probe = NodeProbes.attach(servers.pids());
             ClientLoop loop = new ClientLoop("127.0.0.1", servers.appKey())) {
            if (target.isCluster()) {
                clusterNotes(servers);
            }
            List<Users.Credential> creds = credentials(servers, prepared, loadNames, drainNames);
            List<Users.Credential> loadUsers = creds.subList(0, loadNames.size());
            List<ClientLoop.Session> sessions = new ArrayList<>();
            for (int i = 0; i < loadUsers.size(); i++) {
                sessions.add(new ClientLoop.Session(i, loadUsers.get(i).user(), loadUsers.get(i).token(),
                        "127.0.0.1", servers.port(i)));
            }
            long start = System.nanoTime();
            for (CompletableFuture<ClientLoop.Session> f : loop.signIn(sessions, 64)) {
                f.get(120, TimeUnit.SECONDS);
            }
            double signInRate = sessions.size() / ((System.nanoTime() - start) / 1e9);
            System.out.printf("[%s] pid %s, %d users signed in (%.0f/s); %s%n", target.id,
                    servers.pids().stream().map(String::valueOf).collect(Collectors.joining(" and ")),
                    sessions.size(), signInRate, target.description);

            Traffic traffic = new Traffic(loop, sessions, options.neighbours());
            loop.handler(traffic);
            StepRunner runner = new StepRunner(target.id, loop, traffic, probe, servers.services(), options.warmup(),
                    options.seconds(), options.overloadP99Ms());
            if (options.jitWarmup() > 0 && !options.rates().isEmpty()) {
                int rate = options.rates().getFirst();
                Results.Step w = new StepRunner(target.id + " JIT warm-up", loop, traffic, probe,
                        servers.services(), 0, options.jitWarmup(), Double.MAX_VALUE).run(rate);
                System.out.printf("%n[%s] JIT warm-up, not reported: %s%n", target.id, StepRunner.line(w));
            }
            List<Results.Step> steps = new ArrayList<>();
            for (int rate : options.rates()) {
                Results.Step step = runner.run(rate);
                steps.add(step);
                System.out.printf("%n[%s] %s%n", target.id, StepRunner.line(step));
                if (step.overloaded()) {
                    System.out.printf("[%s] overloaded at %,d msgs/s: no higher steps%n", target.id, rate);
                    break;
                }
            }
            if (!FsyncCounter.problem().isEmpty()) {
                notes.add("fsyncs not counted: " + FsyncCounter.problem());
            }
            Integer knee = steps.stream().filter(Results.Step::withinKnee).map(Results.Step::offered)
                    .max(Comparator.naturalOrder()).orElse(null);
            loop.closeAll(sessions);
            Thread.sleep(2_000); // let an overloaded server finish what it still had queued

            Results.Drain drain = drain(loop, servers, creds);
            Results.Idle idle = idle(loop, servers.port(0), probe, prepared);
            return new Results.TargetRun(target.id, target.description, null, options.users(), signInRate, steps,
                    knee, drain, idle, List.copyOf(notes));
        }
    }

    private List<Users.Credential> credentials(TargetServers servers, List<Users.Credential> prepared,
                                               List<String> loadNames, List<String> drainNames) throws Exception {
        List<String> names = Stream.concat(loadNames.stream(), drainNames.stream()).toList();
        return switch (target) {
            case PARLEY -> prepared.subList(0, names.size());
            case PARLEY_MEMORY -> {
                System.out.printf("[%s] registering %d users over REST (PBKDF2: slow on purpose)%n", target.id,
                        names.size());
                yield Users.overRest(servers.port(0), servers.appKey(), names);
            }
            case PG_1NODE, PG_2NODES -> {
                System.out.printf("[%s] registering %d users over REST at node n1 (PBKDF2: slow on purpose); "
                        + "tokens minted from the nodes' app credentials%n", target.id, names.size());
                yield Users.overRestSigned(servers.port(0), servers.appKey(), servers.credentials().orElseThrow(),
                        names);
            }
            case RELAY -> Users.anyToken(names);
        };
    }

    /** What a reader of a cluster's figures must know; printed now and kept with the results. */
    private void clusterNotes(TargetServers servers) {
        notes.add("everything shares this machine's " + Runtime.getRuntime().availableProcessors() + " cores: the "
                + "load generator, the " + target.nodes + " node(s), PostgreSQL and NATS");
        notes.add("server figures are summed over the nodes; fsyncs are the nodes' and PostgreSQL's; PostgreSQL "
                + "and NATS serve the whole machine, so other work on them is counted too (" + servers.describe()
                + ")");
        notes.add("users registered over REST at node n1 (with passwords, as clients do); their tokens minted by "
                + "the bench from the app credentials all nodes were given");
        notes.forEach(n -> System.out.printf("[%s] %s%n", target.id, n));
    }

    /** The drain; on a cluster the sender is on node n1 and the recipient on the last node. */
    private Results.Drain drain(ClientLoop loop, TargetServers servers, List<Users.Credential> creds)
            throws Exception {
        if (options.drain() <= 0) {
            return null;
        }
        if (target == Target.RELAY) {
            notes.add("no offline drain: the relay stores nothing");
            return null;
        }
        int n = creds.size();
        Results.Drain d = OfflineDrain.run(loop, creds.get(n - 2), servers.port(0), creds.get(n - 1),
                servers.port(target.nodes - 1), options.drain());
        System.out.printf("[%s] offline drain: %,d of %,d queued messages in %.0f ms from sign-in to the last "
                        + "(%,.0f msgs/s; %d duplicates, %d out of send order, %d out of id order; filled in "
                        + "%.1f s)%n", target.id, d.received(), d.queued(), d.drainMillis(), d.messagesPerSecond(),
                d.duplicates(), d.orderViolations(), d.commitOrderViolations(), d.fillSeconds());
        return d;
    }

    private Results.Idle idle(ClientLoop loop, int port, NodeProbes probe, List<Users.Credential> prepared) {
        if (options.idle() <= 0) {
            return null;
        }
        List<Users.Credential> users;
        switch (target) {
            case PARLEY -> users = prepared.subList(prepared.size() - options.idle(), prepared.size());
            case RELAY -> users = Users.anyToken(IntStream.range(0, options.idle()).mapToObj(i -> "idle" + i)
                    .toList());
            case PARLEY_MEMORY -> {
                notes.add("no idle-connection figures: --store memory users must be registered over REST, and "
                        + options.idle() + " PBKDF2 registrations would take minutes");
                return null;
            }
            default -> {
                notes.add("no idle-connection figures: a cluster's users are registered over REST, and "
                        + options.idle() + " PBKDF2 registrations would take minutes");
                return null;
            }
        }
        Results.Idle idle = IdleConnections.run(loop, port, probe, users, options.addresses(), 64);
        System.out.printf("[%s] idle: %,d signed in (%d failed) from %d addresses at %,.0f/s; server heap %.2f KB "
                        + "and RSS %.2f KB per idle connection%n", target.id, idle.signedIn(), idle.failed(),
                idle.sourceAddresses(), idle.connectsPerSecond(), idle.heapBytesPerConnection() / 1e3,
                idle.rssBytesPerConnection() / 1e3);
        return idle;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
