package org.voxgate.bridge.internal.clock;

/** Work run by a {@link ClockThread} once per period. */
public interface ClockTask {

    /** Called on the owning thread every {@link #periodNanos()}. Must not block. */
    void tick(long nowNanos);

    long periodNanos();

    /** A tick started more than half a period after it was due. */
    default void onLateTick() {}
}
