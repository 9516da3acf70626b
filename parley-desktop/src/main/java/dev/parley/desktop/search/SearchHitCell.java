package dev.parley.desktop.search;

import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * One search result in the list: the conversation's name, the sender and the time on the first line, the message's
 * text below with every match in bold accent ({@code Text} runs of style class {@code search-match}; plain text
 * runs, never markup). Threading: FX thread.
 */
final class SearchHitCell extends ListCell<SearchHit> {
    private final Label conversation = new Label();
    private final Label sender = new Label();
    private final Label time = new Label();
    private final TextFlow text = new TextFlow();
    private final VBox box;

    SearchHitCell() {
        conversation.getStyleClass().add("search-hit-conversation");
        sender.getStyleClass().add("search-hit-sender");
        time.getStyleClass().add("search-hit-time");
        text.getStyleClass().add("search-hit-flow");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(8, conversation, sender, gap, time);
        box = new VBox(2, top, text);
        box.getStyleClass().add("search-hit");
        text.prefWidthProperty().bind(widthProperty().subtract(24));
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(SearchHit hit, boolean empty) {
        super.updateItem(hit, empty);
        if (empty || hit == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        conversation.setText(hit.conversationName());
        sender.setText(hit.sender());
        time.setText(hit.time());
        text.getChildren().setAll(hit.runs().stream().map(SearchHitCell::run).toList());
        setAccessibleText(hit.conversationName() + ", " + hit.sender() + ", " + hit.time() + ": " + hit.text());
        setGraphic(box);
    }

    private static Text run(Highlights.Run run) {
        Text node = new Text(run.text());
        node.getStyleClass().add(run.match() ? "search-match" : "search-hit-text");
        return node;
    }
}
