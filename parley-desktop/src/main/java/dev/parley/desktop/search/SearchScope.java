package dev.parley.desktop.search;

/** Where a search looks: the open conversation, or all of this user's conversations. */
public enum SearchScope {
    /** The conversation open in the window. */
    THIS_CONVERSATION,
    /** Every conversation of this user. */
    ALL_CONVERSATIONS
}
