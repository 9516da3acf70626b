package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The SDK's module exports only its API and keeps the Tyrus container it loads by name. */
class ModuleDescriptorTest {

    @Test
    void exportsOnlyTheApiAndRequiresTheJdkWebSocketContainer() {
        Module module = ChatClient.class.getModule();
        assumeTrue(module.isNamed(), "tests run on the class path");
        ModuleDescriptor descriptor = module.getDescriptor();
        assertThat(descriptor.name()).isEqualTo("dev.parley.client");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.parley.client");
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("dev.parley.protocol", "jakarta.websocket.client", "org.glassfish.tyrus.client",
                        "org.glassfish.tyrus.container.jdk.client", "java.net.http");
        assertThat(descriptor.requires()).filteredOn(r -> r.name().equals("dev.parley.protocol"))
                .allMatch(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }
}
