/**
 * Audio codecs: G.711 mu-law and A-law (ITU-T G.711, table driven), packet loss concealment for
 * G.711 in the manner of G.711 Appendix I (pitch-period repetition with fading), and the
 * {@link org.voxgate.bridge.internal.mix.FrameEncoder} the mixer uses for G.711 listeners.
 */
package org.voxgate.bridge.internal.codec;
