package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The message and conversation records and their rules. */
class MessageModelTest {
    @Test
    void statusesOnlyMoveForward() {
        assertThat(MessageStatus.DELIVERED.canBecome(MessageStatus.SENT)).isFalse();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.READ)).isTrue();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.FAILED)).isFalse();
        assertThat(MessageStatus.SENDING.canBecome(MessageStatus.FAILED)).isTrue();
        assertThat(MessageStatus.FAILED.canBecome(MessageStatus.SENDING)).isTrue();
        assertThat(MessageStatus.FAILED.canBecome(MessageStatus.SENT)).isTrue();
        assertThat(MessageStatus.WAITING.canBecome(MessageStatus.SENDING)).isTrue();
        assertThat(MessageStatus.SENDING.canBecome(MessageStatus.WAITING)).as("the connection failed it").isTrue();
        assertThat(MessageStatus.SENT.canBecome(MessageStatus.WAITING)).isFalse();
        assertThat(MessageStatus.WAITING.canBecome(MessageStatus.FAILED)).isTrue();
    }

    @Test
    void serverIdsCompareInCommitOrder() {
        assertThat(ServerIds.compare("9", "10")).isNegative();
        assertThat(ServerIds.compare("100", "99")).isPositive();
        assertThat(ServerIds.compare("007", "7")).isZero();
    }

    @Test
    void previewsAreTheFirstLineShortened() {
        assertThat(ConversationItem.previewOf("  hello\nworld ")).isEqualTo("hello …");
        assertThat(ConversationItem.previewOf("x".repeat(200))).hasSize(ConversationItem.PREVIEW_LENGTH + 1);
    }

    @Test
    void aReceiptNeverMovesAMessageBack() {
        MessageItem sending = MessageItem.waiting("l1", ConversationId.single("roy"), "leo", "hi", Quote.NONE,
                Instant.EPOCH)
                .withStatus(MessageStatus.SENDING);
        MessageItem read = sending.stored("5", Instant.EPOCH).withStatus(MessageStatus.READ);
        assertThat(read.stored("5", Instant.EPOCH).status()).isEqualTo(MessageStatus.READ);
        assertThat(sending.failed("no").withStatus(MessageStatus.SENDING).failure()).isEmpty();
    }
}
