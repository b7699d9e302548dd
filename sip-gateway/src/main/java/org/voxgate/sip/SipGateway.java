package org.voxgate.sip;

import java.util.Map;
import java.util.Objects;

import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.internal.stack.GatewayCore;

/**
 * The dial-in SIP gateway: a user agent server on UDP and TCP that answers INVITEs with media
 * legs from the bridge, runs the IVR and joins callers to conferences.
 *
 * <p>Lifecycle: construct, {@link #start()}, {@link #close()}. Thread-safe.
 */
public final class SipGateway implements AutoCloseable {
    private final GatewayCore core;

    public SipGateway(SipConfig config, MediaBridge bridge, MeetingDirectory directory) {
        this(config, bridge, directory, null);
    }

    /**
     * @param listener hears every finished call (CDRs), or null
     */
    public SipGateway(SipConfig config, MediaBridge bridge, MeetingDirectory directory, CallListener listener) {
        this.core = new GatewayCore(Objects.requireNonNull(config, "config"), Objects.requireNonNull(bridge, "bridge"),
                Objects.requireNonNull(directory, "directory"), listener);
    }

    /**
     * @param listener hears every finished call (CDRs), or null
     * @param trunks   the configured SIP trunks, read live for every new call and registration pass
     */
    public SipGateway(SipConfig config, MediaBridge bridge, MeetingDirectory directory, CallListener listener,
                      TrunkDirectory trunks) {
        this(config, bridge, directory, listener);
        core.trunks(Objects.requireNonNull(trunks, "trunks"));
    }

    /**
     * The DNS servers that locate trunk hosts (RFC 3263 NAPTR, SRV, A/AAAA; see {@link SipLocator#create}):
     * numeric addresses with an optional port; empty means the system's (/etc/resolv.conf). Call
     * before {@link #start()}.
     *
     * @throws IllegalArgumentException when an entry is not a numeric address with an optional port
     */
    public SipGateway dnsServers(java.util.List<String> servers) {
        core.locator(SipLocator.create(servers));
        return this;
    }

    /**
     * Whether trunk hosts may resolve to loopback addresses when we register or dial out (default
     * true for embedding and tests; the server passes {@code admin.allowInternalTrunkHosts},
     * default false). Wildcard, link-local (cloud metadata) and multicast addresses are always
     * refused. Call before {@link #start()}.
     */
    public SipGateway allowLoopbackTrunkHosts(boolean allow) {
        core.allowLoopbackTrunkHosts(allow);
        return this;
    }

    /**
     * Binds the UDP and TCP listening points and starts answering.
     *
     * @throws IllegalStateException when already started
     * @throws Exception             when the stack cannot start or a port is taken
     */
    public void start() throws Exception {
        core.start();
    }

    /**
     * Sets the dial-out timers (ring timeout, silent-host timeout, "press 1" timing); default
     * {@link DialOutSettings#defaults()}. Applies to dial-outs started afterwards.
     */
    public void dialOutSettings(DialOutSettings settings) {
        core.dialOutSettings(settings);
    }

    /**
     * Calls {@code request.number()} through the trunk and, once the callee has answered and
     * pressed 1, joins it to the meeting as a participant. Returns at once; the handle's
     * {@link DialOut#status()} follows the call (DIALING, RINGING, EARLY_MEDIA,
     * ANSWERED_AWAITING_CONFIRM, JOINED, then ENDED; or FAILED with a {@link DialOutFailure}).
     * A CDR with direction OUTBOUND follows the end, as for dial-in.
     *
     * @throws DialOutRefusedException before any packet is sent: UNKNOWN_TRUNK, TRUNK_DISABLED,
     *     TRUNK_INBOUND_ONLY, INVALID_NUMBER, DESTINATION_NOT_ALLOWED (no dial-out prefix of the
     *     trunk matches: no open relay), TRANSPORT_UNAVAILABLE, AT_CAPACITY, NOT_RUNNING
     */
    public DialOut dialOut(DialOutRequest request) throws DialOutRefusedException {
        return core.dialOut(request);
    }

    /** A dial-out by {@link DialOut#id()}: live ones and the last 10,000 finished ones. */
    public java.util.Optional<DialOut> findDialOut(String id) {
        return core.findDialOut(id);
    }

    /** Calls from INVITE until they end, answered or not. */
    public int activeCalls() {
        return core.activeCalls();
    }

    /** Counters since construction (requests, responses, calls, IVR outcomes), for metrics. */
    public SipStatistics statistics() {
        return core.statistics();
    }

    /**
     * Sources banned now by the per-source rate limit or failed authentications (a gauge for
     * metrics); refusals themselves are counted in {@link SipStatistics#securityRejections()}.
     */
    public int bannedSources() {
        return core.defence().bannedSources();
    }

    /**
     * The outbound registration of every enabled trunk that has one, by trunk id: state,
     * registrar, granted expiry, last status and failure, next attempt. Trunks without a
     * registration are absent; empty before {@link #start()}. A snapshot; cheap to call.
     */
    public Map<String, RegistrationStatus> registrations() {
        return core.registrations();
    }

    /** True after {@link #start()} until {@link #close()} begins: SIP is listening and taking calls. */
    public boolean running() {
        return core.running();
    }

    /**
     * Hangs up every established call with BYE and unregisters every trunk (Expires: 0), waits up
     * to two seconds for the 200s, stops the stack. New INVITEs meanwhile get 503. Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }
}
