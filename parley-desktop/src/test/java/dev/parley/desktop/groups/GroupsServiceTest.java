package dev.parley.desktop.groups;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ConversationId;
import dev.parley.client.GroupEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.service.ChatServiceException;
import dev.parley.protocol.ChatType;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The groups service against a real server and the real SDK, for three users (leo, roy, amy), with a direct executor
 * instead of the FX thread: what each role may do, what the others then see, and the sentences of refusals.
 */
class GroupsServiceTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatClient leoClient;
    private GroupsService leo;
    private GroupsService roy;
    private GroupsService amy;
    private final BlockingQueue<GroupEvent> royEvents = new LinkedBlockingQueue<>();
    private final BlockingQueue<GroupEvent> amyEvents = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.register("roy", "Roy Smith");
        server.register("amy", "Amy Lee");
        leoClient = server.peer("leo").client();
        leo = new GroupsService(leoClient, fx);
        roy = new GroupsService(server.peer("roy").client(), fx);
        amy = new GroupsService(server.peer("amy").client(), fx);
        roy.onGroupEvent(royEvents::add);
        amy.onGroupEvent(amyEvents::add);
    }

    @AfterEach
    void stop() {
        List.of(leo, roy, amy).forEach(GroupsService::close);
        server.close();
    }

    private <T> T done(Supplier<CompletableFuture<T>> call) {
        return TestServer.join(fx.get(call::get));
    }

    private String refusal(Supplier<CompletableFuture<?>> call) {
        try {
            fx.get(call::get).get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ChatServiceException.class);
            return e.getCause().getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the request was not refused");
    }

    private static GroupEvent next(BlockingQueue<GroupEvent> events, GroupEvent.Kind kind) {
        try {
            while (true) {
                GroupEvent event = events.poll(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (event == null) {
                    throw new AssertionError("no " + kind + " event");
                }
                if (event.kind() == kind) {
                    return event;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String trip() {
        ConversationId group = done(() -> leo.create("  Trip  ", List.of("roy", "amy")));
        assertThat(group.chatType()).isEqualTo(ChatType.GROUP);
        return group.id();
    }

    @Test
    void leoCreatesAGroupWithRoyAndAmyAndEveryoneSeesItsMembersWithRolesAndNicknames() {
        String group = trip();

        GroupDetails details = done(() -> roy.details(group));
        assertThat(details.name()).isEqualTo("Trip");
        assertThat(details.members()).extracting(m -> m.person().displayName() + " " + m.role().label())
                .containsExactly("leo owner", "Amy Lee member", "Roy Smith member");
        assertThat(details.roleOf("leo")).contains(GroupRole.OWNER);
        assertThat(next(royEvents, GroupEvent.Kind.CREATED).groupId()).isEqualTo(group);
    }

    @Test
    void aMembersRenameIsRefusedAndTheOwnersReachesTheOthers() {
        String group = trip();

        assertThat(refusal(() -> roy.rename(group, "Roy's trip")))
                .isEqualTo("Only the group's owner or an admin can rename the group.");
        done(() -> leo.rename(group, "Weekend trip"));

        assertThat(next(amyEvents, GroupEvent.Kind.UPDATED).by()).isEqualTo("leo");
        assertThat(done(() -> amy.details(group)).name()).isEqualTo("Weekend trip");
    }

    @Test
    void theOwnerRemovesAndAddsMembersAndAMemberCannot() {
        String group = trip();

        assertThat(refusal(() -> roy.removeMember(group, "amy")))
                .isEqualTo("Only the owner or an admin can remove members, and only the owner can remove an admin.");
        assertThat(refusal(() -> roy.addMembers(group, List.of("leo"))))
                .isEqualTo("Only the group's owner or an admin can add members.");
        done(() -> leo.removeMember(group, "amy"));
        GroupEvent removed = next(amyEvents, GroupEvent.Kind.MEMBER_REMOVED);
        assertThat(removed.member()).isEqualTo("amy");
        assertThat(removed.by()).isEqualTo("leo");
        assertThat(refusal(() -> amy.details(group)))
                .isEqualTo("You cannot see this group: you are not a member of this group.");

        done(() -> leo.addMembers(group, List.of("amy")));
        assertThat(next(amyEvents, GroupEvent.Kind.MEMBER_ADDED).member()).isEqualTo("amy");
        assertThat(done(() -> amy.details(group)).members()).extracting(Member::userId)
                .containsExactly("leo", "amy", "roy");
    }

    @Test
    void aMemberLeavesTheOwnerCannotAndDeletesTheGroupInstead() {
        String group = trip();

        done(() -> amy.leave(group));
        assertThat(done(() -> leo.details(group)).members()).extracting(Member::userId).containsExactly("leo", "roy");
        assertThat(refusal(() -> leo.leave(group))).isEqualTo("The owner cannot leave the group. Delete it instead.");
        assertThat(refusal(() -> roy.destroy(group))).isEqualTo("Only the group's owner can delete it.");

        done(() -> leo.destroy(group));
        assertThat(next(royEvents, GroupEvent.Kind.DESTROYED).groupId()).isEqualTo(group);
        assertThat(refusal(() -> roy.details(group))).isEqualTo("This group no longer exists.");
    }

    @Test
    void aFullGroupRefusesNewMembersInWords() {
        String pair = TestServer.join(leoClient.groupManager().createGroup("Pair", "", List.of("roy"), 2));

        assertThat(refusal(() -> leo.addMembers(pair, List.of("amy"))))
                .isEqualTo("The group is full: no more members can join.");
    }

    @Test
    void lookingUpUsersFindsTheirNicknamesAndWordsWhatIsNotFound() {
        assertThat(done(() -> leo.lookUp("  Roy "))).isEqualTo(new Person("roy", "Roy Smith"));
        assertThat(done(() -> leo.lookUp("leo"))).isEqualTo(new Person("leo", ""));
        assertThat(refusal(() -> leo.lookUp("nobody"))).isEqualTo("There is no user “nobody” on this server.");
        assertThat(refusal(() -> leo.lookUp("not an id!")))
                .isEqualTo("A user ID uses only a–z, 0–9, '_', '-' and '.' (up to 64 characters).");
    }
}
