package dev.parley.desktop.media;

import java.util.Locale;

/**
 * How a file is described to people: its size in human units ("2.4 MB"), its type in words ("PDF document") and a
 * badge for its icon. Pure functions; any thread.
 */
public final class FileKinds {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private FileKinds() {
    }

    /** {@code bytes} in human units: "512 bytes", "1 byte", "12 KB", "2.4 MB" (powers of 1024, one decimal). */
    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = value >= 100 ? String.valueOf(Math.round(value))
                : String.format(Locale.ROOT, "%.1f", value).replaceFirst("\\.0$", "");
        return number + " " + UNITS[unit];
    }

    /** The file's type in words, from its media type and else its name's extension: "PDF document", "ZIP archive". */
    public static String description(String mime, String filename) {
        String m = mime.toLowerCase(Locale.ROOT);
        String ext = extension(filename);
        if (m.equals("application/pdf") || ext.equals("pdf")) {
            return "PDF document";
        }
        if (m.startsWith("image/")) {
            return (ext.isEmpty() ? m.substring(6) : ext).toUpperCase(Locale.ROOT) + " image";
        }
        if (m.startsWith("audio/")) {
            return "Audio";
        }
        if (m.startsWith("video/")) {
            return "Video";
        }
        if (m.startsWith("text/") || ext.equals("txt") || ext.equals("md")) {
            return "Text";
        }
        return switch (ext) {
            case "zip", "gz", "tgz", "7z", "rar", "xz", "bz2", "tar" -> ext.toUpperCase(Locale.ROOT) + " archive";
            case "doc", "docx", "odt", "rtf" -> "Document";
            case "xls", "xlsx", "ods", "csv" -> "Spreadsheet";
            case "ppt", "pptx", "odp" -> "Presentation";
            case "" -> "File";
            default -> ext.toUpperCase(Locale.ROOT) + " file";
        };
    }

    /**
     * The file's icon, a badge of up to four letters: its extension ("PDF", "ZIP", "DOCX"), or "FILE" without one.
     * Drawn in the colour of its {@link #kind}.
     */
    public static String badge(String filename) {
        String ext = extension(filename).toUpperCase(Locale.ROOT);
        return ext.isEmpty() ? "FILE" : ext.length() > 4 ? ext.substring(0, 4) : ext;
    }

    /** The file's kind, for the icon's style class: document, image, audio, video, archive or other. */
    public static String kind(String mime, String filename) {
        String d = description(mime, filename);
        if (d.endsWith("image")) {
            return "image";
        }
        if (d.endsWith("archive")) {
            return "archive";
        }
        return switch (d) {
            case "Audio" -> "audio";
            case "Video" -> "video";
            case "PDF document", "Text", "Document", "Spreadsheet", "Presentation" -> "document";
            default -> "other";
        };
    }

    private static String extension(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot < 0 || dot == filename.length() - 1 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
