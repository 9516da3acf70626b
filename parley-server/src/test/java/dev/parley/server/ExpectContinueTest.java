package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Expect: 100-continue} on uploads, over a raw socket: an upload its headers refuse (larger than any upload may
 * be) is answered 413 at once and never asked for, so the client sends no byte of it (before, its write was cut off
 * by the closing socket and the SDK saw a broken pipe instead of the 413); an upload within the limit is asked for.
 */
class ExpectContinueTest {
    @TempDir
    Path dir;

    private static String upload(ParleyServer server, long length) {
        return "POST /" + server.appKey().replace('#', '/') + "/chatfiles HTTP/1.1\r\n" + RawHttp.HOST + "\r\n"
                + "Authorization: Bearer " + server.userToken("leo", Duration.ofHours(1)) + "\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + length + "\r\n"
                + "Expect: 100-continue\r\n\r\n";
    }

    @Test
    void anUploadItsHeadersRefuseIsAnswered413WithoutAskingForItsBody() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawHttp http = RawHttp.connect(server)) {
            RawHttp.Response answer = http.exchange(upload(server, 11L * 1024 * 1024 + 100_000));
            assertThat(answer.status()).as(answer.statusLine()).isEqualTo(413);
        }
    }

    @Test
    void anUploadWithinTheLimitIsAskedFor() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawHttp http = RawHttp.connect(server)) {
            assertThat(http.exchange(upload(server, 1_000)).status()).isEqualTo(100);
        }
    }
}
