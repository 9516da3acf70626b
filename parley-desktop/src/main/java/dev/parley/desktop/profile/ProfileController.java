package dev.parley.desktop.profile;

import dev.parley.desktop.chat.Avatar;
import dev.parley.desktop.settings.Theme;
import java.io.File;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.stage.FileChooser;

/**
 * Binds {@code Profile.fxml} to the {@link ProfileViewModel}; every handler is one call into it. It also owns what
 * only a view can do: the file chooser for a new picture, the crop view, and the keyboard: the pane takes the focus
 * (the nickname field) when it opens, Escape ends a crop or else closes the pane, Enter in a field saves it.
 */
public final class ProfileController {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");

    private final ProfileViewModel viewModel;
    private final Avatar initials = new Avatar(64);
    /** Kept in a field: a binding only listened to would be collected (its dependencies hold it weakly). */
    private BooleanBinding showInitials;

    @FXML private ScrollPane root;
    @FXML private Button closeButton;
    @FXML private StackPane avatarBox;
    @FXML private ImageView avatarImage;
    @FXML private Label userIdLabel;
    @FXML private Button changePictureButton;
    @FXML private VBox cropBox;
    @FXML private StackPane cropHolder;
    @FXML private Button savePictureButton;
    @FXML private Button cancelPictureButton;
    @FXML private Label avatarMessage;
    @FXML private Label nicknameLabel;
    @FXML private TextField nicknameField;
    @FXML private Button saveNicknameButton;
    @FXML private Label nicknameMessage;
    @FXML private Label statusLineLabel;
    @FXML private TextField statusField;
    @FXML private Button saveStatusButton;
    @FXML private Label statusMessage;
    @FXML private ToggleGroup themeGroup;
    @FXML private RadioButton lightTheme;
    @FXML private RadioButton darkTheme;
    @FXML private CheckBox notificationsBox;
    @FXML private Label profileServerUrlLabel;
    @FXML private TextField profileServerUrlField;
    @FXML private Label profileAppKeyLabel;
    @FXML private TextField profileAppKeyField;
    @FXML private Label serverMessage;

    /** A controller for {@code viewModel} (made by the window's controller factory). */
    public ProfileController(ProfileViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        root.visibleProperty().bind(viewModel.showingProperty());
        root.managedProperty().bind(root.visibleProperty());
        nicknameLabel.setLabelFor(nicknameField);
        statusLineLabel.setLabelFor(statusField);
        profileServerUrlLabel.setLabelFor(profileServerUrlField);
        profileAppKeyLabel.setLabelFor(profileAppKeyField);

        AvatarEditor avatar = viewModel.avatar();
        initials.show(viewModel.userProperty().get());
        viewModel.userProperty().addListener((o, old, user) -> initials.show(user));
        userIdLabel.textProperty().bind(viewModel.userProperty());
        avatarImage.imageProperty().bind(avatar.currentProperty());
        // Hidden with the pane too, so that lookups of the chat's avatars do not find the pane's.
        avatarImage.visibleProperty().bind(avatar.currentProperty().isNotNull().and(viewModel.showingProperty()));
        avatarImage.setClip(new Circle(32, 32, 32));
        avatarImage.setAccessibleText("your picture");
        // The initials are in the pane only while it shows them: lookups of the chat's avatars do not find them.
        showInitials = avatar.currentProperty().isNull().and(viewModel.showingProperty());
        showInitials.addListener((o, was, show) -> placeInitials(show));
        placeInitials(showInitials.get());
        CropView crop = new CropView(avatar.croppingProperty(), avatar.selectionProperty());
        crop.setId("cropView");
        cropHolder.getChildren().add(crop);
        cropBox.visibleProperty().bind(avatar.croppingBinding());
        cropBox.managedProperty().bind(cropBox.visibleProperty());
        changePictureButton.disableProperty().bind(avatar.busyProperty());
        savePictureButton.disableProperty().bind(avatar.busyProperty());
        show(avatarMessage, avatar.messageProperty(), avatar.failedProperty());
        avatar.croppingBinding().addListener((o, was, cropping) -> {
            if (cropping) {
                crop.requestFocus();
            }
        });

        nicknameField.textProperty().bindBidirectional(viewModel.nicknameProperty());
        saveNicknameButton.disableProperty().bind(viewModel.nicknameFeedback().busyProperty());
        show(nicknameMessage, viewModel.nicknameFeedback());
        statusField.textProperty().bindBidirectional(viewModel.statusProperty());
        saveStatusButton.disableProperty().bind(viewModel.statusFeedback().busyProperty());
        show(statusMessage, viewModel.statusFeedback());

        lightTheme.setUserData(Theme.LIGHT);
        darkTheme.setUserData(Theme.DARK);
        selectTheme(viewModel.themeProperty().get());
        viewModel.themeProperty().addListener((o, old, theme) -> selectTheme(theme));
        themeGroup.selectedToggleProperty().addListener((o, old, toggle) -> {
            if (toggle != null) {
                viewModel.themeProperty().set((Theme) toggle.getUserData());
            }
        });
        notificationsBox.selectedProperty().bindBidirectional(viewModel.notificationsProperty());
        profileServerUrlField.textProperty().bindBidirectional(viewModel.serverUrlProperty());
        profileAppKeyField.textProperty().bindBidirectional(viewModel.appKeyProperty());
        show(serverMessage, viewModel.serverFeedback());

        root.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                event.consume();
                if (avatar.croppingBinding().get()) {
                    avatar.cancel();
                    changePictureButton.requestFocus();
                } else {
                    viewModel.close();
                }
            }
        });
        // Keep what has the focus in view: Tab moves through the whole pane, which may be taller than the window.
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((f, before, owner) -> ensureVisible(owner));
            }
        });
        // The window loads the pane when it first opens: the field is in the scene only after that change.
        nicknameField.sceneProperty().addListener((o, old, scene) -> {
            if (old == null && scene != null && viewModel.showingProperty().get()) {
                opened();
            }
        });
        viewModel.showingProperty().addListener((o, was, now) -> {
            if (now) {
                opened();
            }
        });
    }

    /** The pane has opened: its top in view, the cursor in the nickname. */
    private void opened() {
        root.setVvalue(0);
        nicknameField.requestFocus();
    }

    private void placeInitials(boolean show) {
        if (show && !avatarBox.getChildren().contains(initials)) {
            avatarBox.getChildren().addFirst(initials);
        } else if (!show) {
            avatarBox.getChildren().remove(initials);
        }
    }

    /** Scrolls the pane so that {@code node}, if it is in the pane, is wholly shown. */
    private void ensureVisible(Node node) {
        Node content = root.getContent();
        if (node == null || content == null || !isInside(node, content)) {
            return;
        }
        Bounds b = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double viewport = root.getViewportBounds().getHeight();
        double scrollable = content.getBoundsInLocal().getHeight() - viewport;
        if (scrollable <= 0) {
            return;
        }
        double top = root.getVvalue() * scrollable;
        if (b.getMinY() < top) {
            root.setVvalue(b.getMinY() / scrollable);
        } else if (b.getMaxY() > top + viewport) {
            root.setVvalue(Math.min(1, (b.getMaxY() - viewport) / scrollable));
        }
    }

    private static boolean isInside(Node node, Node ancestor) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private void selectTheme(Theme theme) {
        themeGroup.selectToggle(theme == Theme.DARK ? darkTheme : lightTheme);
    }

    private static void show(Label label, ProfileViewModel.Feedback feedback) {
        show(label, feedback.messageProperty(), feedback.failedProperty());
    }

    private static void show(Label label, javafx.beans.value.ObservableStringValue message,
                             ReadOnlyBooleanProperty failed) {
        label.textProperty().bind(message);
        label.visibleProperty().bind(Bindings.isNotEmpty(message));
        label.managedProperty().bind(label.visibleProperty());
        label.pseudoClassStateChanged(FAILED, failed.get());
        failed.addListener((o, was, now) -> label.pseudoClassStateChanged(FAILED, now));
    }

    @FXML
    private void close() {
        viewModel.close();
    }

    @FXML
    private void changePicture() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a picture");
        chooser.getExtensionFilters().add(
                new FileChooser.ExtensionFilter("Pictures (PNG, JPEG)", "*.png", "*.jpg", "*.jpeg", "*.PNG", "*.JPG",
                        "*.JPEG"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.avatar().pick(file.toPath());
        }
    }

    @FXML
    private void savePicture() {
        viewModel.avatar().save();
    }

    @FXML
    private void cancelPicture() {
        viewModel.avatar().cancel();
    }

    @FXML
    private void saveNickname() {
        viewModel.saveNickname();
    }

    @FXML
    private void saveStatus() {
        viewModel.saveStatus();
    }

    @FXML
    private void saveServer() {
        viewModel.saveServer();
    }
}
