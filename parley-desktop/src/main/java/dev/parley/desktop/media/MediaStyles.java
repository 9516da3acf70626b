package dev.parley.desktop.media;

/**
 * The style sheet of the media nodes ({@code media.css}: upload rows, image and file bubbles, the drop highlight, the
 * viewer), which each node adds to itself so that it looks right wherever it is placed. Only AtlantaFX's looked-up
 * colours, so both themes work.
 */
final class MediaStyles {
    /** The style sheet's address. */
    static final String STYLESHEET = MediaStyles.class.getResource("media.css").toExternalForm();

    private MediaStyles() {
    }
}
