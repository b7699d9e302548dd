/**
 * The conference mixer: one {@link org.voxgate.bridge.internal.mix.Mixer} per conference,
 * ticked every ptime by the conference's clock thread.
 *
 * <p>One tick:
 * <pre>
 *  readFrame() per participant ──► frame energy ──► smoothed level (fast attack, slow release)
 *                                                        │
 *                 top-N talker choice with hysteresis ◄──┘
 *                                  │
 *        int32 sum of the talkers' frames (no clipping yet)
 *            │                                   │
 *   saturate(sum) = full mix             saturate(sum - own) per talker = mix-minus
 *            │                                   │
 *   encode once per FrameEncoder.sharingKey   encode once per talker
 *            │                                   │
 *   writeFrame() to every receiving non-talker   writeFrame() to that talker
 * </pre>
 *
 * <p>No standard governs the mix itself; the design follows common conference bridge practice
 * (N-loudest selection, mix-minus so nobody hears their own voice, shared encoding for
 * stateless codecs such as ITU-T G.711). Everything is preallocated: arrays grow only on
 * {@code add}/{@code remove}, a tick allocates nothing. A mixer is confined to one thread.
 */
package org.voxgate.bridge.internal.mix;
