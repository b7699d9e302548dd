package org.voxgate.bridge;

/**
 * Bridge-wide counters for metrics. The bridge that {@link AudioBridges#create} returns
 * implements it ({@code bridge instanceof BridgeStatistics}); the server turns the snapshots into
 * Prometheus meters. Thread-safe; reading does not touch the media threads.
 */
public interface BridgeStatistics {

    /**
     * Counters now: totals since the bridge started (closed legs and conferences included) and
     * what is open. Walks every open leg and conference, so call it per scrape, not per packet.
     * A snapshot is not atomic as a whole; a total may read slightly lower than the previous
     * snapshot's while a leg is closing (callers that export counters keep the maximum).
     */
    BridgeSnapshot snapshot();

    /** True from construction until {@code close()}: the bridge opens legs. */
    boolean running();
}
