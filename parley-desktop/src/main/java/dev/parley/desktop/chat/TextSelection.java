package dev.parley.desktop.chat;

/**
 * The one message body of a list whose text is selected: selecting in another clears it, so Ctrl+C and "Copy" always
 * mean what is highlighted. FX thread only.
 */
final class TextSelection {
    private MessageBody owner;

    /** {@code body} starts a selection; the previous owner's is cleared. */
    void take(MessageBody body) {
        if (owner != null && owner != body) {
            owner.clearSelection();
        }
        owner = body;
    }

    /** {@code body} shows another message now: it no longer holds the selection. */
    void release(MessageBody body) {
        if (owner == body) {
            owner = null;
        }
    }

    MessageBody owner() {
        return owner;
    }

    /** The selected text, {@code ""} when none. */
    String text() {
        return owner == null ? "" : owner.selectedText();
    }
}
