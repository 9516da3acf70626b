package dev.parley.desktop.groups;

import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;

/** Binds {@code MemberPicker.fxml} to a {@link MemberPickerViewModel}; Enter in the field or Add picks. FX thread. */
public final class MemberPickerController {
    private final MemberPickerViewModel viewModel;

    @FXML private TextField memberIdField;
    @FXML private Button addMemberButton;
    @FXML private ProgressIndicator checkingIndicator;
    @FXML private Label pickerErrorLabel;

    /** A controller for {@code viewModel} (made by the view's controller factory). */
    public MemberPickerController(MemberPickerViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        memberIdField.textProperty().bindBidirectional(viewModel.typedProperty());
        addMemberButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> viewModel.typedProperty().get().isBlank() || viewModel.isChecking(),
                viewModel.typedProperty(), viewModel.checkingProperty()));
        GroupViews.showWhile(checkingIndicator, viewModel.checkingProperty());
        pickerErrorLabel.textProperty().bind(viewModel.errorProperty());
        GroupViews.showWhile(pickerErrorLabel, viewModel.errorProperty().isNotEmpty());
    }

    /** Puts the cursor in the user ID field. */
    void focus() {
        memberIdField.requestFocus();
    }

    @FXML
    private void pick() {
        viewModel.pick();
    }
}
