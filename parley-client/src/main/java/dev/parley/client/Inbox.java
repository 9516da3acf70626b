package dev.parley.client;

import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What the server pushes to this user: messages, receipts for their own messages, the offline sync's brackets and, in
 * protocol version 2, recalls, edits, read acknowledgements of whole conversations, typing, presence and group events.
 * Each is acknowledged to the server as the protocol says, and raised to the application once. Used on the client's
 * loop thread only.
 *
 * <h2>Acknowledgements (the rule the server implements)</h2>
 * {@code delivered {id}} acknowledges the item with that id, for this user; the server stops keeping it for their
 * devices (and the offline sync stops pushing it).
 * <ul>
 *   <li>A {@code message} is acknowledged with its id when {@code from} is not this user. (Version 1 said "when
 *       {@code to} is this user"; in a group {@code to} is the group id, and a copy of this user's own message from
 *       another device is not theirs to acknowledge.)</li>
 *   <li>A {@code recalled} or {@code edited} frame is acknowledged with its {@code id}, the message's id: that
 *       acknowledges the message and the recall and edit events of it pending for this user.</li>
 *   <li>A {@code groupEvent} or a server-sent {@code channelAck} that carries a non-empty {@code id} (an event id: it
 *       was stored for this user) is acknowledged with that id; one without an id was not stored and needs none.</li>
 *   <li>{@code typing} and {@code presence} are never stored and never acknowledged.</li>
 * </ul>
 * Every copy is acknowledged, even one raised before: the server may have missed the earlier acknowledgement.
 *
 * <h2>Raised once</h2>
 * A bounded set of recent keys ({@link RecentIds}) suppresses repeats: a message by its id, a recall by the message id,
 * an edit by (message id, edit time) so that a second edit is raised, a stored group event or channel ack by its event
 * id. Items without an id (live-only) are raised each time.
 */
final class Inbox {
    /** How many recent keys are remembered to raise an item pushed twice only once. */
    static final int RECENT_IDS = 10_000;
    private static final System.Logger LOG = System.getLogger(Inbox.class.getName());

    private final EventDispatcher events;
    private final Consumer<Frame.ClientFrame> write;
    private final Requests requests;
    private final RecentIds seen = new RecentIds(RECENT_IDS);

    Inbox(EventDispatcher events, Consumer<Frame.ClientFrame> write, Requests requests) {
        this.events = events;
        this.write = write;
        this.requests = requests;
    }

    /**
     * Handles one pushed item for user {@code me}: a message, delivery, readReceipt, syncStart, syncEnd, recalled,
     * edited, channelAck, typing, presence or groupEvent frame.
     *
     * @throws IllegalArgumentException for any other frame
     */
    void handle(Frame.ServerFrame frame, String me) {
        switch (frame) {
            case Frame.Message m -> message(m, me);
            case Frame.Recalled r -> recalled(r, me);
            case Frame.Edited e -> edited(e, me);
            case Frame.ChannelAck a -> channelAck(a, me);
            case Frame.Typing t -> events.fire(h -> h.onTypingMessage(
                    new TypingEvent(ConversationId.of(t.chatType(), t.from(), t.to(), me), t.from())));
            case Frame.Presence p -> presence(p);
            case Frame.GroupEvent g -> groupEvent(g);
            case Frame.Delivery d -> events.fire(h -> h.onDeliveredMessage(d.id(), d.from()));
            case Frame.ReadReceipt r -> events.fire(h -> h.onReadMessage(r.id(), r.from()));
            case Frame.SyncStart s -> events.fire(h -> h.onOfflineMessageSyncStart(s.count()));
            case Frame.SyncEnd _ -> events.fire(ChatEventHandler::onOfflineMessageSyncFinish);
            default -> throw new IllegalArgumentException("not an inbox frame: " + frame.getClass().getSimpleName());
        }
    }

    private void message(Frame.Message m, String me) {
        if (!m.from().equalsIgnoreCase(me)) {
            write.accept(new Frame.Delivered(m.id()));
        }
        if (!seen.add(m.id())) {
            return;
        }
        ReceivedMessage message = ReceivedMessage.of(m);
        events.fire(h -> h.onMessage(message));
        switch (message.content()) {
            case Content.Text _ -> {
                TextMessageEvent text = message.toTextEvent();
                events.fire(h -> h.onTextMessage(text));
            }
            case Content.Image _ -> events.fire(h -> h.onImageMessage(message));
            case Content.File _ -> events.fire(h -> h.onFileMessage(message));
            case Content.Custom _ -> events.fire(h -> h.onCustomMessage(message));
            case Content.Recalled _ -> { // only onMessage: its recalled frame follows
            }
        }
    }

    private void recalled(Frame.Recalled r, String me) {
        write.accept(new Frame.Delivered(r.id()));
        requests.recalled(r, me);
        if (seen.add("recalled:" + r.id())) {
            RecallEvent recall = new RecallEvent(r.id(), r.from(), ConversationId.of(r.chatType(), r.from(), r.to(), me));
            events.fire(h -> h.onRecallMessage(recall));
        }
    }

    private void edited(Frame.Edited e, String me) {
        write.accept(new Frame.Delivered(e.id()));
        requests.edited(e, me);
        if (seen.add("edited:" + e.id() + ":" + e.editTime())) {
            EditEvent edit = new EditEvent(e.id(), e.from(), ConversationId.of(e.chatType(), e.from(), e.to(), me),
                    e.msg(), Instant.ofEpochMilli(e.editTime()));
            events.fire(h -> h.onModifiedMessage(edit));
        }
    }

    private void channelAck(Frame.ChannelAck a, String me) {
        if (a.from().isEmpty()) {
            LOG.log(Level.WARNING, "ignored a channelAck without from");
            return;
        }
        if (!a.id().isEmpty()) {
            write.accept(new Frame.Delivered(a.id()));
            if (!seen.add("channelAck:" + a.id())) {
                return;
            }
        }
        boolean byMe = a.from().equalsIgnoreCase(me);
        ChannelAckEvent ack = new ChannelAckEvent(ConversationId.of(a.chatType(), a.from(), a.to(), me), a.from(), byMe);
        events.fire(h -> h.onChannelMessage(ack));
    }

    private void presence(Frame.Presence p) {
        PresenceEvent presence = new PresenceEvent(p.user(), Frame.Presence.ONLINE.equals(p.status()), p.lastSeen(),
                p.description());
        requests.presence(presence);
        events.fire(h -> h.onPresenceStatusChange(presence));
    }

    private void groupEvent(Frame.GroupEvent g) {
        if (!g.id().isEmpty()) {
            write.accept(new Frame.Delivered(g.id()));
            if (!seen.add("groupEvent:" + g.id())) {
                return;
            }
        }
        GroupEvent.Kind.ofWire(g.event()).ifPresent(kind -> {
            GroupEvent event = new GroupEvent(g.group(), kind, g.user(), g.by(), Instant.ofEpochMilli(g.time()));
            events.fire(h -> h.onGroupEvent(event));
        });
    }
}
