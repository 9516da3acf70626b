package dev.parley.desktop.live;

import static dev.parley.desktop.view.AppWindow.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.parley.client.PresenceEvent;
import dev.parley.desktop.TestServer;
import java.time.Clock;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.Background;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The online dot over an avatar: shown only while the user is online, green and ringed in both themes. */
@ExtendWith(ApplicationExtension.class)
class OnlineDotTest {
    private TestServer server;
    private PresenceService presence;
    private OnlineDot dot;

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        server = TestServer.start();
        ManualTime time = new ManualTime();
        presence = new PresenceService(server.peer("leo").client(), "leo", Runnable::run, Clock.systemUTC(),
                Locale.UK, time);
        Region avatar = new Region();
        avatar.setPrefSize(36, 36);
        StackPane withDot = OnlineDot.overlay(avatar, presence.of("roy"));
        dot = (OnlineDot) withDot.getChildren().get(1);
        stage.setScene(new Scene(new StackPane(withDot), 200, 200));
        stage.show();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Paint ring() {
        dot.getScene().getRoot().applyCss();
        Background background = dot.getBackground();
        return background.getFills().get(0).getFill();
    }

    private Paint fill() {
        return dot.getBackground().getFills().get(1).getFill();
    }

    @Test
    void showsWhileOnlineInTheThemesColours(FxRobot robot) {
        assertThat(onFx(dot::isVisible)).as("not known yet").isFalse();
        onFx(() -> {
            presence.presenceChanged(new PresenceEvent("roy", true, 0, ""));
            return null;
        });
        assertThat(onFx(dot::isVisible)).isTrue();
        assertThat(onFx(() -> dot.getLayoutBounds().getWidth())).isEqualTo(12);

        Paint lightRing = onFx(this::ring);
        Color lightFill = (Color) onFx(this::fill);
        assertThat(lightFill.getGreen()).as("green").isGreaterThan(lightFill.getRed()).isGreaterThan(lightFill.getBlue());
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            return null;
        });
        Paint darkRing = onFx(this::ring);
        assertThat(darkRing).as("the ring is the background's colour").isNotEqualTo(lightRing);
        assertThat(((Color) darkRing).getBrightness()).isLessThan(((Color) lightRing).getBrightness());

        onFx(() -> {
            presence.presenceChanged(new PresenceEvent("roy", false, System.currentTimeMillis(), ""));
            return null;
        });
        assertThat(onFx(dot::isVisible)).isFalse();
    }
}
