package dev.parley.desktop.groups;

import dev.parley.desktop.chat.Faces;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Binds {@code Members.fxml} to the {@link MembersViewModel}: what each role may do shows only to that role, the
 * list's selection is the view model's, Delete removes the selected member, and Escape cancels a rename or a delete
 * or else closes the panel ({@code onClose}). FX thread.
 */
public final class MembersController {
    private final MembersViewModel viewModel;
    private final String me;
    private final Faces faces;
    private final Runnable onClose;

    @FXML private VBox root;
    @FXML private HBox nameRow;
    @FXML private Label groupNameLabel;
    @FXML private Button renameButton;
    @FXML private HBox renameRow;
    @FXML private TextField groupNameField;
    @FXML private Label memberCountLabel;
    @FXML private ListView<Member> membersList;
    @FXML private Button removeButton;
    @FXML private VBox addBox;
    @FXML private Label messageLabel;
    @FXML private Label goneLabel;
    @FXML private Button leaveButton;
    @FXML private VBox ownerNoteBox;
    @FXML private VBox confirmDeleteBox;
    @FXML private Label confirmDeleteLabel;
    @FXML private Button confirmDeleteButton;

    /**
     * A controller for {@code viewModel} (made by the panel's controller factory).
     *
     * @param me      this user's ID (marked "(you)" in the list)
     * @param faces   the members' pictures and online state
     * @param onClose closes the panel
     */
    public MembersController(MembersViewModel viewModel, String me, Faces faces, Runnable onClose) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.me = Objects.requireNonNull(me, "me");
        this.faces = Objects.requireNonNull(faces, "faces");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    @FXML
    private void initialize() {
        var inGroup = viewModel.goneProperty().isEmpty();
        groupNameLabel.textProperty().bind(viewModel.nameProperty());
        GroupViews.showWhile(nameRow, viewModel.editingNameProperty().not());
        GroupViews.showWhile(renameButton, viewModel.canManageBinding());
        GroupViews.showWhile(renameRow, viewModel.editingNameProperty());
        groupNameField.textProperty().bindBidirectional(viewModel.draftNameProperty());
        viewModel.editingNameProperty().addListener((o, was, editing) -> {
            if (editing) {
                groupNameField.requestFocus();
                groupNameField.selectAll();
            }
        });
        memberCountLabel.textProperty().bind(Bindings.createStringBinding(
                () -> count(viewModel.getMembers().size()), viewModel.getMembers()));
        membersList.setItems(viewModel.getMembers());
        viewModel.getMembers().addListener((javafx.collections.ListChangeListener<Member>) change ->
                faces.watch(viewModel.getMembers().stream().map(Member::userId).toList()));
        membersList.setCellFactory(list -> new MemberCell(me, faces));
        membersList.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> {
            if (row != viewModel.selectedProperty().get()) {
                viewModel.selectedProperty().set(row);
            }
        });
        viewModel.selectedProperty().addListener((o, old, member) -> {
            if (membersList.getSelectionModel().getSelectedItem() != member) {
                membersList.getSelectionModel().select(member);
            }
        });
        membersList.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.DELETE && viewModel.canRemoveSelectedBinding().get()) {
                event.consume();
                viewModel.removeSelected();
            }
        });
        GroupViews.showWhile(membersList, inGroup);
        GroupViews.showWhile(memberCountLabel, inGroup);
        GroupViews.showWhile(removeButton, viewModel.canManageBinding());
        removeButton.disableProperty().bind(viewModel.canRemoveSelectedBinding().not());
        removeButton.textProperty().bind(Bindings.createStringBinding(() -> {
            Member selected = viewModel.selectedProperty().get();
            return selected == null ? "Remove from group" : "Remove " + selected.person().displayName();
        }, viewModel.selectedProperty()));
        GroupViews.showWhile(addBox, viewModel.canManageBinding());
        messageLabel.textProperty().bind(viewModel.messageProperty());
        GroupViews.showWhile(messageLabel, viewModel.messageProperty().isNotEmpty());
        goneLabel.textProperty().bind(viewModel.goneProperty());
        GroupViews.showWhile(goneLabel, inGroup.not());
        GroupViews.showWhile(leaveButton, inGroup);
        leaveButton.disableProperty().bind(viewModel.busyProperty());
        GroupViews.showWhile(ownerNoteBox,
                viewModel.ownerNoteProperty().and(viewModel.confirmingDeleteProperty().not()));
        GroupViews.showWhile(confirmDeleteBox, viewModel.confirmingDeleteProperty());
        confirmDeleteLabel.textProperty().bind(Bindings.createStringBinding(() -> "Delete “" + viewModel.getName()
                + "” for everyone? Nobody can write to it any more.", viewModel.nameProperty()));
        confirmDeleteButton.disableProperty().bind(viewModel.busyProperty());
        viewModel.confirmingDeleteProperty().addListener((o, was, asking) -> {
            if (asking) {
                confirmDeleteButton.requestFocus();
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::escape);
    }

    /** "3 members", "1 member". */
    static String count(int members) {
        return members == 1 ? "1 member" : members + " members";
    }

    /** Puts the keyboard focus in the panel (on the member list). */
    void focus() {
        membersList.requestFocus();
    }

    private void escape(KeyEvent event) {
        if (event.getCode() != KeyCode.ESCAPE) {
            return;
        }
        event.consume();
        if (viewModel.editingNameProperty().get()) {
            viewModel.cancelRename();
            renameButton.requestFocus();
        } else if (viewModel.confirmingDeleteProperty().get()) {
            viewModel.cancelDelete();
        } else {
            onClose.run();
        }
    }

    @FXML
    private void close() {
        onClose.run();
    }

    @FXML
    private void startRename() {
        viewModel.startRename();
    }

    @FXML
    private void rename() {
        viewModel.rename();
    }

    @FXML
    private void removeSelected() {
        viewModel.removeSelected();
    }

    @FXML
    private void leave() {
        viewModel.leave();
    }

    @FXML
    private void askDelete() {
        viewModel.askDelete();
    }

    @FXML
    private void confirmDelete() {
        viewModel.confirmDelete();
    }

    @FXML
    private void cancelDelete() {
        viewModel.cancelDelete();
    }
}
