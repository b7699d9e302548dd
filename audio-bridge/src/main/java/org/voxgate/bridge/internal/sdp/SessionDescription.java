package org.voxgate.bridge.internal.sdp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A parsed session description (RFC 4566 section 5): what offer/answer needs of it. */
public final class SessionDescription {
    String originUser;
    String originSessionId;
    long originVersion;
    InetAddress connection;
    Direction direction;
    String fingerprint;
    String setup;
    final List<MediaDescription> media = new ArrayList<>();

    public String originSessionId() {
        return originSessionId;
    }

    public long originVersion() {
        return originVersion;
    }

    /** Session-level c= address, or null. */
    public InetAddress connection() {
        return connection;
    }

    /** Session-level direction, or null. */
    public Direction direction() {
        return direction;
    }

    public List<MediaDescription> media() {
        return media;
    }

    /** The c= address that applies to {@code m}: its own, else the session's; may be null. */
    public InetAddress connectionFor(MediaDescription m) {
        return m.connection != null ? m.connection : connection;
    }

    /** The a=fingerprint that applies to {@code m} (RFC 8122 section 5): its own, else the session's. */
    public String fingerprintFor(MediaDescription m) {
        return m.fingerprint != null ? m.fingerprint : fingerprint;
    }

    /** The a=setup that applies to {@code m} (RFC 4145 section 4): its own, else the session's. */
    public String setupFor(MediaDescription m) {
        return m.setup != null ? m.setup : setup;
    }

    /** The direction that applies to {@code m}: its own, else the session's, else sendrecv. */
    public Direction directionFor(MediaDescription m) {
        if (m.direction != null) {
            return m.direction;
        }
        return direction != null ? direction : Direction.SENDRECV;
    }
}
