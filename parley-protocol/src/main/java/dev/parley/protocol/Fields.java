package dev.parley.protocol;

/** The checks every frame record and value makes of its fields: a missing one is a {@link FrameException}. */
final class Fields {
    private Fields() {
    }

    /** The value, or a {@link FrameException} saying the field is missing. */
    static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new FrameException(ErrorCode.BAD_FRAME, "missing field: " + field);
        }
        return value;
    }

    /** The value, or a {@link FrameException} saying the field is missing. */
    static <T> T requiredValue(String field, T value) {
        if (value == null) {
            throw new FrameException(ErrorCode.BAD_FRAME, "missing field: " + field);
        }
        return value;
    }
}
