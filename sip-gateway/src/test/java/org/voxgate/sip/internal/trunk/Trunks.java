package org.voxgate.sip.internal.trunk;

import java.util.List;

import org.voxgate.sip.Trunk;

/** Trunks for tests. */
final class Trunks {
    private Trunks() {}

    static Trunk byCidr(String id, String account, String... cidrs) {
        return new Trunk(id, account, id, Trunk.Direction.BOTH, List.of("carrier.example"), 5060, Trunk.Transport.UDP,
                List.of(cidrs), null, null, List.of("PCMU"), 10, 5, Trunk.SrtpPolicy.OFF,
                Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true);
    }

    static Trunk byDigest(String id, String account, String user, String password) {
        return new Trunk(id, account, id, Trunk.Direction.INBOUND, List.of("carrier.example"), 5060,
                Trunk.Transport.UDP, List.of(), new Trunk.Credentials(user, password, null), null, List.of("PCMU"), 10, 5,
                Trunk.SrtpPolicy.OFF, Trunk.CallerIdPolicy.PASSTHROUGH, List.of(), true);
    }

    static Trunk with(Trunk t, boolean enabled, Trunk.Direction direction) {
        return new Trunk(t.id(), t.accountId(), t.name(), direction, t.hosts(), t.port(), t.transport(), t.inboundCidrs(),
                t.inboundCredentials(), t.registration(), t.codecs(), t.maxChannels(), t.maxCallsPerSecond(),
                t.srtpPolicy(), t.callerIdPolicy(), t.dialOutPrefixes(), enabled);
    }

    static Trunk limits(Trunk t, int channels, int cps) {
        return new Trunk(t.id(), t.accountId(), t.name(), t.direction(), t.hosts(), t.port(), t.transport(),
                t.inboundCidrs(), t.inboundCredentials(), t.registration(), t.codecs(), channels, cps, t.srtpPolicy(),
                t.callerIdPolicy(), t.dialOutPrefixes(), t.enabled());
    }

    static Trunk callerId(Trunk t, Trunk.CallerIdPolicy p) {
        return new Trunk(t.id(), t.accountId(), t.name(), t.direction(), t.hosts(), t.port(), t.transport(),
                t.inboundCidrs(), t.inboundCredentials(), t.registration(), t.codecs(), t.maxChannels(),
                t.maxCallsPerSecond(), t.srtpPolicy(), p, t.dialOutPrefixes(), t.enabled());
    }
}
