package dev.parley.protocol;

/**
 * The kind of a conversation: one-to-one ({@code singleChat}, its id is the peer's user id) or a group
 * ({@code groupChat}, its id is the group id the server assigned).
 */
public enum ChatType {
    /** One-to-one. */
    SINGLE("singleChat"),
    /** A group. */
    GROUP("groupChat");

    private final String wire;

    ChatType(String wire) {
        this.wire = wire;
    }

    /** The name on the wire: {@code singleChat} or {@code groupChat}. */
    public String wire() {
        return wire;
    }

    /**
     * The chat type named on the wire; {@code null} or absent means {@link #SINGLE} (version 1 frames leave it out).
     *
     * @throws FrameException for any other name
     */
    public static ChatType ofWire(String name) {
        if (name == null || name.equals(SINGLE.wire)) {
            return SINGLE;
        }
        if (name.equals(GROUP.wire)) {
            return GROUP;
        }
        throw new FrameException(ErrorCode.BAD_FRAME, "unsupported chatType: singleChat or groupChat");
    }

    @Override
    public String toString() {
        return wire;
    }
}
