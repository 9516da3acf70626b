package dev.parley.desktop.service;

import dev.parley.client.GroupEvent;
import java.util.function.Function;

/**
 * The sentences of group events in the timeline ("roy added amy", "leo renamed the group to “Lunch”"), people by
 * display name where known. Pure functions; any thread.
 */
final class GroupNotes {
    private GroupNotes() {
    }

    /**
     * The note of {@code event}.
     *
     * @param groupName the group's name after an update ({@code ""} when not known)
     * @param nameOf    a user ID's display name, else the ID itself
     */
    static String describe(GroupEvent event, String groupName, Function<String, String> nameOf) {
        String by = event.by().isEmpty() ? "someone" : nameOf.apply(event.by());
        String member = nameOf.apply(event.member());
        return switch (event.kind()) {
            case CREATED -> groupName.isEmpty() ? by + " created the group" : by + " created the group “" + groupName
                    + "”";
            case MEMBER_ADDED -> event.by().isEmpty() || event.by().equals(event.member()) ? member + " joined"
                    : by + " added " + member;
            case MEMBER_REMOVED -> event.by().isEmpty() || event.by().equals(event.member()) ? member + " left"
                    : by + " removed " + member;
            case UPDATED -> groupName.isEmpty() ? by + " changed the group's details"
                    : by + " renamed the group to “" + groupName + "”";
            case DESTROYED -> by + " deleted the group";
        };
    }

    /** The note as timeline content. */
    static MessageContent.Note note(GroupEvent event, String groupName, Function<String, String> nameOf) {
        return new MessageContent.Note(event, groupName, describe(event, groupName, nameOf));
    }
}
