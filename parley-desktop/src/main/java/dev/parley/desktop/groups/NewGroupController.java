package dev.parley.desktop.groups;

import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Binds {@code NewGroup.fxml} to the {@link NewGroupViewModel}: Create is enabled only when the view model says so,
 * the progress shows while creating, Delete takes the selected member off the list, Enter in the name field creates
 * (or moves on to the member field while no member is picked). FX thread.
 */
public final class NewGroupController {
    private final NewGroupViewModel viewModel;
    private final MemberPickerController picker;

    @FXML private TextField groupNameField;
    @FXML private ListView<Person> pickedList;
    @FXML private Label errorLabel;
    @FXML private ProgressIndicator creatingIndicator;
    @FXML private Label creatingLabel;
    @FXML private Button createButton;

    /**
     * A controller for {@code viewModel} (made by the dialog's controller factory).
     *
     * @param picker the controller of the included member picker
     */
    public NewGroupController(NewGroupViewModel viewModel, MemberPickerController picker) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.picker = Objects.requireNonNull(picker, "picker");
    }

    @FXML
    private void initialize() {
        groupNameField.textProperty().bindBidirectional(viewModel.nameProperty());
        pickedList.setItems(viewModel.getPicked());
        pickedList.setCellFactory(list -> new PickedCell(viewModel::remove));
        pickedList.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.DELETE || event.getCode() == KeyCode.BACK_SPACE) {
                Person selected = pickedList.getSelectionModel().getSelectedItem();
                if (selected != null) {
                    event.consume();
                    viewModel.remove(selected);
                }
            }
        });
        createButton.disableProperty().bind(viewModel.canCreateBinding().not());
        GroupViews.showWhile(creatingIndicator, viewModel.creatingProperty());
        GroupViews.showWhile(creatingLabel, viewModel.creatingProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        GroupViews.showWhile(errorLabel, viewModel.errorProperty().isNotEmpty());
        groupNameField.disableProperty().bind(viewModel.creatingProperty());
    }

    /** Puts the cursor in the name field. */
    void focusName() {
        groupNameField.requestFocus();
    }

    @FXML
    private void nameEntered() {
        if (viewModel.getPicked().isEmpty()) {
            picker.focus();
        } else {
            viewModel.create();
        }
    }

    @FXML
    private void create() {
        viewModel.create();
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }
}
