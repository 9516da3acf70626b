package dev.parley.desktop.chat;

import dev.parley.client.ConversationId;
import dev.parley.desktop.live.UserPresence;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.SignInKit;
import dev.parley.protocol.ChatType;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

/**
 * Typing and presence as the conversation views show them, over the current sign-in's {@link SignInKit}: who types in
 * a conversation ("roy is typing…", for the header and the list's row), whether a peer is online (the dot on a
 * one-to-one row's avatar), people's uploaded pictures ({@link AvatarPictures}), and the open conversation's header
 * line: the typing line while someone types, else for a one-to-one chat "online" or "last seen …" and the peer's
 * status line, for a group "3 members". The values follow the sign-in: they are empty while signed out and move to
 * the new kit at the next sign-in. The composer's text goes to the {@code TypingAnnouncer} ({@link #composerChanged}).
 * <p>
 * Threading: FX thread only.
 */
public final class LiveViewModel implements Faces {
    private final ChatService service;
    private final ReadOnlyObjectProperty<SignInKit> kit;
    private final ObservableValue<String> openTyping;
    private final StringBinding subtitle;
    private final BooleanBinding typingInOpen;
    private final ObservableValue<String> statusLine;
    private final StringProperty groupLine = new SimpleStringProperty(this, "groupLine", "");

    /** A view model over {@code service}. */
    public LiveViewModel(ChatService service) {
        this.service = Objects.requireNonNull(service, "service");
        this.kit = service.extras().kitProperty();
        ReadOnlyObjectProperty<ConversationId> open = service.openConversationProperty();
        this.openTyping = open.flatMap(this::typingText).orElse("");
        ObservableValue<String> presence = open.flatMap(c -> peer(c, UserPresence::headerProperty)).orElse("");
        this.statusLine = open.flatMap(c -> peer(c, UserPresence::statusLineProperty)).orElse("");
        this.subtitle = Bindings.createStringBinding(() -> !openTyping.getValue().isEmpty() ? openTyping.getValue()
                : isGroup(open.get()) ? groupLine.get() : presence.getValue(), openTyping, presence, groupLine, open);
        this.typingInOpen = Bindings.createBooleanBinding(() -> !openTyping.getValue().isEmpty(), openTyping);
    }

    /** Who types in {@code conversation}: "roy is typing…", {@code ""} when nobody does (or signed out). */
    public ObservableValue<String> typingText(ConversationId conversation) {
        return kit.flatMap(k -> k.typing().textProperty(conversation)).orElse("");
    }

    /** {@code user}'s uploaded picture, {@code null} until it is in or when they have none. */
    @Override
    public ObservableValue<javafx.scene.image.Image> picture(String user) {
        return AvatarPictures.of(service).of(user);
    }

    /** Whether {@code user} is online now (false while not known or signed out). */
    @Override
    public ObservableValue<Boolean> online(String user) {
        return kit.flatMap(k -> k.presence().of(user).onlineProperty()).orElse(false);
    }

    /** Follows the presence of {@code users} in this sign-in (a group's members shown in its panel). */
    @Override
    public void watch(java.util.Collection<String> users) {
        SignInKit now = kit.get();
        if (now != null) {
            now.presence().watch(users);
        }
    }

    /**
     * The open conversation's line under its title: who types there, else (one-to-one) "online", "last seen 5
     * minutes ago" and so on; {@code ""} for none.
     */
    public StringBinding subtitleBinding() {
        return subtitle;
    }

    /**
     * The open group's line ("3 members") that the header shows when nobody types there; the window binds it to a
     * {@link dev.parley.desktop.groups.MemberCountLine}.
     */
    public StringProperty groupLineProperty() {
        return groupLine;
    }

    /** Whether {@link #subtitleBinding()} is a typing line (shown in the accent colour). */
    public BooleanBinding typingInOpenBinding() {
        return typingInOpen;
    }

    /** The open one-to-one conversation's peer's status line, {@code ""} for none. */
    public ObservableValue<String> statusLineBinding() {
        return statusLine;
    }

    /**
     * The user changed the open conversation's composer text (typed, pasted, deleted, or sent it): others are told
     * that they type, every 3 s at most; an empty text ends it.
     */
    public void composerChanged(String text) {
        ConversationId open = service.openConversationProperty().get();
        SignInKit current = kit.get();
        if (open != null && current != null) {
            current.announcer().composerChanged(open, text);
        }
    }

    private static boolean isGroup(ConversationId conversation) {
        return conversation != null && conversation.chatType() == ChatType.GROUP;
    }

    private ObservableValue<String> peer(ConversationId conversation,
                                         Function<UserPresence, ObservableValue<String>> part) {
        return conversation.chatType() == ChatType.GROUP ? null
                : kit.flatMap(k -> part.apply(k.presence().of(conversation.id())));
    }
}
