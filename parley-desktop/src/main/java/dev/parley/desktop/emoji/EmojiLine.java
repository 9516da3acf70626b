package dev.parley.desktop.emoji;

import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One line of text with emoji as pictures (a conversation's preview): it never wraps, and what does not fit is cut
 * at the right edge. Its accessible text is the text itself. FX thread.
 */
public final class EmojiLine extends Region {
    private final EmojiText emoji;
    private final double emojiSize;
    private final String textStyleClass;
    private final TextFlow flow = new TextFlow();
    private final Rectangle clip = new Rectangle();
    private String text = "";

    /**
     * An empty line.
     *
     * @param emojiSize      how high an emoji picture is, in pixels
     * @param textStyleClass the style class of its text runs (their colour and font come from the style sheet)
     */
    public EmojiLine(EmojiText emoji, double emojiSize, String textStyleClass) {
        this.emoji = emoji;
        this.emojiSize = emojiSize;
        this.textStyleClass = textStyleClass;
        getChildren().add(flow);
        setClip(clip);
        setMinWidth(0);
    }

    /** Shows {@code line} (made of one line already: line breaks show as spaces). */
    public void setText(String line) {
        String single = line.replace('\n', ' ');
        if (single.equals(text) && !flow.getChildren().isEmpty()) {
            return;
        }
        text = single;
        flow.getChildren().setAll(emoji.nodes(single, emojiSize, run -> {
            Text node = new Text(run);
            node.getStyleClass().add(textStyleClass);
            return node;
        }));
        setAccessibleText(single);
        requestLayout();
    }

    public String getText() {
        return text;
    }

    @Override
    protected double computePrefWidth(double height) {
        return flow.prefWidth(-1) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        return flow.prefHeight(-1) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double unwrapped = flow.prefWidth(-1);
        flow.resizeRelocate(snappedLeftInset(), snappedTopInset(), unwrapped, flow.prefHeight(unwrapped));
        clip.setWidth(getWidth());
        clip.setHeight(getHeight() + emojiSize); // pictures sit a little below the baseline
    }
}
