package org.voxgate.bridge.api;

/** Short generated tones. */
public enum Tone {
    /** Someone joined: rising two-tone chime. */
    ENTRY,
    /** Someone left: falling two-tone chime. */
    EXIT,
    /** Key acknowledged. */
    BEEP
}
