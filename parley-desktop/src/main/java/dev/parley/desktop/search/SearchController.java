package dev.parley.desktop.search;

import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;

/**
 * Binds {@code Search.fxml} to its {@link SearchViewModel} and forwards keys: Up and Down move in the results (from
 * the query field too), Enter opens the selected result, Escape closes the panel; a click on a result opens it. The
 * panel shows (and takes part in layout) only while the view model says so; showing it puts the focus in the query.
 * Threading: FX thread.
 */
public final class SearchController {
    private final SearchViewModel viewModel;

    @FXML private VBox root;
    @FXML private TextField queryField;
    @FXML private ToggleGroup scopeGroup;
    @FXML private ToggleButton thisConversationToggle;
    @FXML private ToggleButton allConversationsToggle;
    @FXML private Label statusLabel;
    @FXML private ListView<SearchHit> resultsList;

    SearchController(SearchViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        queryField.textProperty().bindBidirectional(viewModel.queryProperty());
        thisConversationToggle.setUserData(SearchScope.THIS_CONVERSATION);
        allConversationsToggle.setUserData(SearchScope.ALL_CONVERSATIONS);
        thisConversationToggle.disableProperty().bind(viewModel.conversationScopeAvailableProperty().not());
        showScope(viewModel.scopeProperty().get());
        viewModel.scopeProperty().addListener((obs, was, now) -> showScope(now));
        scopeGroup.selectedToggleProperty().addListener((obs, was, now) -> {
            if (now == null) {
                scopeGroup.selectToggle(was); // one scope is always chosen
            } else {
                viewModel.scopeProperty().set((SearchScope) now.getUserData());
            }
        });
        statusLabel.textProperty().bind(viewModel.statusProperty());
        resultsList.setItems(viewModel.results());
        resultsList.setCellFactory(list -> new SearchHitCell());
        resultsList.setPlaceholder(new Label());
        viewModel.selectedIndexProperty().addListener(selectionFromModel());
        resultsList.getSelectionModel().selectedIndexProperty().addListener((obs, was, now) ->
                viewModel.selectedIndexProperty().set(now.intValue()));
        resultsList.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::keyPressed);
        root.visibleProperty().bind(viewModel.showingProperty());
        root.managedProperty().bind(viewModel.showingProperty());
        viewModel.showingProperty().addListener((obs, was, now) -> {
            if (now) {
                queryField.requestFocus();
                queryField.selectAll();
            }
        });
    }

    /** Puts the focus in the query field. */
    public void focusQuery() {
        queryField.requestFocus();
    }

    private ChangeListener<Number> selectionFromModel() {
        return (obs, was, now) -> {
            int index = now.intValue();
            if (index < 0) {
                resultsList.getSelectionModel().clearSelection();
            } else if (resultsList.getSelectionModel().getSelectedIndex() != index) {
                resultsList.getSelectionModel().select(index);
                resultsList.scrollTo(index);
            }
        };
    }

    private void keyPressed(KeyEvent event) {
        switch (event.getCode()) {
            case UP -> viewModel.moveSelection(-1);
            case DOWN -> viewModel.moveSelection(1);
            case ENTER -> viewModel.openSelected();
            case ESCAPE -> viewModel.close();
            default -> {
                return;
            }
        }
        event.consume();
    }

    private void clicked(MouseEvent event) {
        if (event.getButton() == MouseButton.PRIMARY && resultsList.getSelectionModel().getSelectedIndex() >= 0) {
            viewModel.open(resultsList.getSelectionModel().getSelectedIndex());
        }
    }

    private void showScope(SearchScope scope) {
        scopeGroup.selectToggle(scope == SearchScope.THIS_CONVERSATION ? thisConversationToggle
                : allConversationsToggle);
    }
}
