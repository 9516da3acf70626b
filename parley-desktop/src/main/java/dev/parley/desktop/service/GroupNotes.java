package dev.parley.desktop.service;

import dev.parley.client.GroupEvent;
import java.util.function.Function;

/**
 * The sentences of group events in the timeline ("roy added amy", "leo renamed the group to “Lunch”"), people by
 * display name where known, and the signed-in user as "You" ("You added Amy Lee"). Pure functions; any thread.
 */
final class GroupNotes {
    private GroupNotes() {
    }

    /**
     * The note of {@code event}, told from {@code me}'s side: what this user did is "You renamed the group to
     * “Lunch”", "You added Amy Lee"; done to them, "Roy Smith added you".
     *
     * @param groupName the group's name after an update ({@code ""} when not known)
     * @param nameOf    a user ID's display name, else the ID itself
     * @param me        the signed-in user ({@code ""}: nobody's side)
     */
    static String describe(GroupEvent event, String groupName, Function<String, String> nameOf, String me) {
        boolean byMe = !me.isEmpty() && event.by().equals(me);
        boolean toMe = !me.isEmpty() && event.member().equals(me);
        String by = byMe ? "You" : event.by().isEmpty() ? "someone" : nameOf.apply(event.by());
        String member = toMe ? "you" : nameOf.apply(event.member());
        String subject = toMe ? "You" : member;
        return switch (event.kind()) {
            case CREATED -> groupName.isEmpty() ? by + " created the group" : by + " created the group “" + groupName
                    + "”";
            case MEMBER_ADDED -> event.by().isEmpty() || event.by().equals(event.member()) ? subject + " joined"
                    : by + " added " + member;
            case MEMBER_REMOVED -> event.by().isEmpty() || event.by().equals(event.member()) ? subject + " left"
                    : by + " removed " + member;
            case UPDATED -> groupName.isEmpty() ? by + " changed the group's details"
                    : by + " renamed the group to “" + groupName + "”";
            case DESTROYED -> by + " deleted the group";
        };
    }

    /** The note as timeline content, told from {@code me}'s side. */
    static MessageContent.Note note(GroupEvent event, String groupName, Function<String, String> nameOf, String me) {
        return new MessageContent.Note(event, groupName, describe(event, groupName, nameOf, me));
    }
}
