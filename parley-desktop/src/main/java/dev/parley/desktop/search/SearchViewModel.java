package dev.parley.desktop.search;

import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.live.FxScheduler;
import dev.parley.desktop.service.ErrorMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state of the search panel (Ctrl+F): the query, the scope ("This conversation" / "All conversations"), the
 * results with their matches marked, the selected one, and a line that says what is going on ("Type to search …",
 * "Searching…", "No messages contain “x”.", "3 messages", or a failure as a sentence). The server is asked
 * {@link #DEBOUNCE} after the last change of the query or scope, and an answer to an older question is dropped.
 * {@link #openSelected()} hands the selected result to the window (to jump to it) and closes the panel.
 * <p>
 * One per window. Threading: FX thread only.
 */
public final class SearchViewModel {
    /** How long the query must rest before the server is asked. */
    public static final Duration DEBOUNCE = Duration.ofMillis(250);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final SearchService service;
    private final String me;
    private final Function<ConversationId, String> conversationName;
    private final Function<String, String> displayName;
    private final FxScheduler scheduler;
    private final Clock clock;
    private final Consumer<SearchHit> opener;

    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObjectProperty<SearchScope> scope = new SimpleObjectProperty<>(this, "scope",
            SearchScope.ALL_CONVERSATIONS);
    private final ObjectProperty<ConversationId> openConversation = new SimpleObjectProperty<>(this, "conversation");
    private final ReadOnlyBooleanWrapper conversationScopeAvailable = new ReadOnlyBooleanWrapper(this,
            "conversationScopeAvailable");
    private final ObservableList<SearchHit> results = FXCollections.observableArrayList();
    private final ObservableList<SearchHit> readOnlyResults = FXCollections.unmodifiableObservableList(results);
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", -1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private final BooleanProperty showing = new SimpleBooleanProperty(this, "showing");
    private FxScheduler.Scheduled pending;
    private long generation;

    /**
     * @param service          the session's search
     * @param me               this session's user
     * @param conversationName a conversation's name (the peer's display name, the group's name)
     * @param displayName      a user id's display name
     * @param scheduler        the debounce timer
     * @param clock            the zone that times are shown in
     * @param opener           takes the result to open (the window jumps to that message)
     */
    public SearchViewModel(SearchService service, String me, Function<ConversationId, String> conversationName,
                           Function<String, String> displayName, FxScheduler scheduler, Clock clock,
                           Consumer<SearchHit> opener) {
        this.service = Objects.requireNonNull(service, "service");
        this.me = Objects.requireNonNull(me, "me");
        this.conversationName = Objects.requireNonNull(conversationName, "conversationName");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = Objects.requireNonNull(opener, "opener");
        conversationScopeAvailable.bind(openConversation.isNotNull());
        query.addListener((obs, was, now) -> changed());
        scope.addListener((obs, was, now) -> changed());
        openConversation.addListener((obs, was, now) -> {
            if (scope.get() == SearchScope.THIS_CONVERSATION) {
                changed();
            }
        });
        showStatus();
    }

    /** The words searched for. */
    public StringProperty queryProperty() {
        return query;
    }

    /** Where to search; "This conversation" counts only while a conversation is open. */
    public ObjectProperty<SearchScope> scopeProperty() {
        return scope;
    }

    /** Tells which conversation is open in the window (the scope "This conversation"). */
    public void setOpenConversation(ConversationId conversation) {
        openConversation.set(Objects.requireNonNull(conversation, "conversation"));
    }

    /** No conversation is open: only "All conversations" can be searched. */
    public void clearOpenConversation() {
        openConversation.set(null);
    }

    /** Whether a conversation is open, so that "This conversation" can be chosen. */
    public ReadOnlyBooleanProperty conversationScopeAvailableProperty() {
        return conversationScopeAvailable.getReadOnlyProperty();
    }

    /** The results, newest first. */
    public ObservableList<SearchHit> results() {
        return readOnlyResults;
    }

    /** The selected result's index, -1 for none. */
    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    /** What the panel says under the query: a hint, progress, how many were found, nothing found, or a failure. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    /** Whether a question to the server is on its way. */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    /** Whether the panel is shown. */
    public BooleanProperty showingProperty() {
        return showing;
    }

    /** Shows the panel (Ctrl+F): in the open conversation if there is one, else in all. */
    public void show() {
        scope.set(openConversation.get() != null ? SearchScope.THIS_CONVERSATION : SearchScope.ALL_CONVERSATIONS);
        showing.set(true);
    }

    /** Hides the panel (Escape); the query and results stay for the next time. */
    public void close() {
        showing.set(false);
    }

    /** Moves the selection by {@code delta} (Up is -1, Down +1), staying within the results. */
    public void moveSelection(int delta) {
        if (results.isEmpty()) {
            return;
        }
        int from = selectedIndex.get() < 0 && delta > 0 ? -1 : selectedIndex.get();
        selectedIndex.set(Math.clamp(from + delta, 0, results.size() - 1));
    }

    /** Opens the selected result (Enter), or the first if none is selected, and closes the panel. */
    public void openSelected() {
        if (results.isEmpty()) {
            return;
        }
        int index = selectedIndex.get() < 0 ? 0 : selectedIndex.get();
        close();
        opener.accept(results.get(index));
    }

    /** Opens the result at {@code index} (a click) and closes the panel. */
    public void open(int index) {
        selectedIndex.set(index);
        openSelected();
    }

    private void changed() {
        if (pending != null) {
            pending.cancel();
            pending = null;
        }
        generation++;
        results.clear();
        selectedIndex.set(-1);
        if (query.get().isBlank()) {
            searching.set(false);
        } else {
            searching.set(true);
            long asked = generation;
            pending = scheduler.schedule(DEBOUNCE, () -> ask(asked));
        }
        showStatus();
    }

    private void ask(long asked) {
        pending = null;
        String words = query.get().strip();
        Optional<ConversationId> in = effectiveScope();
        if (in.isPresent()) {
            service.searchIn(in.get(), words, (found, failure) -> answered(asked, words, found, failure));
        } else {
            service.searchAll(words, (found, failure) -> answered(asked, words, found, failure));
        }
    }

    private void answered(long asked, String words, List<ReceivedMessage> found, Throwable failure) {
        if (asked != generation) {
            return; // the query or the scope changed meanwhile
        }
        searching.set(false);
        if (failure != null) {
            status.set("Search did not work. " + ErrorMessages.describe(failure, ""));
            return;
        }
        results.setAll(found.stream().map(m -> hit(m, words)).toList());
        selectedIndex.set(results.isEmpty() ? -1 : 0);
        showStatus();
    }

    private SearchHit hit(ReceivedMessage message, String words) {
        ConversationId conversation = message.conversation(me);
        String sender = message.from().equalsIgnoreCase(me) ? "You" : displayName.apply(message.from());
        String text = message.text().orElseGet(() -> message.content().summary());
        return new SearchHit(message, conversation, conversationName.apply(conversation), sender,
                TIME.format(message.time().atZone(clock.getZone())), Highlights.runs(text, words));
    }

    private Optional<ConversationId> effectiveScope() {
        return scope.get() == SearchScope.THIS_CONVERSATION ? Optional.ofNullable(openConversation.get())
                : Optional.empty();
    }

    private void showStatus() {
        String where = effectiveScope().isPresent() ? " in this conversation" : "";
        if (query.get().isBlank()) {
            status.set(effectiveScope().isPresent() ? "Type to search this conversation."
                    : "Type to search all conversations.");
        } else if (searching.get()) {
            status.set("Searching…");
        } else if (results.isEmpty()) {
            status.set("No messages contain “" + query.get().strip() + "”" + where + ".");
        } else {
            status.set(results.size() == 1 ? "1 message" : results.size() + " messages");
        }
    }
}
