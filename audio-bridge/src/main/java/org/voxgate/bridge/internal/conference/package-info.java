/**
 * Conferences: one {@link org.voxgate.bridge.internal.mix.Mixer} ticked every ptime by the one
 * media clock thread that owns the conference, with a mixer slot per joined leg.
 */
package org.voxgate.bridge.internal.conference;
