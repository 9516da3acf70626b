package dev.parley.server.blob;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The size an image's header declares, read without decoding a pixel: PNG's IHDR, GIF's logical screen, WebP's
 * VP8/VP8L/VP8X header, JPEG's frame header (SOF) and, for JPEG, the EXIF orientation a camera wrote. This is what
 * the decompression-bomb check reads before any decoder runs.
 *
 * @param format      the format its first bytes name
 * @param width       the width stored in the file (before orientation)
 * @param height      the height stored in the file
 * @param orientation the EXIF orientation, 1–8 (1: as stored; 5–8 turn it a quarter, so width and height swap)
 * @param progressive a progressive JPEG (SOF2, 6, 10 or 14), whose decoder holds every DCT coefficient of the whole
 *                    image in native memory (about 3–6 bytes a pixel) however much it subsamples
 */
record ImageHeader(ImageFormat format, int width, int height, int orientation, boolean progressive) {
    /** JPEG segments read before the frame header at most (EXIF, XMP, ICC chunks…). */
    private static final int MAX_JPEG_SEGMENTS = 1_000;

    ImageHeader {
        if (width < 1 || height < 1 || orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("not an image size");
        }
    }

    /** A header that is not a progressive JPEG's. */
    ImageHeader(ImageFormat format, int width, int height, int orientation) {
        this(format, width, height, orientation, false);
    }

    long pixels() {
        return (long) width * height;
    }

    /** Whether its orientation turns it a quarter (then it is shown {@code height} wide). */
    boolean turned() {
        return orientation >= 5;
    }

    int displayWidth() {
        return turned() ? height : width;
    }

    int displayHeight() {
        return turned() ? width : height;
    }

    /**
     * The header of the image in {@code source}, whose first bytes named {@code format}; empty when the header is cut
     * short or malformed (then the upload is not treated as an image).
     */
    static Optional<ImageHeader> read(ImageSource source, ImageFormat format) throws IOException {
        try (InputStream raw = source.open();
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            return switch (format) {
                case JPEG -> jpeg(in);
                case PNG, GIF, WEBP -> fixed(in.readNBytes(ImageFormat.HEAD_BYTES), format);
            };
        } catch (EOFException truncated) {
            return Optional.empty();
        }
    }

    private static Optional<ImageHeader> fixed(byte[] h, ImageFormat format) {
        int needed = switch (format) {
            case PNG -> 24;
            case GIF -> 10;
            case WEBP, JPEG -> 30;
        };
        if (h.length < needed) {
            return Optional.empty();
        }
        return switch (format) {
            case PNG -> tag(h, 12, "IHDR") ? of(format, bigEndian32(h, 16), bigEndian32(h, 20), 1) : Optional.empty();
            case GIF -> of(format, littleEndian16(h, 6), littleEndian16(h, 8), 1);
            case WEBP -> webp(h);
            case JPEG -> Optional.empty();
        };
    }

    private static Optional<ImageHeader> webp(byte[] h) {
        if (tag(h, 12, "VP8X")) {
            return of(ImageFormat.WEBP, littleEndian24(h, 24) + 1, littleEndian24(h, 27) + 1, 1);
        }
        if (tag(h, 12, "VP8L") && (h[20] & 0xFF) == 0x2F) {
            long bits = (h[21] & 0xFF) | (h[22] & 0xFF) << 8 | (h[23] & 0xFF) << 16 | (long) (h[24] & 0xFF) << 24;
            return of(ImageFormat.WEBP, (int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1, 1);
        }
        if (tag(h, 12, "VP8 ") && (h[23] & 0xFF) == 0x9D && (h[24] & 0xFF) == 0x01 && (h[25] & 0xFF) == 0x2A) {
            return of(ImageFormat.WEBP, littleEndian16(h, 26) & 0x3FFF, littleEndian16(h, 28) & 0x3FFF, 1);
        }
        return Optional.empty();
    }

    /** Walks the segments up to the frame header, noting the EXIF orientation on the way. */
    private static Optional<ImageHeader> jpeg(DataInputStream in) throws IOException {
        if (in.readUnsignedShort() != 0xFFD8) {
            return Optional.empty();
        }
        int orientation = 1;
        for (int segment = 0; segment < MAX_JPEG_SEGMENTS; segment++) {
            if (in.readUnsignedByte() != 0xFF) {
                return Optional.empty();
            }
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) {
                marker = in.readUnsignedByte(); // fill bytes
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // no length
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty(); // the image ended, or its data began, without a frame header
            }
            int payload = in.readUnsignedShort() - 2;
            if (payload < 0) {
                return Optional.empty();
            }
            if (isFrameHeader(marker)) {
                if (payload < 5) {
                    return Optional.empty();
                }
                in.readUnsignedByte(); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                return of(ImageFormat.JPEG, width, height, orientation).map(h -> new ImageHeader(h.format(),
                        h.width(), h.height(), h.orientation(), progressive));
            }
            if (marker == 0xE1 && orientation == 1) {
                orientation = Exif.orientation(in.readNBytes(payload));
            } else {
                in.skipNBytes(payload);
            }
        }
        return Optional.empty();
    }

    /** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
    private static boolean isFrameHeader(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static Optional<ImageHeader> of(ImageFormat format, long width, long height, int orientation) {
        // A height of 0 in a JPEG frame header means "given later" (DNL): not supported, like a zero anywhere else.
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ImageHeader(format, (int) width, (int) height, orientation));
    }

    private static boolean tag(byte[] h, int offset, String tag) {
        for (int i = 0; i < 4; i++) {
            if (h[offset + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long bigEndian32(byte[] h, int o) {
        return (long) (h[o] & 0xFF) << 24 | (h[o + 1] & 0xFF) << 16 | (h[o + 2] & 0xFF) << 8 | (h[o + 3] & 0xFF);
    }

    private static int littleEndian16(byte[] h, int o) {
        return (h[o] & 0xFF) | (h[o + 1] & 0xFF) << 8;
    }

    private static int littleEndian24(byte[] h, int o) {
        return (h[o] & 0xFF) | (h[o + 1] & 0xFF) << 8 | (h[o + 2] & 0xFF) << 16;
    }

    /** The orientation tag (0x0112) of IFD0 in an APP1 {@code Exif} segment. */
    static final class Exif {
        private Exif() {
        }

        /** The orientation the segment names, 1 when it names none or is malformed. */
        static int orientation(byte[] app1) {
            int tiff = 6;
            if (app1.length < tiff + 8 || !new String(app1, 0, 6, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("Exif\0\0")) {
                return 1;
            }
            boolean little;
            if (app1[tiff] == 'I' && app1[tiff + 1] == 'I') {
                little = true;
            } else if (app1[tiff] == 'M' && app1[tiff + 1] == 'M') {
                little = false;
            } else {
                return 1;
            }
            if (u16(app1, tiff + 2, little) != 42) {
                return 1;
            }
            long ifd = tiff + u32(app1, tiff + 4, little);
            if (ifd + 2 > app1.length) {
                return 1;
            }
            int entries = u16(app1, (int) ifd, little);
            for (int i = 0; i < entries; i++) {
                int entry = (int) ifd + 2 + 12 * i;
                if (entry + 12 > app1.length) {
                    return 1;
                }
                if (u16(app1, entry, little) == 0x0112 && u16(app1, entry + 2, little) == 3) {
                    int value = u16(app1, entry + 8, little);
                    return value >= 1 && value <= 8 ? value : 1;
                }
            }
            return 1;
        }

        private static int u16(byte[] b, int o, boolean little) {
            return little ? (b[o] & 0xFF) | (b[o + 1] & 0xFF) << 8 : (b[o] & 0xFF) << 8 | (b[o + 1] & 0xFF);
        }

        private static long u32(byte[] b, int o, boolean little) {
            long value = 0;
            for (int i = 0; i < 4; i++) {
                int shift = little ? 8 * i : 8 * (3 - i);
                value |= (long) (b[o + i] & 0xFF) << shift;
            }
            return value;
        }
    }
}
