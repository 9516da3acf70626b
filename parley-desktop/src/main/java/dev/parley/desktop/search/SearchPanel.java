package dev.parley.desktop.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/**
 * Builds the search panel ({@code Search.fxml} with its {@link SearchController}) for a view model, to be placed in
 * the window (above the conversation, say; it hides itself while closed), and installs Ctrl+F (Cmd+F on macOS).
 * Threading: FX thread.
 */
public final class SearchPanel {
    /** The shortcut that opens the panel. */
    public static final KeyCombination SHORTCUT = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final Parent root;
    private final SearchController controller;
    private final SearchViewModel viewModel;

    private SearchPanel(Parent root, SearchController controller, SearchViewModel viewModel) {
        this.root = root;
        this.controller = controller;
        this.viewModel = viewModel;
    }

    /** Loads the panel for {@code viewModel}. */
    public static SearchPanel load(SearchViewModel viewModel) {
        SearchController controller = new SearchController(viewModel);
        FXMLLoader loader = new FXMLLoader(SearchPanel.class.getResource("Search.fxml"));
        loader.setControllerFactory(type -> controller);
        try {
            return new SearchPanel(loader.load(), controller, viewModel);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load Search.fxml", e);
        }
    }

    /** The panel's node. */
    public Parent root() {
        return root;
    }

    /** Makes Ctrl+F in {@code scene} open the panel with the focus in its query. */
    public void installShortcut(Scene scene) {
        scene.getAccelerators().put(SHORTCUT, this::open);
    }

    /** Opens the panel and puts the focus in its query (what Ctrl+F does). */
    public void open() {
        viewModel.show();
        controller.focusQuery();
    }
}
