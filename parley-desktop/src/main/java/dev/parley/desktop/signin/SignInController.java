package dev.parley.desktop.signin;

import dev.parley.desktop.service.SignInMethod;
import java.util.Objects;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;

/**
 * Binds {@code SignIn.fxml} to the {@link SignInViewModel}; every handler is one call into it. Enter in any field
 * signs in (the default button).
 */
public final class SignInController {
    private final SignInViewModel viewModel;

    @FXML private TextField serverUrlField;
    @FXML private TextField appKeyField;
    @FXML private TextField userField;
    @FXML private ToggleGroup methodGroup;
    @FXML private RadioButton passwordMethod;
    @FXML private RadioButton tokenMethod;
    @FXML private Label secretLabel;
    @FXML private PasswordField secretField;
    @FXML private Label errorLabel;
    @FXML private Button signInButton;
    @FXML private Button createAccountButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button themeButton;

    /** A controller for {@code viewModel} (made by the window's controller factory). */
    public SignInController(SignInViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        serverUrlField.textProperty().bindBidirectional(viewModel.serverUrlProperty());
        appKeyField.textProperty().bindBidirectional(viewModel.appKeyProperty());
        userField.textProperty().bindBidirectional(viewModel.userProperty());
        secretField.textProperty().bindBidirectional(viewModel.secretProperty());
        secretLabel.textProperty().bind(viewModel.secretLabelBinding());
        passwordMethod.setUserData(SignInMethod.PASSWORD);
        tokenMethod.setUserData(SignInMethod.TOKEN);
        selectMethod(viewModel.methodProperty().get());
        viewModel.methodProperty().addListener((o, old, method) -> selectMethod(method));
        methodGroup.selectedToggleProperty().addListener((o, old, toggle) -> {
            if (toggle != null) {
                viewModel.methodProperty().set((SignInMethod) toggle.getUserData());
            }
        });
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        createAccountButton.visibleProperty().bind(viewModel.usesPasswordBinding());
        createAccountButton.managedProperty().bind(createAccountButton.visibleProperty());
        signInButton.disableProperty().bind(viewModel.busyProperty());
        createAccountButton.disableProperty().bind(viewModel.busyProperty());
        busyIndicator.visibleProperty().bind(viewModel.busyProperty());
        themeButton.textProperty().bind(viewModel.themeToggleTextBinding());
    }

    private void selectMethod(SignInMethod method) {
        methodGroup.selectToggle(method == SignInMethod.TOKEN ? tokenMethod : passwordMethod);
    }

    /** Puts the keyboard focus where typing should start. */
    public void focusFirstEmptyField() {
        (userField.getText().isBlank() ? userField : secretField).requestFocus();
    }

    @FXML
    private void signIn() {
        viewModel.signIn();
    }

    @FXML
    private void createAccount() {
        viewModel.createAccount();
    }

    @FXML
    private void toggleTheme() {
        viewModel.toggleTheme();
    }
}
