/**
 * Audio codecs behind one abstraction ({@link org.voxgate.bridge.internal.codec.AudioCodec},
 * {@link org.voxgate.bridge.internal.codec.AudioEncoder},
 * {@link org.voxgate.bridge.internal.codec.AudioDecoder}):
 *
 * <ul>
 *   <li>G.711 mu-law and A-law (ITU-T G.711, table driven), loss concealment in the manner of
 *       G.711 Appendix I (pitch-period repetition with fading), also used at 16 kHz;</li>
 *   <li>G.722 at 64 kbit/s (ITU-T G.722: 24-tap QMF, 6-bit lower and 2-bit higher sub-band
 *       ADPCM), written from the recommendation's block diagram and bit-exact with ffmpeg's
 *       g722 in both directions; RFC 3551 section 4.5.2 (G722/8000 with 16 kHz audio);</li>
 *   <li>Opus (RFC 6716) through libopus via opus-java/JNA, RFC 7587 payload and fmtp, in-band
 *       FEC recovery (decode_fec on the next packet) and libopus concealment;</li>
 *   <li>L16 (RFC 3551 section 4.5.11) at 16 kHz, for tests;</li>
 *   <li>{@link org.voxgate.bridge.internal.codec.CodecFrameEncoder}, the mixer's encoder:
 *       band-limited resampling from the mix rate and one sharing group per (codec, mix rate,
 *       ptime, Opus parameters).</li>
 * </ul>
 */
package org.voxgate.bridge.internal.codec;
