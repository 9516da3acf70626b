package dev.parley.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * Sits in front of Grizzly's HTTP codec and hands the bytes of a connection that Tyrus has upgraded straight to
 * Tyrus's reader, then lets go of the HTTP request that asked for the upgrade.
 * <p>
 * Without it, the codec keeps that request (its 30-odd header chunks, its buffer and its response) in a connection
 * attribute for as long as the WebSocket lives, and wraps every later read in HTTP content for Tyrus's filter to
 * unwrap: about 10 KB per idle connection. With it, each read after the upgrade goes to the connection's Tyrus reader
 * through Tyrus's own per-connection task processor, exactly as Tyrus's filter would hand it, and the codec's
 * attribute is removed, so the request becomes garbage. The upgrade itself still goes through the codec and Tyrus's
 * filter; writes and close events pass this filter untouched. Since reads no longer pass Grizzly's keep-alive
 * {@link IdleTimeoutFilter} either, that filter is told to leave the connection alone: an HTTP keep-alive timeout
 * must not cut a WebSocket that is busy reading.
 * <p>
 * The three attributes are found by the names Tyrus (tyrus-container-grizzly-server 2.2) and Grizzly (grizzly-http
 * 4.0) register them under. Should a new version rename them, no connection is ever recognised as upgraded and every
 * read takes the codec's path as before: the server works, only the memory per connection grows back, which
 * {@code IdleConnectionMemoryTest} reports.
 */
final class UpgradedConnectionFilter extends BaseFilter {
    private static final Attribute<org.glassfish.tyrus.spi.Connection> TYRUS_CONNECTION =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
                    "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter.Connection");
    private static final Attribute<TaskProcessor> TASK_PROCESSOR =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(TaskProcessor.class.getName() + ".TaskProcessor");
    private static final Attribute<Object> UPGRADE_REQUEST =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        org.glassfish.tyrus.spi.Connection tyrus = TYRUS_CONNECTION.get(connection);
        if (tyrus == null) {
            return ctx.getInvokeAction();
        }
        if (UPGRADE_REQUEST.isSet(connection)) {
            // The first read after the upgrade: the HTTP exchange is over. Its request is let go, and HTTP
            // keep-alive's idle timeout no longer applies (reads stop passing its filter; WebSocket sessions have
            // their own idle handling).
            UPGRADE_REQUEST.remove(connection);
            IdleTimeoutFilter.setCustomTimeout(connection, -1, TimeUnit.MILLISECONDS);
        }
        Buffer buffer = ctx.getMessage();
        if (!buffer.hasRemaining()) {
            return ctx.getStopAction();
        }
        ReadHandler reader = tyrus.getReadHandler();
        TaskProcessor tasks = TASK_PROCESSOR.get(connection);
        if (!buffer.isComposite()) {
            read(tasks, reader, buffer.toByteBuffer());
        } else {
            ByteBufferArray array = buffer.toByteBufferArray();
            ByteBuffer[] parts = array.getArray();
            for (int i = 0; i < array.size(); i++) {
                read(tasks, reader, parts[i]);
            }
            array.recycle();
        }
        return ctx.getStopAction();
    }

    private static void read(TaskProcessor tasks, ReadHandler reader, ByteBuffer bytes) {
        if (tasks == null) {
            reader.handle(bytes);
            return;
        }
        tasks.processTask(new TaskProcessor.Task() {
            @Override
            public void execute() {
                reader.handle(bytes);
            }
        });
    }
}
