package dev.parley.server.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the module descriptor ({@code dev} when run from classes). */
final class Version implements IVersionProvider {
    static String current() {
        return Version.class.getModule().getDescriptor() == null ? "dev"
                : Version.class.getModule().getDescriptor().rawVersion().orElse("dev");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"parley-server " + current()};
    }
}
