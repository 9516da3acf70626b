package dev.parley.desktop.live;

import dev.parley.client.ChatClient;
import dev.parley.client.ConnectionState;
import dev.parley.client.PresenceEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The presence of the people this user talks to: subscribes to the users it is given ({@link #watch}: the peers of
 * the conversation list, the members of a group), at most 100 a request, and keeps one {@link UserPresence} per user
 * for views to bind to ({@link #of}), from the SDK's {@link PresenceEvent}s ({@link #presenceChanged}).
 * <p>
 * Subscriptions end with the session. After a reconnect the SDK subscribes again by itself (its
 * {@code PresenceManager} keeps the session's list); after a new login on the same client (the session had ended:
 * {@code DISCONNECTED}, then {@code CONNECTED}) this service subscribes everyone again; feed it every connection state
 * ({@link #connectionChanged}). While the session is down, everyone's presence is not known. The header lines move on
 * with time: they are refreshed every {@link #REFRESH}.
 * <p>
 * One per signed-in session; {@link #close()} stops the refresh. Threading: FX thread only; the SDK's futures come
 * back through the injected {@code fx} executor.
 */
public final class PresenceService implements AutoCloseable {
    /** The most users one subscription names (the protocol's limit). */
    public static final int MAX_USERS_PER_REQUEST = 100;
    /** How often "last seen …" lines are brought up to date. */
    public static final Duration REFRESH = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(PresenceService.class.getName());

    private final ChatClient client;
    private final String me;
    private final Executor fx;
    private final FxScheduler scheduler;
    private final PresenceFormatter formatter;
    private final Map<String, UserPresence> users = new HashMap<>();
    /** Everyone to watch, lower case, in the order given. */
    private final Set<String> wanted = new LinkedHashSet<>();
    /** Those subscribed to (or being subscribed to) in this session. */
    private final Set<String> subscribed = new LinkedHashSet<>();
    private ConnectionState state;
    private FxScheduler.Scheduled refresh;
    private boolean closed;

    /**
     * @param client    the session's client
     * @param me        this session's user (never watched)
     * @param fx        the FX thread ({@code Platform::runLater} in the app)
     * @param clock     now, and the zone of "today" in header lines
     * @param locale    the language of month names in header lines
     * @param scheduler the refresh timer
     */
    public PresenceService(ChatClient client, String me, Executor fx, Clock clock, Locale locale,
                           FxScheduler scheduler) {
        this.client = Objects.requireNonNull(client, "client");
        this.me = me.toLowerCase(Locale.ROOT);
        this.fx = Objects.requireNonNull(fx, "fx");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.formatter = new PresenceFormatter(clock, locale);
        this.state = client.connectionState();
        scheduleRefresh();
    }

    /** The presence of {@code user}, kept up to date while watched (not known until then). */
    public UserPresence of(String user) {
        return users.computeIfAbsent(user.toLowerCase(Locale.ROOT), UserPresence::new);
    }

    /** Subscribes to these users' presence (those not watched yet; this user is left out). */
    public void watch(Collection<String> userIds) {
        List<String> added = new ArrayList<>();
        for (String user : userIds) {
            String key = user.toLowerCase(Locale.ROOT);
            if (!key.isBlank() && !key.equals(me) && wanted.add(key)) {
                added.add(key);
            }
        }
        if (state == ConnectionState.CONNECTED) {
            subscribe(added);
        }
    }

    /** The users watched, lower case, in the order given. */
    public List<String> watched() {
        return List.copyOf(wanted);
    }

    /** An SDK presence event (on the FX thread). */
    public void presenceChanged(PresenceEvent event) {
        of(event.user()).set(Presence.of(event), formatter);
    }

    /** The client's connection state changed (on the FX thread). */
    public void connectionChanged(ConnectionState now) {
        ConnectionState before = state;
        state = now;
        if (now == ConnectionState.CONNECTED && before != ConnectionState.RECONNECTING) {
            subscribed.clear(); // a new session: nothing is subscribed on the server
            subscribe(List.copyOf(wanted));
        } else if (now == ConnectionState.DISCONNECTED) {
            subscribed.clear();
            users.values().forEach(u -> u.set(Presence.UNKNOWN, formatter));
        }
    }

    /**
     * Sets this user's status line, which the people who watch them see.
     *
     * @param description up to 64 characters; {@code ""} clears it
     * @return completes on the FX thread; fails as {@code PresenceManager.publishPresence} does
     */
    public CompletableFuture<Void> publishStatus(String description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.presenceManager().publishPresence(description.strip()).whenComplete((ok, failure) -> fx.execute(() -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    /** Stops refreshing the header lines. */
    @Override
    public void close() {
        closed = true;
        if (refresh != null) {
            refresh.cancel();
        }
    }

    private void subscribe(List<String> candidates) {
        List<String> todo = candidates.stream().filter(subscribed::add).toList();
        for (int from = 0; from < todo.size(); from += MAX_USERS_PER_REQUEST) {
            List<String> batch = todo.subList(from, Math.min(todo.size(), from + MAX_USERS_PER_REQUEST));
            client.presenceManager().subscribePresence(batch).whenComplete((arrived, failure) -> {
                if (failure != null) {
                    fx.execute(() -> subscribeFailed(batch, failure));
                }
            });
        }
    }

    /** A subscription failed (the connection went, or the server refused): tried again at the next login. */
    private void subscribeFailed(List<String> batch, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "presence subscription of {0} failed: {1}", batch, failure);
        batch.forEach(subscribed::remove);
    }

    private void scheduleRefresh() {
        refresh = scheduler.schedule(REFRESH, () -> {
            if (!closed) {
                users.values().forEach(u -> u.refresh(formatter));
                scheduleRefresh();
            }
        });
    }
}
