/**
 * Construction of the audio bridge: {@link org.voxgate.bridge.BridgeConfig} (with
 * {@link org.voxgate.bridge.TcpMediaConfig} for RTP over TCP/TLS, RFC 4571) and the factory
 * that builds a {@link org.voxgate.bridge.api.MediaBridge}. Everything else public lives in
 * {@code org.voxgate.bridge.api}; implementation lives under {@code org.voxgate.bridge.internal}.
 */
package org.voxgate.bridge;
