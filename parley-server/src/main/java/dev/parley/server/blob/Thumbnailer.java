package dev.parley.server.blob;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes thumbnails: the longest side at most {@value #MAX_SIDE} px, the aspect ratio kept, the EXIF orientation
 * applied; JPEG (quality 0.85), or PNG when the image has transparency.
 * <p>
 * Bounded in every way a hostile upload could push: an image whose header declares more than {@code maxPixels} is
 * never decoded, nor a progressive JPEG of more than a quarter of it (its decoder keeps every DCT coefficient of the
 * image in native memory, subsampled or not: 82 MB for 36 MP, measured; a quarter of 40 MP stays under 60 MB); the rest is decoded subsampled ({@link ImageReadParam#setSourceSubsampling}), every n-th pixel of
 * every n-th row, so that the decoded raster is at most about {@code 2 × 320} px on its longest side whatever the
 * image's size (a 40-megapixel image decodes into under 7 MB, not 160 MB); the work runs on the bounded executor
 * given (one decode per thread at a time), and the caller waits at most {@code wait} for it. A corrupt image, a busy
 * executor or a slow decode gives no thumbnail, never an exception.
 * <p>
 * Headless: only {@code javax.imageio} and pixel arrays are used, no {@code Graphics2D}, so no AWT toolkit or graphics
 * environment is ever started. ImageIO's global disk cache is bypassed (the source's own stream in, a memory stream
 * out).
 * <p>
 * Threading: {@link #make} may be called from any thread and blocks for up to {@code wait}.
 */
final class Thumbnailer {
    static final int MAX_SIDE = 320;
    /** Larger images are stored as files (see {@link FileBlobStore}); 40 MP is a 7,700 × 5,200 photo. */
    static final long DEFAULT_MAX_PIXELS = 40_000_000L;
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
    private static final float JPEG_QUALITY = 0.85f;
    private static final System.Logger LOG = System.getLogger(Thumbnailer.class.getName());

    private final Executor executor;
    private final long maxPixels;
    private final Duration wait;

    /**
     * @param executor  where decoding runs: a bounded pool (it throws {@link RejectedExecutionException} when full)
     * @param maxPixels the most pixels an image may declare to be decoded at all
     * @param wait      how long {@link #make} waits for a thumbnail before giving up on it
     */
    Thumbnailer(Executor executor, long maxPixels, Duration wait) {
        if (maxPixels < 1 || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("maxPixels and wait must be positive");
        }
        this.executor = executor;
        this.maxPixels = maxPixels;
        this.wait = wait;
    }

    Thumbnailer(Executor executor) {
        this(executor, DEFAULT_MAX_PIXELS, DEFAULT_WAIT);
    }

    /** The most pixels an image may declare to be treated as one. */
    long maxPixels() {
        return maxPixels;
    }

    /** The most pixels an image with this header may have to be decoded. */
    long decodeLimit(ImageHeader header) {
        return header.progressive() ? maxPixels / 4 : maxPixels;
    }

    /** The image's thumbnail and what it is; {@code bytes} is at most a few hundred KB. */
    record Thumbnail(String mime, byte[] bytes, int width, int height) {
    }

    /**
     * The thumbnail of the image in {@code source}, whose header is {@code header}; empty when the server cannot make
     * one (a format it cannot decode, too many pixels, a corrupt image, the executor full, or not within the wait).
     * {@code uuid} only names the blob in the log.
     */
    Optional<Thumbnail> make(ImageSource source, ImageHeader header, String uuid) {
        long limit = decodeLimit(header);
        if (!header.format().decodable() || header.pixels() > limit) {
            return Optional.empty();
        }
        CompletableFuture<Thumbnail> job;
        try {
            job = CompletableFuture.supplyAsync(() -> {
                try {
                    return render(source, header, limit);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, executor);
        } catch (RejectedExecutionException busy) {
            LOG.log(System.Logger.Level.WARNING, "no thumbnail for {0}: the thumbnail pool is full", uuid);
            return Optional.empty();
        }
        try {
            return Optional.of(job.get(wait.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException slow) {
            job.cancel(false); // a decode cannot be interrupted; it ends by itself, bounded by maxPixels
            LOG.log(System.Logger.Level.WARNING, "no thumbnail for {0}: not made within {1}", uuid, wait);
        } catch (ExecutionException failed) {
            LOG.log(System.Logger.Level.INFO, "no thumbnail for {0}: {1}", uuid, failed.getCause().toString());
        } catch (InterruptedException e) {
            job.cancel(false);
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /**
     * Decodes (subsampled), scales, orients and encodes, on the calling thread, unless the decoder finds more than
     * {@code maxPixels}.
     */
    static Thumbnail render(ImageSource source, ImageHeader header, long maxPixels) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(header.format().imageIoName());
        if (!readers.hasNext()) {
            throw new IOException("no " + header.format() + " decoder in this runtime");
        }
        ImageReader reader = readers.next();
        BufferedImage decoded;
        int width;
        int height;
        try (ImageInputStream in = source.openImage()) {
            reader.setInput(in, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
            // The decoder's own reading of the header, checked again: a GIF frame may be larger than its screen.
            if (width < 1 || height < 1 || (long) width * height > maxPixels) {
                throw new IOException("the image declares " + width + " x " + height + " pixels");
            }
            int step = Math.max(1, Math.max(width, height) / (2 * MAX_SIDE));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(step, step, 0, 0);
            decoded = reader.read(0, param);
        } finally {
            reader.dispose();
        }
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));
        int[] pixels = areaAverage(decoded, targetWidth, targetHeight);
        boolean alpha = decoded.getColorModel().hasAlpha();
        Oriented oriented = orient(pixels, targetWidth, targetHeight, header.orientation());
        return encode(oriented, alpha);
    }

    /**
     * {@code image} scaled to {@code width × height} (never larger) by averaging the source pixels that fall into each
     * target pixel, alpha-weighted so that transparent pixels add no colour; ARGB out.
     */
    static int[] areaAverage(BufferedImage image, int width, int height) {
        int sourceWidth = image.getWidth();
        int sourceHeight = image.getHeight();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        for (int x = 0; x < width; x++) {
            x0[x] = (int) ((long) x * sourceWidth / width);
            x1[x] = Math.max(x0[x] + 1, (int) ((long) (x + 1) * sourceWidth / width));
        }
        int[] out = new int[width * height];
        int[] row = new int[sourceWidth];
        long[] sums = new long[width * 5]; // per target column: alpha, red·alpha, green·alpha, blue·alpha, count
        for (int y = 0; y < height; y++) {
            int y0 = (int) ((long) y * sourceHeight / height);
            int y1 = Math.max(y0 + 1, (int) ((long) (y + 1) * sourceHeight / height));
            java.util.Arrays.fill(sums, 0);
            for (int sy = y0; sy < y1; sy++) {
                image.getRGB(0, sy, sourceWidth, 1, row, 0, sourceWidth);
                for (int x = 0; x < width; x++) {
                    int s = x * 5;
                    for (int sx = x0[x]; sx < x1[x]; sx++) {
                        int p = row[sx];
                        int a = p >>> 24;
                        sums[s] += a;
                        sums[s + 1] += (long) ((p >> 16) & 0xFF) * a;
                        sums[s + 2] += (long) ((p >> 8) & 0xFF) * a;
                        sums[s + 3] += (long) (p & 0xFF) * a;
                        sums[s + 4]++;
                    }
                }
            }
            for (int x = 0; x < width; x++) {
                int s = x * 5;
                long a = sums[s];
                int alpha = (int) ((a + sums[s + 4] / 2) / sums[s + 4]);
                int r = a == 0 ? 0 : (int) ((sums[s + 1] + a / 2) / a);
                int g = a == 0 ? 0 : (int) ((sums[s + 2] + a / 2) / a);
                int b = a == 0 ? 0 : (int) ((sums[s + 3] + a / 2) / a);
                out[y * width + x] = alpha << 24 | r << 16 | g << 8 | b;
            }
        }
        return out;
    }

    /** ARGB pixels with their size. */
    record Oriented(int[] pixels, int width, int height) {
    }

    /** The pixels turned and mirrored as EXIF {@code orientation} says they are to be shown. */
    static Oriented orient(int[] pixels, int width, int height, int orientation) {
        if (orientation == 1) {
            return new Oriented(pixels, width, height);
        }
        boolean turned = orientation >= 5;
        int outWidth = turned ? height : width;
        int outHeight = turned ? width : height;
        int[] out = new int[pixels.length];
        for (int y = 0; y < outHeight; y++) {
            for (int x = 0; x < outWidth; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = width - 1 - x; sy = y; }
                    case 3 -> { sx = width - 1 - x; sy = height - 1 - y; }
                    case 4 -> { sx = x; sy = height - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = height - 1 - x; }
                    case 7 -> { sx = width - 1 - y; sy = height - 1 - x; }
                    default -> { sx = width - 1 - y; sy = x; } // 8
                }
                out[y * outWidth + x] = pixels[sy * width + sx];
            }
        }
        return new Oriented(out, outWidth, outHeight);
    }

    private static Thumbnail encode(Oriented image, boolean alpha) throws IOException {
        BufferedImage out = new BufferedImage(image.width(), image.height(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, image.width(), image.height(), image.pixels(), 0, image.width());
        String format = alpha ? "png" : "jpeg";
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!alpha) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(out, null, null), param);
        } finally {
            writer.dispose();
        }
        return new Thumbnail("image/" + format, bytes.toByteArray(), image.width(), image.height());
    }
}
