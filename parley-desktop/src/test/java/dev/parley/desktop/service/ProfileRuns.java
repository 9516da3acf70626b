package dev.parley.desktop.service;

import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs of the app one after another on one profile directory, as a user quits and starts it again: each a real
 * service on the profile's local cache (and, by default, its outbox there). Closes at the end the runs the test did
 * not quit. {@code fx} stands for the FX thread.
 */
final class ProfileRuns implements AutoCloseable {
    private final DirectFx fx;
    private final Path profile;
    private final List<ChatService> open = new ArrayList<>();

    ProfileRuns(DirectFx fx, Path profile) {
        this.fx = fx;
        this.profile = profile;
    }

    /** A run with the test server's options and the outbox in the profile. */
    ChatService start(TestServer server) {
        return start(() -> server.service(fx, OutboxStore.inDirectory(profile)));
    }

    /** A run that {@code make} makes (a service with the test's own options), on the profile's local cache. */
    ChatService start(Supplier<ChatService> make) {
        ChatService service = make.get();
        fx.run(() -> service.useLocalCache(profile));
        open.add(service);
        return service;
    }

    /** The app quits: the run ends. */
    void quit(ChatService service) {
        fx.run(service::close);
        open.remove(service);
    }

    @Override
    public void close() {
        open.forEach(s -> fx.run(s::close));
        open.clear();
    }
}
