package dev.parley.desktop.view;

import dev.parley.client.ChatClient;
import dev.parley.client.ConnectionState;
import dev.parley.desktop.groups.GroupMembership;
import dev.parley.desktop.groups.GroupsService;
import dev.parley.desktop.search.SearchService;
import dev.parley.desktop.service.ChatService;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The services of one sign-in that the window's groups and search use: a {@link GroupsService}, the
 * {@link GroupMembership} that follows its events, and a {@link SearchService}, all over that sign-in's
 * {@link ChatClient}. {@link #follow} makes them at each sign-in (and when a new sign-in replaced the client) and
 * closes them at sign-out. FX thread only.
 */
final class SessionTools implements AutoCloseable {
    private final ChatClient client;
    private final String me;
    private final GroupsService groups;
    private final GroupMembership membership;
    private final SearchService search;

    private SessionTools(ChatClient client, String me, Executor fx) {
        this.client = client;
        this.me = me;
        this.groups = new GroupsService(client, fx);
        this.membership = new GroupMembership(groups);
        this.search = new SearchService(client, fx);
    }

    /**
     * The tools of {@code service}'s current sign-in, {@code null} while signed out; a new value (the old one closed)
     * whenever the signed-in client changes.
     *
     * @param fx the FX thread's executor ({@code Platform::runLater})
     */
    static ReadOnlyObjectProperty<SessionTools> follow(ChatService service, Executor fx) {
        Objects.requireNonNull(fx, "fx");
        ReadOnlyObjectWrapper<SessionTools> current = new ReadOnlyObjectWrapper<>();
        Runnable update = () -> {
            ChatClient client = service.currentClient().orElse(null);
            SessionTools was = current.get();
            if (was != null && was.client == client) {
                return;
            }
            current.set(client == null ? null : new SessionTools(client, service.getCurrentUser(), fx));
            if (was != null) {
                was.close();
            }
        };
        service.signedInProperty().addListener((o, old, signedIn) -> update.run());
        service.connectionStateProperty().addListener((o, old, state) -> {
            if (state == ConnectionState.CONNECTED || state == ConnectionState.DISCONNECTED) {
                update.run();
            }
        });
        update.run();
        return current.getReadOnlyProperty();
    }

    /** The signed-in user. */
    String me() {
        return me;
    }

    GroupsService groups() {
        return groups;
    }

    GroupMembership membership() {
        return membership;
    }

    SearchService search() {
        return search;
    }

    @Override
    public void close() {
        membership.close();
        groups.close();
    }
}
