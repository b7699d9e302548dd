/**
 * The audio bridge as signalling modules see it: media legs (one RTP/RTCP port pair each),
 * conferences that mix legs, prompts, tones and DTMF events.
 *
 * <p>This package is the only part of {@code audio-bridge} that {@code sip-gateway},
 * {@code h323-adapter} and {@code meeting-link} may import. SDP crosses this boundary as
 * text (RFC 4566 / RFC 3264); the bridge owns the media model behind it.
 *
 * <h2>Threads</h2>
 * Methods of {@link org.voxgate.bridge.api.MediaLeg} and {@link org.voxgate.bridge.api.Conference}
 * are thread-safe and never block on the media path. {@link org.voxgate.bridge.api.LegListener}
 * callbacks for one leg arrive one at a time, in order, on a bridge event thread (never on a
 * Netty event loop or a mixer thread); a listener must not block.
 */
package org.voxgate.bridge.api;
