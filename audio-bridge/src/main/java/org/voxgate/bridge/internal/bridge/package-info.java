/**
 * The bridge behind {@link org.voxgate.bridge.api.MediaBridge}: opens legs on port pairs from
 * the configured range, holds conferences, and owns the shared threads (Netty event loops, media
 * clock, listener events).
 */
package org.voxgate.bridge.internal.bridge;
