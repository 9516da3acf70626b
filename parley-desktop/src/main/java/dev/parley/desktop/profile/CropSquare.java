package dev.parley.desktop.profile;

/**
 * The square part of a picture that becomes the avatar, in the picture's pixels: its left and top edge and its side.
 * Every method returns a square that lies wholly inside the picture ({@link #clampedTo}), at least
 * {@link #MIN_SIDE} pixels wide where the picture allows. Immutable; any thread.
 *
 * @param x    the left edge
 * @param y    the top edge
 * @param side the width and height
 */
record CropSquare(double x, double y, double side) {
    /** The smallest selection, in picture pixels (smaller pictures allow only their own size). */
    static final double MIN_SIDE = 16;

    /** The largest square in the middle of a picture of {@code width} × {@code height}: where a crop starts. */
    static CropSquare centred(int width, int height) {
        double side = Math.min(width, height);
        return new CropSquare((width - side) / 2, (height - side) / 2, side);
    }

    /** This square made to fit a picture of {@code width} × {@code height}: shrunk if too large, then moved in. */
    CropSquare clampedTo(int width, int height) {
        double largest = Math.min(width, height);
        double s = Math.clamp(side, Math.min(MIN_SIDE, largest), largest);
        return new CropSquare(Math.clamp(x, 0, width - s), Math.clamp(y, 0, height - s), s);
    }

    /** Moved by {@code dx}, {@code dy}, stopping at the picture's edges. */
    CropSquare moved(double dx, double dy, int width, int height) {
        return new CropSquare(x + dx, y + dy, side).clampedTo(width, height);
    }

    /**
     * Grown (or, for a negative {@code delta}, shrunk) by {@code delta} with its top-left corner kept, as dragging the
     * bottom-right handle does; it stops where the picture ends.
     */
    CropSquare resized(double delta, int width, int height) {
        double largest = Math.min(width - x, height - y);
        double s = Math.clamp(side + delta, Math.min(MIN_SIDE, largest), largest);
        return new CropSquare(x, y, s).clampedTo(width, height);
    }

    /**
     * The pixels of this square of {@code argb} (a picture of {@code width} × {@code height}, row by row) scaled to
     * {@code size} × {@code size}: each output pixel is the average of the picture pixels it covers (at least one),
     * in premultiplied alpha so that transparent pixels do not darken their neighbours. Off the FX thread.
     */
    int[] scale(int[] argb, int width, int height, int size) {
        CropSquare sq = clampedTo(width, height);
        int[] out = new int[size * size];
        double step = sq.side / size;
        for (int oy = 0; oy < size; oy++) {
            int y0 = (int) Math.floor(sq.y + oy * step);
            int y1 = Math.min(height, Math.max(y0 + 1, (int) Math.floor(sq.y + (oy + 1) * step)));
            for (int ox = 0; ox < size; ox++) {
                int x0 = (int) Math.floor(sq.x + ox * step);
                int x1 = Math.min(width, Math.max(x0 + 1, (int) Math.floor(sq.x + (ox + 1) * step)));
                out[oy * size + ox] = average(argb, width, x0, y0, x1, y1);
            }
        }
        return out;
    }

    private static int average(int[] argb, int width, int x0, int y0, int x1, int y1) {
        long a = 0;
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int p = argb[y * width + x];
                int alpha = p >>> 24;
                a += alpha;
                r += ((p >>> 16) & 0xff) * alpha;
                g += ((p >>> 8) & 0xff) * alpha;
                b += (p & 0xff) * alpha;
            }
        }
        int n = (x1 - x0) * (y1 - y0);
        if (a == 0) {
            return 0;
        }
        return (int) ((a + n / 2) / n) << 24 | (int) ((r + a / 2) / a) << 16 | (int) ((g + a / 2) / a) << 8
                | (int) ((b + a / 2) / a);
    }
}
