package dev.parley.desktop.groups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.function.Supplier;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXMLLoader;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * What the groups views share: loading their FXML with their controllers, showing a node only while a condition
 * holds, and the row of a person (avatar, nickname, user ID). FX thread only.
 */
final class GroupViews {
    /** The avatar size in member rows. */
    static final double AVATAR_SIZE = 28;

    private GroupViews() {
    }

    /**
     * Loads {@code fxml} (beside this class), making its controllers (the top one and those of included files) with
     * the factories of {@code controllers}.
     */
    static Parent load(String fxml, Map<Class<?>, Supplier<Object>> controllers) {
        URL url = GroupViews.class.getResource(fxml);
        if (url == null) {
            throw new IllegalStateException("missing resource " + fxml);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(type -> {
            Supplier<Object> make = controllers.get(type);
            if (make == null) {
                throw new IllegalArgumentException("no controller of type " + type.getName());
            }
            return make.get();
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    /** Shows {@code node} (and gives it room) only while {@code shown} holds. */
    static void showWhile(Node node, ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(node.visibleProperty());
    }

    /**
     * A person's row: {@code face} (their avatar: a {@link dev.parley.desktop.chat.Face} with picture and online dot
     * in the member list, initials where pictures are not known), their display name and, below it, their user ID
     * (when it differs), then {@code trailing} nodes on the right.
     */
    static HBox personRow(Person person, Node face, Node... trailing) {
        Label name = new Label(person.displayName());
        name.getStyleClass().add("person-name");
        VBox text = new VBox(name);
        if (!person.nickname().isBlank()) {
            Label id = new Label(person.userId());
            id.getStyleClass().add("person-id");
            text.getChildren().add(id);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8, face, text, spacer);
        row.getChildren().addAll(trailing);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }
}
