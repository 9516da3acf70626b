package dev.parley.server.session;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;

/**
 * Writes already framed bytes ({@link Outbound.Encoded#wire}) to the socket's writer, several frames at once. Once Tyrus has closed the session
 * (its close frame may be written) nothing more is written, as Tyrus itself would refuse.
 */
final class DirectSink implements Outbound.Sink {
    private final Session ws;
    private final Writer direct;

    DirectSink(Session ws, Writer direct) {
        this.ws = ws;
        this.direct = direct;
    }

    @Override
    public boolean gathers() {
        return true;
    }

    @Override
    public void send(List<Outbound.Encoded> frames, Consumer<Throwable> done) {
        if (!ws.isOpen()) {
            throw new IllegalStateException("the session is closed");
        }
        ByteBuffer buffer;
        if (frames.size() == 1) {
            buffer = ByteBuffer.wrap(frames.getFirst().wire());
        } else {
            int size = 0;
            for (Outbound.Encoded frame : frames) {
                size += frame.wire().length;
            }
            buffer = ByteBuffer.allocate(size);
            for (Outbound.Encoded frame : frames) {
                buffer.put(frame.wire());
            }
            buffer.flip();
        }
        AtomicBoolean reported = new AtomicBoolean();
        direct.write(buffer, new CompletionHandler<>() {
            @Override
            public void completed(ByteBuffer result) {
                if (reported.compareAndSet(false, true)) {
                    done.accept(null);
                }
            }

            @Override
            public void failed(Throwable failure) {
                if (reported.compareAndSet(false, true)) {
                    done.accept(failure);
                }
            }

            @Override
            public void cancelled() {
                failed(new CancellationException("the write was cancelled"));
            }
        });
    }
}
