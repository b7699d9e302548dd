/**
 * Recorded IVR prompts: the {@link org.voxgate.bridge.api.Prompt} WAV files shipped under
 * {@code /prompts/} on the class path, read strictly, converted to the rate a leg or
 * conference needs and cached.
 *
 * <p>File format: Microsoft RIFF/WAVE with {@code WAVE_FORMAT_PCM} (format tag 1), as
 * described in "Multimedia Programming Interface and Data Specifications 1.0" (IBM and
 * Microsoft, 1991), restricted to 16-bit little-endian mono samples.
 */
package org.voxgate.bridge.internal.prompt;
