package org.voxgate.lab.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's SIP user agent client for other lab tools: places calls with any
 * {@link MediaEndpoint} (INVITE with a PCMU + telephone-event offer, ACK, BYE; see
 * {@link LoadCall}). One UDP socket for all calls; close it at the end.
 */
public final class SipDialer implements AutoCloseable {
    private final SipUac uac;
    private final InetAddress local;
    private final InetSocketAddress target;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger next = new AtomicInteger();

    /** @param target the node's SIP UDP address */
    public SipDialer(InetAddress local, InetSocketAddress target) throws IOException {
        this.uac = new SipUac(local, target);
        this.local = local;
        this.target = target;
    }

    /**
     * Sends an INVITE to {@code user}@target; on the 200 the media starts and types {@code keys}
     * {@code keysDelayMs} after the answer. A call with no final answer in {@code setupTimeoutMs}
     * fails. Watch {@link LoadCall#state()}; end with {@link LoadCall#hangup()}.
     */
    public <M extends MediaEndpoint> LoadCall<M> dial(String user, M media, String keys, long keysDelayMs,
                                                      long setupTimeoutMs) throws IOException {
        int i = next.getAndIncrement();
        String host = local.getHostAddress();
        SipRequests.Dialog dialog = new SipRequests.Dialog(host, uac.localPort(), target.getHostString(),
                target.getPort(), user, "lab-" + runId + "-" + i + "@" + host, Long.toHexString(System.nanoTime()));
        LoadCall<M> call = new LoadCall<>(i, uac, dialog, media, user, keys, keysDelayMs, setupTimeoutMs);
        call.start();
        return call;
    }

    @Override
    public void close() {
        uac.close();
    }
}
