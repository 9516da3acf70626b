/**
 * Agora-compatible AccessToken2 ("007…") chat tokens: building them ({@link dev.parley.protocol.token.AccessToken2}),
 * parsing them, and verifying them against an app's credentials ({@link dev.parley.protocol.token.TokenVerifier}).
 * <p>
 * The format is byte-compatible with Agora's public token builders, so tokens minted by an app server that uses
 * Agora's {@code ChatTokenBuilder2} (or its Node, Go or Python counterparts) verify here, and tokens built here verify
 * with Agora's tools. Every failure is a {@link dev.parley.protocol.token.TokenException} with a
 * {@link dev.parley.protocol.token.TokenException.Reason}; messages never contain the token or the app certificate.
 */
package dev.parley.protocol.token;
