package org.voxgate.sip.internal.stack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A final error response decided before any call state exists.
 *
 * @param status  SIP status code, 400..699
 * @param headers extra headers, name to value, in order (Allow, Accept, Unsupported, ...)
 */
public record Rejection(int status, Map<String, String> headers) {
    public Rejection {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    static Rejection of(int status) {
        return new Rejection(status, Map.of());
    }

    static Rejection of(int status, String header, String value) {
        return new Rejection(status, Map.of(header, value));
    }
}
