package dev.parley.desktop.groups;

import dev.parley.client.ConversationId;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Opens the New group dialog: a window of its own over the main window, styled like it (its style sheets and its
 * light or dark class), with the cursor in the name field. When the group exists the dialog closes and hands the new
 * group's conversation to the callback; Escape or Cancel closes it without creating anything. FX thread only.
 */
public final class NewGroupDialog {
    private NewGroupDialog() {
    }

    /**
     * Shows the dialog.
     *
     * @param owner   the main window (the dialog is modal to it)
     * @param service the signed-in user's groups service
     * @param open    opens a conversation; called with the new group's once it exists
     * @return the dialog's stage (already showing)
     */
    public static Stage show(Window owner, GroupsService service, Consumer<ConversationId> open) {
        Objects.requireNonNull(owner, "owner");
        NewGroupViewModel viewModel = new NewGroupViewModel(service, open);
        MemberPickerController picker = new MemberPickerController(viewModel.picker());
        NewGroupController controller = new NewGroupController(viewModel, picker);
        Parent root = GroupViews.load("NewGroup.fxml", Map.<Class<?>, Supplier<Object>>of(
                NewGroupController.class, () -> controller, MemberPickerController.class, () -> picker));
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("New group");
        Scene scene = new Scene(root);
        if (owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot() != null) {
                owner.getScene().getRoot().getStyleClass().stream().filter(c -> c.equals("light") || c.equals("dark"))
                        .forEach(root.getStyleClass()::add);
            }
        }
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                event.consume();
                viewModel.cancel();
            }
        });
        viewModel.finishedProperty().addListener((o, was, done) -> {
            if (done) {
                stage.close();
            }
        });
        stage.setScene(scene);
        stage.show();
        controller.focusName();
        return stage;
    }
}
