package dev.parley.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load side of {@link ConnectionsBench}, run in its own JVM so that none of its memory is counted: opens one
 * WebSocket per line of a token file (a raw, blocking RFC 6455 client on virtual threads, spread over several
 * {@code 127.0.0.x} source addresses), signs each in, waits for its {@code syncEnd}, then leaves it idle.
 * <p>
 * It talks to its parent over standard input and output, one line each way:
 * <pre>
 *   (start)           → "signed-in N FAILED MILLIS"   N connections signed in, FAILED refused, in MILLIS ms
 *   "ping"            → "alive N"                      connections that answered a ping (proves they stayed open)
 *   "close"           → "closed N"                     connections closed with a close handshake
 * </pre>
 * Usage: {@code IdleClients PORT APP_KEY TOKEN_FILE ADDRESSES CONCURRENCY}; each line of the token file is
 * {@code user token}.
 */
public final class IdleClients {
    private final int port;
    private final String appKey;
    private final int addresses;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<Client> open = new ConcurrentLinkedQueue<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger firstFailureShown = new AtomicInteger();

    private IdleClients(int port, String appKey, int addresses, int concurrency) {
        this.port = port;
        this.appKey = appKey;
        this.addresses = addresses;
        this.inFlight = new Semaphore(concurrency);
    }

    public static void main(String[] args) throws Exception {
        IdleClients clients = new IdleClients(Integer.parseInt(args[0]), args[1], Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
        List<String[]> users = Files.readAllLines(Path.of(args[2])).stream().map(l -> l.split(" ", 2)).toList();
        long start = System.nanoTime();
        clients.connectAll(users);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("signed-in " + clients.open.size() + " " + clients.failed.get() + " " + millis);
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = commands.readLine(); command != null; command = commands.readLine()) {
            switch (command) {
                case "ping" -> System.out.println("alive " + clients.pingAll());
                case "close" -> {
                    System.out.println("closed " + clients.closeAll());
                    System.out.flush();
                    return;
                }
                default -> System.out.println("unknown command " + command);
            }
            System.out.flush();
        }
        clients.closeAll();
    }

    private void connectAll(List<String[]> users) throws InterruptedException {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < users.size(); i++) {
                String[] user = users.get(i);
                String source = "127.0.0." + (1 + i % addresses);
                inFlight.acquire();
                executor.execute(() -> {
                    try {
                        open.add(Client.signIn(source, port, appKey, user[0], user[1]));
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        if (firstFailureShown.getAndIncrement() == 0) {
                            System.err.println("idle clients: a sign-in failed: " + e);
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    private int pingAll() throws InterruptedException {
        AtomicInteger alive = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Client c : open) {
                inFlight.acquire();
                executor.execute(() -> {
                    try {
                        if (c.pingPong()) {
                            alive.incrementAndGet();
                        }
                    } catch (IOException | RuntimeException e) {
                        // counted as not alive
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return alive.get();
    }

    private int closeAll() throws InterruptedException {
        AtomicInteger closed = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Client c; (c = open.poll()) != null; ) {
                Client client = c;
                inFlight.acquire();
                executor.execute(() -> {
                    try {
                        if (client.close()) {
                            closed.incrementAndGet();
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return closed.get();
    }

    /** One blocking WebSocket; one thread uses it at a time. */
    private static final class Client {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        static Client signIn(String source, int port, String appKey, String user, String token) throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(60_000);
                socket.bind(new InetSocketAddress(source, 0));
                socket.connect(new InetSocketAddress("127.0.0.1", port), 60_000);
                Client c = new Client(socket);
                c.upgrade(port);
                c.sendText("{\"type\":\"open\",\"appKey\":\"" + appKey + "\",\"user\":\"" + user + "\",\"token\":\""
                        + token + "\",\"deviceId\":\"\"}");
                while (true) {
                    String frame = c.nextText();
                    if (frame.contains("\"syncEnd\"")) {
                        return c;
                    }
                    if (frame.contains("\"error\"")) {
                        throw new IOException("refused: " + frame);
                    }
                }
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        private void upgrade(int port) throws IOException {
            byte[] nonce = new byte[16];
            ThreadLocalRandom.current().nextBytes(nonce);
            out.write(("GET /websocket HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("closed during the handshake");
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String status = head.toString(StandardCharsets.US_ASCII);
            if (!status.startsWith("HTTP/1.1 101")) {
                throw new IOException("no upgrade: " + status.lines().findFirst().orElse(""));
            }
        }

        private void sendText(String text) throws IOException {
            send(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One masked frame (FIN set); payloads here are small, under 64 KiB. */
        private void send(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 8);
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            }
            byte[] mask = new byte[4];
            ThreadLocalRandom.current().nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        }

        /** The payload of the next text frame; a close frame or the end of the stream is an error. */
        private String nextText() throws IOException {
            while (true) {
                int first = in.readUnsignedByte();
                byte[] payload = payload();
                int opcode = first & 0x0F;
                if (opcode == 0x1) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
                if (opcode == 0x8) {
                    throw new IOException("closed by the server");
                }
            }
        }

        private byte[] payload() throws IOException {
            long length = in.readUnsignedByte() & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return payload;
        }

        /** A WebSocket ping; true when its pong comes back (text frames before it are skipped). */
        boolean pingPong() throws IOException {
            send(0x9, new byte[] {42});
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                byte[] payload = payload();
                if (opcode == 0xA) {
                    return payload.length == 1 && payload[0] == 42;
                }
                if (opcode == 0x8) {
                    return false;
                }
            }
        }

        /** The close handshake; true when the server answered with its close frame. */
        boolean close() {
            try (socket) {
                send(0x8, new byte[] {0x03, (byte) 0xE8});
                while (true) {
                    int opcode = in.readUnsignedByte() & 0x0F;
                    payload();
                    if (opcode == 0x8) {
                        return true;
                    }
                }
            } catch (IOException e) {
                return false;
            }
        }
    }
}
