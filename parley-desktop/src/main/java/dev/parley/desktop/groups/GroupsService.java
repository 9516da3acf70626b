package dev.parley.desktop.groups;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ConversationId;
import dev.parley.client.EventHandlerRegistration;
import dev.parley.client.GroupEvent;
import dev.parley.client.GroupInfo;
import dev.parley.client.UserInfo;
import dev.parley.client.UserInfoManager;
import dev.parley.desktop.groups.GroupErrors.Action;
import dev.parley.desktop.service.ChatServiceException;
import dev.parley.desktop.service.UserIdRules;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The groups screens' door to the chat SDK: creating a group, reading its name and members (with their nicknames),
 * renaming it, adding and removing members, leaving and deleting it, and looking users up by ID; over one signed-in
 * {@link ChatClient}'s {@link dev.parley.client.GroupManager} and {@link UserInfoManager}.
 * <p>
 * Threading: call it on the FX thread. Every future it returns completes on the injected executor
 * ({@code Platform::runLater} in the app, a direct executor in tests), the same boundary the desktop's
 * {@code FxBoundary} draws for the chat service, so their callbacks may touch properties. A refused request fails with
 * a {@link ChatServiceException} whose message is a sentence for the user ({@link GroupErrors}); the SDK's failure is
 * its cause. Group events are handed to the listeners of {@link #onGroupEvent} on that executor too.
 */
public final class GroupsService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GroupsService.class.getName());
    /** Numbers the SDK handlers of the services, so that two services over one client both hear the events. */
    private static final AtomicInteger HANDLERS = new AtomicInteger();

    private final ChatClient client;
    private final Executor fx;
    private final List<Consumer<GroupEvent>> listeners = new CopyOnWriteArrayList<>();
    private final EventHandlerRegistration registration;

    /**
     * A service over {@code client}, which is signed in (or about to be); it listens to the client's group events
     * until {@link #close()}.
     *
     * @param fx the FX thread's executor
     */
    public GroupsService(ChatClient client, Executor fx) {
        this.client = Objects.requireNonNull(client, "client");
        this.fx = Objects.requireNonNull(fx, "fx");
        ChatEventHandler handler = new ChatEventHandler() {
            @Override
            public void onGroupEvent(GroupEvent event) {
                fx.execute(() -> listeners.forEach(listener -> listener.accept(event)));
            }
        };
        this.registration = client.addEventHandler("desktop-groups-" + HANDLERS.incrementAndGet(), handler);
    }

    /** The signed-in user's ID, {@code ""} before the first sign-in. */
    public String currentUser() {
        return client.currentUser().orElse("");
    }

    /**
     * Calls {@code listener} on the FX thread with every group event of this user's groups.
     *
     * @return a handle whose {@code close()} stops the calls
     */
    public AutoCloseable onGroupEvent(Consumer<GroupEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Creates a group owned by this user with {@code members} in it besides them.
     *
     * @return the new group's conversation
     */
    public CompletableFuture<ConversationId> create(String name, List<String> members) {
        return onFx(() -> client.groupManager().createGroup(name.strip(), List.copyOf(members))
                .thenApply(ConversationId::group), Action.CREATE);
    }

    /** The group's name and members with their roles and nicknames (owner first, then admins, then by name). */
    public CompletableFuture<GroupDetails> details(String groupId) {
        return onFx(() -> client.groupManager().getGroupInfo(groupId)
                .thenCompose(info -> nicknames(info.members()).thenApply(names -> details(info, names))), Action.READ);
    }

    /** How many members the group has, this user included. */
    public CompletableFuture<Integer> memberCount(String groupId) {
        return onFx(() -> client.groupManager().getGroupInfo(groupId).thenApply(info -> info.members().size()),
                Action.READ);
    }

    /** Renames the group (owner or admin). */
    public CompletableFuture<Void> rename(String groupId, String name) {
        return onFx(() -> client.groupManager().changeGroupName(groupId, name.strip()), Action.RENAME);
    }

    /** Adds members (owner or admin). */
    public CompletableFuture<Void> addMembers(String groupId, List<String> users) {
        return onFx(() -> client.groupManager().addUsersToGroup(groupId, users), Action.ADD);
    }

    /** Removes a member (owner or admin). */
    public CompletableFuture<Void> removeMember(String groupId, String user) {
        return onFx(() -> client.groupManager().removeUserFromGroup(groupId, user), Action.REMOVE);
    }

    /** Leaves the group (not the owner). */
    public CompletableFuture<Void> leave(String groupId) {
        return onFx(() -> client.groupManager().leaveGroup(groupId), Action.LEAVE);
    }

    /** Deletes the group for everyone (owner only). */
    public CompletableFuture<Void> destroy(String groupId) {
        return onFx(() -> client.groupManager().destroyGroup(groupId), Action.DESTROY);
    }

    /**
     * Checks a typed user ID against the server: the user with their nickname, or a failure whose message says that
     * the ID is not one or that there is no such user.
     *
     * @param typed a user ID as typed (case and surrounding spaces do not matter)
     */
    public CompletableFuture<Person> lookUp(String typed) {
        String id = normalize(typed);
        if (!UserIdRules.isValid(id)) {
            return CompletableFuture.failedFuture(new ChatServiceException(GroupErrors.notAUserId(),
                    new IllegalArgumentException("not a user id")));
        }
        return onFx(() -> client.userInfoManager().fetchUserInfo(id).thenApply(found -> found
                .map(info -> new Person(info.username(), info.nickname()))
                .orElseThrow(() -> new ChatServiceException(GroupErrors.noSuchUser(id),
                        new IllegalArgumentException("no such user")))), Action.READ);
    }

    /** A typed user ID as the server stores it: without surrounding spaces, in lowercase. */
    public static String normalize(String typed) {
        return typed.strip().toLowerCase(Locale.ROOT);
    }

    /** Stops listening to the client's group events (the client itself stays open). */
    @Override
    public void close() {
        registration.close();
        listeners.clear();
    }

    private CompletableFuture<Map<String, UserInfo>> nicknames(List<String> users) {
        List<CompletableFuture<Map<String, UserInfo>>> parts = new ArrayList<>();
        for (int from = 0; from < users.size(); from += UserInfoManager.MAX_USERS) {
            List<String> part = users.subList(from, Math.min(users.size(), from + UserInfoManager.MAX_USERS));
            parts.add(client.userInfoManager().fetchUserInfo(part).exceptionally(failure -> {
                LOG.log(Level.DEBUG, "no nicknames of group members: {0}", failure.getMessage());
                return Map.of();
            }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, UserInfo> all = new HashMap<>();
            parts.forEach(part -> all.putAll(part.join()));
            return all;
        });
    }

    private static GroupDetails details(GroupInfo info, Map<String, UserInfo> names) {
        List<Member> members = new ArrayList<>();
        for (String user : info.members()) {
            GroupRole role = user.equals(info.owner()) ? GroupRole.OWNER
                    : info.admins().contains(user) ? GroupRole.ADMIN : GroupRole.MEMBER;
            UserInfo known = names.get(user);
            members.add(new Member(new Person(user, known == null ? "" : known.nickname()), role));
        }
        members.sort(Comparator.comparing(Member::role)
                .thenComparing(m -> m.person().displayName(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(Member::userId));
        return new GroupDetails(info.id(), info.name(), members);
    }

    /**
     * Starts an SDK call and hands its outcome to the FX thread: the result, or a {@link ChatServiceException} with
     * the sentence for {@code action}. A call that throws at once (an invalid argument) fails the same way.
     */
    private <T> CompletableFuture<T> onFx(Supplier<CompletableFuture<T>> call, Action action) {
        CompletableFuture<T> sdk;
        try {
            sdk = call.get();
        } catch (RuntimeException e) {
            sdk = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        sdk.whenComplete((value, failure) -> fx.execute(() -> {
            if (failure == null) {
                result.complete(value);
            } else {
                String sentence = GroupErrors.describe(failure, action);
                LOG.log(Level.DEBUG, "group request refused ({0}): {1}", sentence, failure.getMessage());
                result.completeExceptionally(failure instanceof ChatServiceException worded ? worded
                        : new ChatServiceException(sentence, failure));
            }
        }));
        return result;
    }
}
