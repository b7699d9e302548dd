package org.voxgate.bridge.api;

/** What a participant may do in a conference. */
public enum ParticipantRole {
    PARTICIPANT,
    /** Entered the moderator PIN: may mute all others and lock the meeting. */
    MODERATOR
}
