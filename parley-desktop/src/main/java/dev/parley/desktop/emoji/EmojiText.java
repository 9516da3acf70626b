package dev.parley.desktop.emoji;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.text.Text;

/**
 * Turns text into the nodes of a {@code TextFlow}: {@link Text} runs and, for each emoji sequence, an
 * {@link ImageView} of its picture whose user data and accessible text are the emoji itself (so that copying gives
 * the characters back). A {@code TextFlow} counts each such picture as one character. FX thread.
 */
public final class EmojiText {
    /** The style class of an emoji picture in text. */
    public static final String STYLE_CLASS = "emoji";

    private final EmojiSet set;

    /** Nodes with pictures from {@code set}. */
    public EmojiText(EmojiSet set) {
        this.set = set;
    }

    /** The set whose pictures are used. */
    public EmojiSet set() {
        return set;
    }

    /**
     * {@code text} as nodes: each plain run made by {@code textRun}, each emoji a picture {@code size} pixels high.
     */
    public List<Node> nodes(String text, double size, Function<String, Text> textRun) {
        List<Node> nodes = new ArrayList<>();
        for (EmojiSegmenter.Run run : set.segmenter().split(text)) {
            if (run.emoji()) {
                nodes.add(set.image(run.text()).<Node>map(image -> inText(picture(image, run.text(), size)))
                        .orElseGet(() -> textRun.apply(run.text())));
            } else {
                nodes.add(textRun.apply(run.text()));
            }
        }
        return nodes;
    }

    /** A picture in a line of text sits a little below the baseline, as a glyph does. */
    private static ImageView inText(ImageView view) {
        view.setTranslateY(Math.round(view.getFitHeight() * 0.2));
        return view;
    }

    /** The picture of {@code emoji}, {@code size} pixels high (a button's graphic, or a part of text). */
    public ImageView picture(javafx.scene.image.Image image, String emoji, double size) {
        ImageView view = new ImageView(image);
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        view.setUserData(emoji);
        view.setAccessibleText(emoji);
        view.getStyleClass().add(STYLE_CLASS);
        return view;
    }

    /** The emoji a node of {@link #nodes} stands for, or {@code null} for a text run. */
    public static String emojiOf(Node node) {
        return node instanceof ImageView && node.getUserData() instanceof String emoji ? emoji : null;
    }
}
