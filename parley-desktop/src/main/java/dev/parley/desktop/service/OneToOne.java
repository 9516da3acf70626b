package dev.parley.desktop.service;

import dev.parley.client.Conversation;
import dev.parley.protocol.ChatType;
import java.util.List;

/**
 * This window shows one-to-one conversations only, as protocol version 1 had them: group conversations the server
 * lists (protocol v2) are left out until the desktop shows groups.
 */
final class OneToOne {
    private OneToOne() {
    }

    static List<Conversation> only(List<Conversation> conversations) {
        return conversations.stream().filter(c -> c.chatType() == ChatType.SINGLE).toList();
    }
}
