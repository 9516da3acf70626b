package dev.parley.client;

import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Holds a client's named event handlers and calls them on the client's single event thread, one event at a time, in
 * the order the events were fired. A handler that throws is logged; the others still get the event.
 */
final class EventDispatcher {
    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Object lock = new Object();
    /** Replaced, never changed, so the event thread reads a consistent snapshot without locking. */
    private volatile Map<String, ChatEventHandler> handlers = Map.of();
    private final ExecutorService thread;

    EventDispatcher(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(threadName).factory());
    }

    /** Adds (or replaces) the handler registered under {@code id}. */
    EventHandlerRegistration add(String id, ChatEventHandler handler) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handler, "handler");
        synchronized (lock) {
            Map<String, ChatEventHandler> copy = new LinkedHashMap<>(handlers);
            copy.put(id, handler);
            handlers = copy;
        }
        return new Registration(id, handler);
    }

    /** Removes the handler under {@code id}; whether there was one. */
    boolean remove(String id) {
        Objects.requireNonNull(id, "id");
        synchronized (lock) {
            if (!handlers.containsKey(id)) {
                return false;
            }
            Map<String, ChatEventHandler> copy = new LinkedHashMap<>(handlers);
            copy.remove(id);
            handlers = copy;
            return true;
        }
    }

    private void remove(String id, ChatEventHandler handler) {
        synchronized (lock) {
            if (handlers.get(id) == handler) {
                remove(id);
            }
        }
    }

    /** Queues an event for every handler registered when it is delivered. Does nothing once shut down. */
    void fire(Consumer<ChatEventHandler> event) {
        try {
            thread.execute(() -> deliver(event));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "event dropped: the client is closed");
        }
    }

    /**
     * Runs {@code task} once on the event thread, in order with the events (a transfer's progress callback, for
     * instance). A task that throws is logged. Does nothing once shut down.
     */
    void run(String what, Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (Throwable t) {
                    LOG.log(Level.WARNING, what + " threw", t);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "{0} dropped: the client is closed", what);
        }
    }

    private void deliver(Consumer<ChatEventHandler> event) {
        for (Map.Entry<String, ChatEventHandler> entry : handlers.entrySet()) {
            try {
                event.accept(entry.getValue());
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable t) { // a broken handler must not silence the others
                LOG.log(Level.WARNING, "event handler \"" + entry.getKey() + "\" threw", t);
            }
        }
    }

    /** Renames the event thread (to carry the user's id once it is known). */
    void renameThread(String name) {
        try {
            thread.execute(() -> Thread.currentThread().setName(name));
        } catch (RejectedExecutionException e) {
            // closed: nothing to rename
        }
    }

    /** Delivers the events already queued, then stops the thread. */
    void shutdown() {
        thread.shutdown();
    }

    private final class Registration implements EventHandlerRegistration {
        private final String id;
        private final ChatEventHandler handler;

        Registration(String id, ChatEventHandler handler) {
            this.id = id;
            this.handler = handler;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void close() {
            remove(id, handler);
        }
    }
}
