/**
 * Construction of the audio bridge: {@link org.voxgate.bridge.BridgeConfig} and the factory
 * that builds a {@link org.voxgate.bridge.api.MediaBridge}. Everything else public lives in
 * {@code org.voxgate.bridge.api}; implementation lives under {@code org.voxgate.bridge.internal}.
 */
package org.voxgate.bridge;
