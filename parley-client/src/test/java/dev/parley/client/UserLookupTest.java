package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Looking a user up ({@code GET /{org}/{app}/users/{user}}): the server team adds the endpoint; until then a stand-in
 * REST server answers as it will, and the real server shows how the SDK reports its absence.
 */
class UserLookupTest {
    @TempDir
    Path dataDir;
    private LiveServer live;
    private StubRest stub;

    @BeforeEach
    void start() throws Exception {
        live = LiveServer.start(dataDir);
        stub = new StubRest()
                .answer("/parley/test/users/roy", 200,
                        "{\"entities\":[{\"username\":\"roy\",\"nickname\":\"Roy Batty\",\"created\":1}]}")
                .answer("/parley/test/users/ghost", 404,
                        "{\"error\":\"service_resource_not_found\",\"error_description\":\"no such user: ghost\"}");
    }

    @AfterEach
    void stop() throws Exception {
        stub.close();
        live.close();
    }

    @Test
    void aKnownUserComesWithTheirNicknameAndAnUnknownOneIsEmpty() {
        ChatClient leo = live.client(live.options().apiUrl(stub.url()), new RecordingHandler());
        await(leo.open("leo", live.token("leo")));
        Optional<RegisteredUser> roy = await(leo.lookUpUser("roy"));
        assertThat(roy).map(RegisteredUser::nickname).contains("Roy Batty");
        assertThat(await(leo.lookUpUser("ghost"))).isEmpty();
    }

    @Test
    void aServerWithoutTheEndpointFailsWith404NotFoundSoThatCallersCanTellTheDifference() {
        // Parley's own server has the endpoint now: the stub stands in for a protocol v1 server (404 not_found for
        // every path it does not know).
        ChatClient leo = live.client(live.options().apiUrl(stub.url()), new RecordingHandler());
        await(leo.open("leo", live.token("leo")));
        Throwable failure = leo.lookUpUser("amy").handle((user, e) -> e).orTimeout(10, TimeUnit.SECONDS).join();
        Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
        assertThat(cause).isInstanceOfSatisfying(ChatRestException.class, rest -> {
            assertThat(rest.httpStatus()).isEqualTo(404);
            assertThat(rest.error()).isEqualTo("not_found");
        });
    }
}
