package dev.parley.desktop.view;

import dev.parley.client.ConversationId;
import dev.parley.desktop.chat.ChatController;
import dev.parley.desktop.chat.ConversationController;
import dev.parley.desktop.chat.ConversationListController;
import dev.parley.desktop.chat.LiveViewModel;
import dev.parley.desktop.groups.MemberCountLine;
import dev.parley.desktop.groups.MembersPanel;
import dev.parley.desktop.groups.NewGroupDialog;
import dev.parley.desktop.service.ChatService;
import dev.parley.protocol.ChatType;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.MapChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

/**
 * Groups in the main window: "New group…" in the conversation list's ＋ menu and Ctrl+Shift+N open the
 * {@link NewGroupDialog} (the new group's conversation opens); the 👥 button at the header's right end (shown only for
 * a group; Ctrl+Shift+M) opens the {@link MembersPanel} as the side pane at the right of the conversation (✕ or Escape
 * close it and give the focus back to the composer); the header's line of a group says how many members it has
 * ({@link MemberCountLine}); and the composer of a group this user is no longer in is
 * disabled with a sentence ({@link dev.parley.desktop.groups.GroupMembership}). A rename made in the panel is fetched
 * again for the list and the header. FX thread only.
 */
final class GroupsInWindow {
    /** Opens the New group dialog. */
    static final KeyCombination NEW_GROUP = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    /** Opens (or closes) the members panel of the open group. */
    static final KeyCombination MEMBERS = new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final ChatService service;
    private final ReadOnlyObjectProperty<SessionTools> tools;
    private final ChatController chat;
    private final ConversationController conversation;
    private final Button membersButton;
    /** The members' pictures and online dots, as the conversation list has them. */
    private final LiveViewModel faces;
    private final ReadOnlyStringWrapper lock = new ReadOnlyStringWrapper(this, "lock", "");
    private final MapChangeListener<String, String> membershipChanged = change -> updateLock();
    private MembersPanel panel;

    /**
     * Puts groups into the window's views.
     *
     * @param tools         the sign-in's services ({@code null} while signed out)
     * @param membersButton the 👥 button (the caller gives it its picture); put at the header's right end here
     */
    GroupsInWindow(ChatService service, ReadOnlyObjectProperty<SessionTools> tools, Node chatView,
                   ChatController chat, ConversationListController list, ConversationController conversation,
                   Button membersButton, LiveViewModel live) {
        this.service = Objects.requireNonNull(service, "service");
        this.tools = Objects.requireNonNull(tools, "tools");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        this.membersButton = Objects.requireNonNull(membersButton, "membersButton");
        this.faces = Objects.requireNonNull(live, "live");
        membersButton.setId("membersButton");
        membersButton.getStyleClass().add("flat");
        membersButton.setTooltip(new Tooltip("Members (Ctrl+Shift+M)"));
        membersButton.setAccessibleText("Members (Ctrl+Shift+M)");
        membersButton.setOnAction(e -> toggleMembers());
        membersButton.managedProperty().bind(membersButton.visibleProperty());
        conversation.headerEnd().getChildren().add(membersButton);
        conversation.lockComposer(lock.getReadOnlyProperty());
        live.groupLineProperty().bind(new MemberCountLine(service.openConversationProperty(),
                tools.map(SessionTools::groups)).lineProperty());
        list.onNewGroup(this::newGroup);
        chatView.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (NEW_GROUP.match(event)) {
                event.consume();
                newGroup();
            } else if (MEMBERS.match(event)) {
                event.consume();
                toggleMembers();
            }
        });
        tools.addListener((o, old, now) -> {
            if (old != null) {
                old.membership().gone().removeListener(membershipChanged);
            }
            if (now != null) {
                now.membership().gone().addListener(membershipChanged);
            }
            closeMembers();
            opened(service.openConversationProperty().get());
        });
        if (tools.get() != null) {
            tools.get().membership().gone().addListener(membershipChanged);
        }
        service.openConversationProperty().addListener((o, old, open) -> opened(open));
        opened(service.openConversationProperty().get());
    }

    /** Opens the New group dialog over the window; the new group's conversation opens when it is made. */
    void newGroup() {
        SessionTools now = tools.get();
        if (now != null && membersButton.getScene() != null) {
            NewGroupDialog.show(membersButton.getScene().getWindow(), now.groups(), service::openConversation);
        }
    }

    /** Opens the open group's members panel, or closes it when it is open. */
    void toggleMembers() {
        if (panel != null) {
            closeMembers();
            conversation.focusComposer();
        } else {
            openMembers();
        }
    }

    private void openMembers() {
        SessionTools now = tools.get();
        ConversationId open = service.openConversationProperty().get();
        if (now == null || !isGroup(open)) {
            return;
        }
        MembersPanel opened = MembersPanel.open(now.groups(), open.id(), faces, () -> {
            closeMembers();
            conversation.focusComposer();
        });
        panel = opened;
        opened.viewModel().goneProperty().addListener((o, was, why) -> {
            if (!why.isEmpty()) {
                now.membership().markGone(open.id(), why.contains("deleted"));
            }
        });
        opened.viewModel().nameProperty().addListener((o, was, name) -> {
            if (!was.isEmpty() && !name.equals(was)) {
                service.refreshGroupName(open.id()); // renamed here: the server tells only the other members
            }
        });
        opened.node().parentProperty().addListener((o, was, parent) -> {
            if (parent == null && panel == opened) { // another side pane (search) took its place
                panel = null;
                opened.close();
            }
        });
        chat.showSidePane(opened.node());
        opened.focus();
    }

    private void closeMembers() {
        MembersPanel was = panel;
        panel = null;
        if (was != null) {
            chat.hideSidePane(was.node());
            was.close();
        }
    }

    private void opened(ConversationId open) {
        boolean group = isGroup(open);
        membersButton.setVisible(group);
        if (panel != null) {
            boolean same = group && panel.viewModel().groupId().equals(open.id());
            if (!same) {
                closeMembers();
                if (group) {
                    openMembers();
                }
            }
        }
        SessionTools now = tools.get();
        if (group && now != null) {
            now.membership().check(open.id());
        }
        updateLock();
    }

    private void updateLock() {
        ConversationId open = service.openConversationProperty().get();
        SessionTools now = tools.get();
        lock.set(isGroup(open) && now != null ? now.membership().reason(open.id()) : "");
    }

    private static boolean isGroup(ConversationId conversation) {
        return conversation != null && conversation.chatType() == ChatType.GROUP;
    }
}
