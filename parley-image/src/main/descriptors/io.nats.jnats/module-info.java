// jnats 2.25.1 ships only an Automatic-Module-Name; this descriptor is jdeps --generate-module-info's, with two
// changes: it does not require BouncyCastle (Ed25519 signatures for NKey and JWT credentials only, left out of the
// image: Parley connects to NATS with a URL, and its user and password if any), and java.desktop (Swing, in the
// bundled chaos-test example only) is static. Only the client packages are exported.
module io.nats.jnats {
    requires java.logging;
    requires static java.desktop;

    exports io.nats.client;
    exports io.nats.client.api;
    exports io.nats.client.impl;
    exports io.nats.client.support;
    exports io.nats.service;
}
