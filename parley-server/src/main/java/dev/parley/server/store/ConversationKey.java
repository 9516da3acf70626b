package dev.parley.server.store;

import dev.parley.protocol.ChatType;

/**
 * How the store names a conversation: the two user ids sorted and joined with U+001F for a one-to-one conversation
 * (the same whichever of them asks), {@code '#'} and the group id for a group. User ids never hold either character
 * (see {@link Write}), so keys of the two kinds never meet.
 */
final class ConversationKey {
    private static final char SEPARATOR = '\u001F';
    private static final char GROUP = '#';

    private ConversationKey() {
    }

    /** The one-to-one conversation of two users. */
    static String single(String user, String peer) {
        return user.compareTo(peer) <= 0 ? user + SEPARATOR + peer : peer + SEPARATOR + user;
    }

    /** A group's conversation. */
    static String group(long groupId) {
        return GROUP + Long.toString(groupId);
    }

    /** The conversation {@code user} means by ({@code type}, {@code id}). */
    static String of(String user, ChatType type, String id) {
        return type == ChatType.GROUP ? GROUP + id : single(user, id);
    }

    static boolean isGroup(String key) {
        return !key.isEmpty() && key.charAt(0) == GROUP;
    }

    /** The group id of a group key. */
    static long groupId(String key) {
        return Long.parseLong(key.substring(1));
    }
}
