package dev.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The module descriptor as jlink will see it: minimal exports, controller packages opened only to javafx.fxml, the
 * JSON providers required, and every module the app needs at run time a named (not automatic) module.
 */
class ModuleDescriptorTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void descriptorIsMinimal() {
        ModuleDescriptor d = ModuleFinder.of(CLASSES).find("dev.parley.desktop").orElseThrow().descriptor();
        assertThat(d.isOpen()).isFalse();
        assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("dev.parley.client", "javafx.controls", "javafx.fxml", "atlantafx.base",
                        "org.eclipse.yasson", "org.eclipse.parsson",
                        "org.freedesktop.dbus", "org.freedesktop.dbus.transport.jre", "org.slf4j.jul");
        assertThat(d.exports()).hasSize(2).allSatisfy(e -> assertThat(e.isQualified()).isTrue());
        assertThat(d.exports()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("dev.parley.desktop");
            assertThat(e.targets()).containsExactly("javafx.graphics");
        });
        // dbus-java's proxy of the notification service's interface, and nothing else of the module.
        assertThat(d.exports()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("dev.parley.desktop.notify");
            assertThat(e.targets()).containsExactly("org.freedesktop.dbus");
        });
        assertThat(d.opens()).allSatisfy(o -> assertThat(o.targets()).containsExactly("javafx.fxml"));
        assertThat(d.opens().stream().map(ModuleDescriptor.Opens::source))
                .containsExactlyInAnyOrder("dev.parley.desktop.signin", "dev.parley.desktop.chat",
                        "dev.parley.desktop.groups", "dev.parley.desktop.search", "dev.parley.desktop.media",
                        "dev.parley.desktop.profile");
    }

    @Test
    void runtimeModulesAreAllNamed() {
        // The tests run on the module path, patched into dev.parley.desktop: its run-time graph is the boot layer's.
        // Follow the non-static requires from dev.parley.desktop, as jlink does.
        var boot = ModuleLayer.boot().configuration();
        Set<ResolvedModule> graph = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("dev.parley.desktop"));
        while (!todo.isEmpty()) {
            ResolvedModule m = boot.findModule(todo.pop()).orElseThrow();
            if (graph.add(m)) {
                m.reference().descriptor().requires().stream()
                        .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                        .forEach(r -> todo.add(r.name()));
            }
        }
        assertThat(graph.stream().filter(m -> m.reference().descriptor().isAutomatic()).map(ResolvedModule::name))
                .as("automatic modules cannot be linked").isEmpty();
        assertThat(graph.stream().map(ResolvedModule::name))
                .contains("javafx.fxml", "javafx.controls", "atlantafx.base", "dev.parley.client",
                        "org.eclipse.yasson", "org.eclipse.parsson", "org.glassfish.tyrus.container.jdk.client")
                .doesNotContain("org.testfx", "dev.parley.server");
        assertThat(ModuleDescriptorTest.class.getModule().getName()).isEqualTo("dev.parley.desktop");
    }
}
