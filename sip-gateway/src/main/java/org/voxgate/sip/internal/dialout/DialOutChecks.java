package org.voxgate.sip.internal.dialout;

import java.util.List;
import java.util.Optional;

import org.voxgate.sip.DialOutRefusedException;
import org.voxgate.sip.DialOutRefusedException.Reason;
import org.voxgate.sip.DialOutRequest;
import org.voxgate.sip.Trunk;

/**
 * The checks made before a dial-out sends anything: the trunk exists, is enabled, may dial out,
 * and its dial-out prefixes cover the number (an empty list covers nothing: no open relay).
 */
public final class DialOutChecks {
    private DialOutChecks() {
    }

    /**
     * @return the trunk to dial through
     * @throws DialOutRefusedException UNKNOWN_TRUNK, TRUNK_DISABLED, TRUNK_INBOUND_ONLY,
     *     INVALID_NUMBER or DESTINATION_NOT_ALLOWED
     */
    public static Trunk check(DialOutRequest request, List<Trunk> trunks) throws DialOutRefusedException {
        Trunk trunk = trunks.stream().filter(t -> t.id().equals(request.trunkId())).findFirst()
                .orElseThrow(() -> new DialOutRefusedException(Reason.UNKNOWN_TRUNK,
                        "no trunk with id " + request.trunkId()));
        if (!trunk.enabled()) {
            throw new DialOutRefusedException(Reason.TRUNK_DISABLED, "trunk " + trunk.id() + " is disabled");
        }
        if (!trunk.outbound()) {
            throw new DialOutRefusedException(Reason.TRUNK_INBOUND_ONLY,
                    "trunk " + trunk.id() + " takes inbound calls only");
        }
        if (!DialOutRequest.isE164(request.number())) {
            throw new DialOutRefusedException(Reason.INVALID_NUMBER,
                    "number must be E.164: + then 2 to 15 digits, the first not 0");
        }
        if (!trunk.allowsDestination(request.number())) {
            throw new DialOutRefusedException(Reason.DESTINATION_NOT_ALLOWED, trunk.dialOutPrefixes().isEmpty()
                    ? "trunk " + trunk.id() + " has no dial-out prefixes: it may not dial out"
                    : "trunk " + trunk.id() + " may dial only " + String.join(", ", trunk.dialOutPrefixes()));
        }
        return trunk;
    }

    /**
     * Keypad dial-out: the first enabled outbound trunk of {@code accountId} (in directory order)
     * whose prefixes cover {@code e164}.
     */
    public static Optional<Trunk> firstFor(String accountId, String e164, List<Trunk> trunks) {
        return trunks.stream().filter(t -> t.accountId().equals(accountId) && t.enabled()
                && t.allowsDestination(e164)).findFirst();
    }
}
