package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.server.store.MessageStore.ConversationSummary;
import dev.parley.server.store.StoredMessage.DeliveryState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.parley.server.store.StoreFixtures.commitOne;
import static dev.parley.server.store.StoreFixtures.marked;
import static dev.parley.server.store.StoreFixtures.messages;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MessageStore} must do for protocol version 2 beside {@link MessageStoreContract}: groups and their
 * roles, messages of every type, state per member, recall and edit, conversation reads, and events kept in the inbox
 * of members who were offline, in the order things happened.
 */
abstract class ConversationStoreContract extends MessageStoreContract {

    /** Registers the users groups are made of (the first time; a name taken is left as it is). */
    private void users() {
        store.commit(List.of(new Write.CreateUser(user("alice")), new Write.CreateUser(user("bob")),
                new Write.CreateUser(user("carol")), new Write.CreateUser(user("dave"))));
    }

    private long group(String owner, String... members) {
        users();
        Write.ChangeOutcome outcome = change(new GroupChange.Create(owner, "team", "", 3, List.of(members)));
        return ((Write.Changed) outcome).groupId();
    }

    private Write.ChangeOutcome change(GroupChange change) {
        return (Write.ChangeOutcome) commitOne(store, new Write.ChangeGroup(change));
    }

    private Write.AppendOutcome sendTo(long group, String sender, String localId, Content content) {
        return (Write.AppendOutcome) commitOne(store, new Write.Append(sender, localId, ChatType.GROUP,
                Long.toString(group), content, "{}"));
    }

    private StoredMessage groupText(long group, String sender, String localId, String text) {
        return StoreFixtures.appended(sendTo(group, sender, localId, new Content.Text(text))).message();
    }

    private static Write.Refused refused(Object outcome) {
        assertThat(outcome).isInstanceOf(Write.Refused.class);
        return (Write.Refused) outcome;
    }

    private List<StoredEvent> events(String user) {
        return store.pendingFor(user, 100).stream().filter(StoredEvent.class::isInstance)
                .map(StoredEvent.class::cast).toList();
    }

    @Test
    void aGroupMessageIsStoredOnceAndPendingForEveryOtherMember() {
        long g = group("alice", "bob", "carol");
        assertThat(events("bob")).singleElement().satisfies(e -> assertThat(e.frame())
                .contains("\"event\":\"created\"", "\"group\":\"" + g + "\"", "\"by\":\"alice\""));
        assertThat(events("alice")).as("the creator made it: nothing to tell her devices at sign-in").isEmpty();

        Write.Appended sent = StoreFixtures.appended(sendTo(g, "bob", "b1", new Content.Text("hi all")));

        assertThat(sent.recipients()).containsExactlyInAnyOrder("alice", "carol");
        assertThat(sent.message().chatType()).isEqualTo(ChatType.GROUP);
        assertThat(sent.message().recipient()).isEqualTo(Long.toString(g));
        assertThat(messages(store.pendingFor("alice", 10))).extracting(StoredMessage::body).containsExactly("hi all");
        assertThat(messages(store.pendingFor("carol", 10))).hasSize(1);
        assertThat(messages(store.pendingFor("bob", 10))).isEmpty();
        assertThat(store.conversations("carol", 10)).singleElement().satisfies(c -> {
            assertThat(c.chatType()).isEqualTo(ChatType.GROUP);
            assertThat(c.peer()).isEqualTo(Long.toString(g));
            assertThat(c.unreadCount()).isEqualTo(1);
        });
    }

    @Test
    void onlyMembersSendToAGroupThatExists() {
        long g = group("alice", "bob");

        assertThat(refused(sendTo(g, "dave", "d1", new Content.Text("let me in"))).code())
                .isEqualTo(ErrorCode.GROUP_NOT_MEMBER);
        assertThat(refused(sendTo(g + 100, "alice", "a1", new Content.Text("nobody"))).code())
                .isEqualTo(ErrorCode.GROUP_NOT_FOUND);
        assertThat(store.history("alice", ChatType.GROUP, Long.toString(g), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void aMemberSeesTheGroupFromWhenTheyJoined() {
        long g = group("alice", "bob");
        StoredMessage before = groupText(g, "alice", "a1", "before dave");
        assertThat(change(new GroupChange.AddMembers(g, "alice", List.of("dave")))).isInstanceOf(Write.Changed.class);
        StoredMessage after = groupText(g, "bob", "b1", "after dave");

        assertThat(store.history("dave", ChatType.GROUP, Long.toString(g), Optional.empty(), 10))
                .extracting(StoredMessage::id).containsExactly(after.id());
        assertThat(store.history("bob", ChatType.GROUP, Long.toString(g), Optional.empty(), 10))
                .extracting(StoredMessage::id).containsExactly(after.id(), before.id());
        assertThat(store.history("carol", ChatType.GROUP, Long.toString(g), Optional.empty(), 10)).isEmpty();
        assertThat(messages(store.pendingFor("dave", 10))).extracting(StoredMessage::id).containsExactly(after.id());
        assertThat(events("dave")).singleElement().satisfies(e -> assertThat(e.frame())
                .contains("\"event\":\"memberAdded\"", "\"user\":\"dave\""));
    }

    @Test
    void historyReadForwardsStartsAfterTheGivenIdAndWhenTheMemberJoined() {
        long g = group("alice", "bob");
        StoredMessage first = groupText(g, "alice", "a1", "one");
        StoredMessage second = groupText(g, "bob", "b1", "two");
        assertThat(change(new GroupChange.AddMembers(g, "alice", List.of("dave")))).isInstanceOf(Write.Changed.class);
        StoredMessage third = groupText(g, "alice", "a2", "three");
        StoredMessage fourth = groupText(g, "bob", "b2", "four");
        String group = Long.toString(g);

        assertThat(store.historyAfter("bob", ChatType.GROUP, group, first.id(), 2)).as("oldest first, limited")
                .extracting(StoredMessage::id).containsExactly(second.id(), third.id());
        assertThat(store.historyAfter("bob", ChatType.GROUP, group, third.id(), 10))
                .extracting(StoredMessage::id).containsExactly(fourth.id());
        assertThat(store.historyAfter("bob", ChatType.GROUP, group, fourth.id(), 10)).isEmpty();
        assertThat(store.historyAfter("dave", ChatType.GROUP, group, 0, 10)).as("dave joined after two")
                .extracting(StoredMessage::id).containsExactly(third.id(), fourth.id());
        assertThat(store.historyAfter("carol", ChatType.GROUP, group, 0, 10)).as("not a member").isEmpty();
        assertThat(store.historyAfter("bob", ChatType.GROUP, Long.toString(g + 100), 0, 10)).isEmpty();
    }

    @Test
    void rolesDecideWhoChangesAGroup() {
        long g = group("alice", "bob");

        assertThat(refused(change(new GroupChange.AddMembers(g, "bob", List.of("carol")))).code())
                .isEqualTo(ErrorCode.GROUP_PERMISSION_DENIED);
        assertThat(refused(change(new GroupChange.RemoveMember(g, "bob", "alice"))).code())
                .isEqualTo(ErrorCode.GROUP_PERMISSION_DENIED);
        assertThat(refused(change(new GroupChange.RemoveMember(g, "alice", "alice"))).code())
                .as("the owner cannot leave").isEqualTo(ErrorCode.GROUP_PERMISSION_DENIED);
        assertThat(refused(change(new GroupChange.Destroy(g, "bob"))).code())
                .isEqualTo(ErrorCode.GROUP_PERMISSION_DENIED);
        assertThat(refused(change(new GroupChange.Update(g, "dave", "mine", ""))).code())
                .isEqualTo(ErrorCode.GROUP_NOT_MEMBER);
        assertThat(refused(change(new GroupChange.AddMembers(g, "alice", List.of("carol", "dave")))).code())
                .as("3 users at most").isEqualTo(ErrorCode.GROUP_FULL);
        assertThat(refused(change(new GroupChange.AddMembers(g, "alice", List.of("nobody")))).code())
                .isEqualTo(ErrorCode.USER_NOT_FOUND);

        assertThat(change(new GroupChange.Update(g, "alice", "renamed", ""))).isInstanceOf(Write.Changed.class);
        assertThat(store.findGroup(g)).hasValueSatisfying(group -> {
            assertThat(group.name()).isEqualTo("renamed");
            assertThat(group.owner()).isEqualTo("alice");
            assertThat(group.roleOf("alice")).contains(GroupRecord.Role.OWNER);
            assertThat(group.roleOf("bob")).contains(GroupRecord.Role.MEMBER);
        });
    }

    @Test
    void aMemberWhoLeavesGetsNothingMore() {
        long g = group("alice", "bob", "carol");

        Write.Changed left = (Write.Changed) change(new GroupChange.RemoveMember(g, "bob", "bob"));

        assertThat(left.notices()).singleElement().satisfies(n -> {
            assertThat(n.recipients()).as("the one who left is told too").contains("alice", "bob", "carol");
            assertThat(n.frame()).contains("\"event\":\"memberRemoved\"", "\"user\":\"bob\"");
        });
        Write.Appended after = StoreFixtures.appended(sendTo(g, "alice", "a1", new Content.Text("bye bob")));
        assertThat(after.recipients()).containsExactly("carol");
        assertThat(refused(sendTo(g, "bob", "b1", new Content.Text("wait"))).code())
                .isEqualTo(ErrorCode.GROUP_NOT_MEMBER);
        assertThat(store.groupsOf("bob")).isEmpty();
        assertThat(store.groupsOf("carol")).extracting(GroupRecord::id).containsExactly(g);
    }

    @Test
    void aDestroyedGroupIsGone() {
        long g = group("alice", "bob");

        assertThat(change(new GroupChange.Destroy(g, "alice"))).isInstanceOf(Write.Changed.class);

        assertThat(store.findGroup(g)).isEmpty();
        assertThat(store.groupsOf("bob")).isEmpty();
        assertThat(refused(sendTo(g, "alice", "a1", new Content.Text("anyone?"))).code())
                .isEqualTo(ErrorCode.GROUP_NOT_FOUND);
        assertThat(events("bob")).extracting(StoredEvent::frame).last().asString().contains("\"destroyed\"");
        assertThat(group("carol", "dave")).as("ids are never reused").isGreaterThan(g);
    }

    @Test
    void everyMessageTypeIsKeptAsSent() {
        var photo = dev.parley.protocol.Attachment.of("u-1", "s3cret", "cat.png", 12_345, "image/png").withSize(640, 480);
        var report = dev.parley.protocol.Attachment.of("u-2", "s", "report.pdf", 99, "application/pdf");
        List<Content> contents = List.of(new Content.Image(photo), new Content.File(report),
                new Content.Custom("poll", Map.of("question", "lunch?", "引号", "\"x\"")), new Content.Text("hi 你好 🎉"));
        for (int i = 0; i < contents.size(); i++) {
            commitOne(store, new Write.Append("alice", "c" + i, ChatType.SINGLE, "bob", contents.get(i), "{}"));
        }

        assertThat(store.history("bob", "alice", Optional.empty(), 10)).extracting(StoredMessage::content)
                .containsExactlyElementsOf(contents.reversed());
        assertThat(messages(store.pendingFor("bob", 10))).extracting(StoredMessage::content)
                .containsExactlyElementsOf(contents);
        // a delivery mark gives the message as stored (its sender gets the receipt), however the store learns it
        for (StoredMessage pending : messages(store.pendingFor("bob", 10))) {
            Write.Marked delivered = marked(commitOne(store, new Write.MarkDelivered(pending.id(), "bob")));
            assertThat(delivered.changed()).isTrue();
            assertThat(delivered.message()).contains(pending.withState(DeliveryState.DELIVERED))
                    .isEqualTo(store.findMessage(pending.id()));
        }
    }

    @Test
    void aRecallWithinTheWindowRemovesTheBodyAndReachesMembersInOrder() {
        long g = group("alice", "bob", "carol");
        StoredMessage m = groupText(g, "alice", "a1", "oops");
        StoredMessage later = groupText(g, "carol", "c1", "what?");

        assertThat(refused(commitOne(store, new Write.Recall(m.id(), "bob", 0))).code())
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
        clock.advance(Duration.ofSeconds(121));
        assertThat(refused(commitOne(store, new Write.Recall(m.id(), "alice",
                clock.millis() - 120_000))).code()).isEqualTo(ErrorCode.RECALL_WINDOW_PASSED);
        Write.Changed recalled = (Write.Changed) commitOne(store, new Write.Recall(m.id(), "alice",
                clock.millis() - 200_000));

        assertThat(recalled.message()).hasValueSatisfying(before -> assertThat(before.body()).isEqualTo("oops"));
        assertThat(recalled.notices()).singleElement().satisfies(n -> {
            assertThat(n.recipients()).containsExactlyInAnyOrder("bob", "carol", "alice");
            assertThat(n.actor()).isEqualTo("alice");
            assertThat(n.frame()).contains("\"type\":\"recalled\"", "\"id\":\"" + m.id() + "\"");
        });
        assertThat(store.findMessage(m.id())).hasValueSatisfying(r -> {
            assertThat(r.recalled()).isTrue();
            assertThat(r.body()).isEmpty();
            assertThat(r.content()).isEqualTo(new Content.Recalled("txt"));
        });
        // bob, offline all along: the message without its body, carol's message, then the recall
        List<InboxItem> sync = store.pendingFor("bob", 100).stream()
                .filter(item -> !(item instanceof StoredEvent e) || !e.frame().contains("groupEvent")).toList();
        assertThat(sync).extracting(InboxItem::id).isSorted();
        assertThat(sync).hasSize(3);
        assertThat(sync.get(0)).isInstanceOfSatisfying(StoredMessage.class, s -> assertThat(s.recalled()).isTrue());
        assertThat(sync.get(1).id()).isEqualTo(later.id());
        assertThat(sync.get(2)).isInstanceOfSatisfying(StoredEvent.class, e -> assertThat(e.messageId())
                .isEqualTo(m.id()));
        // acknowledging the message acknowledges its recall
        commitOne(store, new Write.MarkDelivered(m.id(), "bob"));
        assertThat(store.pendingFor("bob", 100)).extracting(InboxItem::id).doesNotContain(m.id(), sync.get(2).id());
    }

    @Test
    void anEditKeepsTheTextAsSentForTheSyncAndShowsTheNewOne() {
        StoredMessage m = send(store, "alice", "a1", "bob", "helo");
        StoredMessage image = StoreFixtures.appended(commitOne(store, new Write.Append("alice", "a2", ChatType.SINGLE,
                "bob", new Content.Image(dev.parley.protocol.Attachment.of("u", "s", "a.png", 1, "image/png")), "{}")))
                .message();

        assertThat(refused(commitOne(store, new Write.Edit(m.id(), "bob", "hello"))).code())
                .isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(refused(commitOne(store, new Write.Edit(image.id(), "alice", "hello"))).code())
                .isEqualTo(ErrorCode.BAD_FRAME);
        clock.advance(Duration.ofSeconds(5));
        Write.Changed edited = (Write.Changed) commitOne(store, new Write.Edit(m.id(), "alice", "hello"));

        assertThat(edited.notices()).singleElement().satisfies(n -> assertThat(n.frame())
                .contains("\"type\":\"edited\"", "\"msg\":\"hello\"", "\"editTime\":" + clock.millis()));
        assertThat(store.history("bob", "alice", Optional.empty(), 10)).filteredOn(s -> s.id() == m.id())
                .singleElement().satisfies(s -> {
                    assertThat(s.currentText()).isEqualTo("hello");
                    assertThat(s.edited()).isTrue();
                    assertThat(s.body()).isEqualTo("helo");
                });
        List<InboxItem> sync = store.pendingFor("bob", 10);
        assertThat(sync).hasSize(3);
        assertThat(sync.get(0)).isInstanceOfSatisfying(StoredMessage.class, s -> assertThat(s.body()).isEqualTo("helo"));
        assertThat(sync.get(2)).isInstanceOfSatisfying(StoredEvent.class, e -> assertThat(e.frame()).contains("hello"));
        // the message's delivery mark gives it as edited, and acknowledges the edit too
        Write.Marked delivered = marked(commitOne(store, new Write.MarkDelivered(m.id(), "bob")));
        assertThat(delivered.message()).hasValueSatisfying(s -> assertThat(s.currentText()).isEqualTo("hello"));
        assertThat(store.pendingFor("bob", 10)).extracting(InboxItem::id).containsExactly(image.id());
    }

    @Test
    void readingAConversationZeroesItsUnreadCountAndTellsThePeerAndMyDevices() {
        send(store, "bob", "b1", "alice", "one");
        send(store, "bob", "b2", "alice", "two");
        assertThat(store.conversations("alice", 10)).extracting(ConversationSummary::unreadCount).containsExactly(2);

        Write.Changed read = (Write.Changed) commitOne(store, new Write.ReadConversation("alice", ChatType.SINGLE, "bob"));
        Write.Changed again = (Write.Changed) commitOne(store, new Write.ReadConversation("alice", ChatType.SINGLE,
                "bob"));

        assertThat(store.conversations("alice", 10)).extracting(ConversationSummary::unreadCount).containsExactly(0);
        assertThat(read.notices()).hasSize(2);
        assertThat(read.notices()).filteredOn(n -> n.eventId() == 0).singleElement().satisfies(n -> {
            assertThat(n.recipients()).containsExactly("bob");
            assertThat(n.frame()).contains("\"type\":\"channelAck\"", "\"from\":\"alice\"").doesNotContain("\"id\"");
        });
        assertThat(read.notices()).filteredOn(n -> n.eventId() != 0).singleElement().satisfies(n ->
                assertThat(n.recipients()).containsExactly("alice"));
        assertThat(events("alice")).as("kept for alice's other devices").hasSize(1);
        assertThat(again.notices()).as("nothing was unread any more").isEmpty();
    }

    @Test
    void aBatchSeesItsOwnAppendsWhenItReadsAConversationOrAddsAMember() {
        long g = group("alice", "bob");
        String to = Long.toString(g);

        List<Write.Result> batch = store.commit(List.of(
                new Write.Append("alice", "a1", ChatType.GROUP, to, new Content.Text("before carol"), "{}"),
                new Write.ReadConversation("bob", ChatType.GROUP, to),
                new Write.ChangeGroup(new GroupChange.AddMembers(g, "alice", List.of("carol"))),
                new Write.Append("bob", "b1", ChatType.GROUP, to, new Content.Text("after carol"), "{}")));

        StoredMessage first = StoreFixtures.appended(batch.get(0)).message();
        assertThat(StoreFixtures.marked(commitOne(store, new Write.MarkRead(first.id(), "bob"))).changed())
                .as("bob read it with the conversation, in the same batch").isFalse();
        assertThat(store.history("carol", ChatType.GROUP, to, Optional.empty(), 10))
                .extracting(StoredMessage::body).as("carol joined after it").containsExactly("after carol");
        assertThat(store.conversations("alice", 10)).singleElement()
                .satisfies(c -> assertThat(c.unreadCount()).isEqualTo(1));
    }

    @Test
    void messageAndEventIdsComeFromOneSequence() {
        StoredMessage first = send(store, "alice", "a1", "bob", "first");
        long g = group("alice", "bob");
        StoredMessage second = send(store, "alice", "a2", "bob", "second");

        assertThat(store.pendingFor("bob", 10)).extracting(InboxItem::id).isSorted().hasSize(3)
                .contains(first.id(), second.id());
        assertThat(store.lastMessageId()).isEqualTo(second.id());
        assertThat(g).isPositive();
    }

    private List<String> search(String user, String q) {
        return store.search(user, SearchQuery.parse(q).orElseThrow(), Optional.empty(), 20).stream()
                .map(StoredMessage::currentText).toList();
    }

    @Test
    void searchFindsWordsAndChineseSubstringsInTheUsersOwnConversationsOnly() {
        send(store, "alice", "a1", "bob", "Lunch at the Noodle Bar?");
        send(store, "bob", "b1", "alice", "我们明天去北京吃烤鸭");
        send(store, "bob", "b2", "alice", "noodles are fine");
        send(store, "carol", "c1", "dave", "secret noodle plans 北京");

        assertThat(search("alice", "noodle")).containsExactly("noodles are fine", "Lunch at the Noodle Bar?");
        assertThat(search("alice", "NOODLE bar")).as("every word, any case").containsExactly("Lunch at the Noodle Bar?");
        assertThat(search("alice", "北京吃")).containsExactly("我们明天去北京吃烤鸭");
        assertThat(search("alice", "北京")).as("two characters: below the index").containsExactly("我们明天去北京吃烤鸭");
        assertThat(search("alice", "烤鸭 明天")).containsExactly("我们明天去北京吃烤鸭");
        assertThat(search("alice", "noodle at")).as("a word of the index with one shorter than it")
                .containsExactly("Lunch at the Noodle Bar?");
        assertThat(search("alice", "北京 we")).isEmpty();
        assertThat(search("alice", "secret")).as("never another user's message").isEmpty();
        assertThat(search("alice", "plans")).isEmpty();
        assertThat(search("carol", "北京")).containsExactly("secret noodle plans 北京");
        assertThat(store.search("alice", SearchQuery.parse("noodle").orElseThrow(),
                Optional.of(new MessageStore.ConversationRef(ChatType.SINGLE, "bob")), 1))
                .extracting(StoredMessage::body).containsExactly("noodles are fine");
    }

    @Test
    void searchSeesEditsRecallsFileNamesAndTheJoinPoint() {
        StoredMessage typo = send(store, "alice", "a1", "bob", "meet at the stasion");
        StoredMessage gone = send(store, "alice", "a2", "bob", "the station code is 1234");
        commitOne(store, new Write.Edit(typo.id(), "alice", "meet at the station"));
        commitOne(store, new Write.Recall(gone.id(), "alice", 0));
        commitOne(store, new Write.Append("alice", "a3", ChatType.SINGLE, "bob", new Content.File(
                dev.parley.protocol.Attachment.of("u", "s", "station-map.pdf", 9, "application/pdf")), "{}"));
        long g = group("alice", "bob");
        groupText(g, "alice", "g1", "station before dave");
        change(new GroupChange.AddMembers(g, "alice", List.of("dave")));
        groupText(g, "bob", "g2", "station after dave");

        assertThat(search("bob", "station")).containsExactly("station after dave", "station before dave",
                "station-map.pdf", "meet at the station");
        assertThat(search("bob", "stasion")).isEmpty();
        assertThat(search("bob", "1234")).as("recalled").isEmpty();
        assertThat(search("dave", "station")).containsExactly("station after dave");
    }

    @Test
    void aProfileKeepsWhatAnUpdateLeavesOut() {
        users();
        Write.ProfileUpdated named = (Write.ProfileUpdated) commitOne(store, new Write.UpdateProfile("alice",
                Optional.of("Alice 🌸"), Optional.empty()));
        Write.ProfileUpdated pictured = (Write.ProfileUpdated) commitOne(store, new Write.UpdateProfile("alice",
                Optional.empty(), Optional.of("upload-1")));
        Write.ProfileUpdated repictured = (Write.ProfileUpdated) commitOne(store, new Write.UpdateProfile("alice",
                Optional.empty(), Optional.of("upload-2")));
        Write.ProfileUpdated nobody = (Write.ProfileUpdated) commitOne(store, new Write.UpdateProfile("nobody",
                Optional.of("x"), Optional.empty()));

        assertThat(named.user()).hasValueSatisfying(u -> assertThat(u.nickname()).isEqualTo("Alice 🌸"));
        assertThat(pictured.previousAvatar()).isEmpty();
        assertThat(repictured.previousAvatar()).as("the upload to remove").isEqualTo("upload-1");
        assertThat(nobody.user()).isEmpty();
        assertThat(store.findUser("alice")).hasValueSatisfying(u -> {
            assertThat(u.nickname()).isEqualTo("Alice 🌸");
            assertThat(u.avatar()).isEqualTo("upload-2");
        });
    }

    @Test
    void theFilesOfOldMessagesAreListedForRetention() {
        var old = dev.parley.protocol.Attachment.of("old-upload", "s", "a.png", 1, "image/png");
        commitOne(store, new Write.Append("alice", "a1", ChatType.SINGLE, "bob", new Content.Image(old), "{}"));
        StoredMessage recalled = StoreFixtures.appended(commitOne(store, new Write.Append("alice", "a2",
                ChatType.SINGLE, "bob", new Content.File(dev.parley.protocol.Attachment.of("gone", "s", "b.pdf", 1,
                        "application/pdf")), "{}"))).message();
        commitOne(store, new Write.Recall(recalled.id(), "alice", 0));
        clock.advance(Duration.ofDays(2));
        commitOne(store, new Write.Append("alice", "a3", ChatType.SINGLE, "bob", new Content.File(
                dev.parley.protocol.Attachment.of("new-upload", "s", "c.pdf", 1, "application/pdf")), "{}"));

        assertThat(store.filesBefore(START.plus(Duration.ofDays(1)))).containsExactly("old-upload");
    }
}
