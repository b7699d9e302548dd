package org.voxgate.bridge.internal.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.netty.channel.Channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.BridgeConfig;
import org.voxgate.bridge.BridgeSnapshot;
import org.voxgate.bridge.BridgeStatistics;
import org.voxgate.bridge.api.BridgeException;
import org.voxgate.bridge.api.Conference;
import org.voxgate.bridge.api.ConferenceOptions;
import org.voxgate.bridge.api.LegListener;
import org.voxgate.bridge.api.LegOptions;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.bridge.api.MediaLeg;
import org.voxgate.bridge.internal.clock.MediaClock;
import org.voxgate.bridge.internal.codec.G711;
import org.voxgate.bridge.internal.conference.DefaultConference;
import org.voxgate.bridge.internal.event.EventDispatcher;
import org.voxgate.bridge.internal.leg.BridgeTuning;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.leg.LegContext;
import org.voxgate.bridge.internal.leg.PromptSource;
import org.voxgate.bridge.internal.transport.PortAllocator;
import org.voxgate.bridge.internal.transport.UdpTransport;

/** The bridge: legs, conferences and the threads they share. Thread-safe. */
public final class DefaultMediaBridge implements MediaBridge, BridgeStatistics {
    private static final Logger log = LoggerFactory.getLogger(DefaultMediaBridge.class);
    /** Pairs tried when binding fails (a port taken by another process). */
    private static final int BIND_ATTEMPTS = 8;

    private final BridgeConfig config;
    private final UdpTransport transport;
    private final PortAllocator ports;
    private final MediaClock media;
    private final EventDispatcher events;
    private final LegContext context;
    private final List<G711> defaultCodecs;
    private final Map<String, DefaultMediaLeg> legs = new ConcurrentHashMap<>();
    private final Map<String, DefaultConference> conferences = new ConcurrentHashMap<>();
    private final AtomicLong legCounter = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final StatisticsCollector statistics = new StatisticsCollector();

    public DefaultMediaBridge(BridgeConfig config, LongSupplier clock, BridgeTuning tuning) {
        this(config, clock, tuning, new LibraryPromptSource());
    }

    public DefaultMediaBridge(BridgeConfig config, LongSupplier clock, BridgeTuning tuning, PromptSource prompts) {
        this.config = config;
        this.defaultCodecs = codecs(config.codecs(), List.of(G711.PCMU, G711.PCMA));
        this.transport = new UdpTransport(tuning.ioThreads());
        this.ports = new PortAllocator(config.rtpPortMin(), config.rtpPortMax());
        this.media = new MediaClock(config.mixerThreads());
        this.events = new EventDispatcher(tuning.eventThreads());
        String cname = "voxgate-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.context = new LegContext(config, tuning, clock, cname, prompts, events, media);
        log.info("audio bridge up: RTP {}..{} on {}, {} transport", config.rtpPortMin(), config.rtpPortMax(),
                config.bindAddress().getHostAddress(), transport.epoll() ? "epoll" : "NIO");
    }

    private static List<G711> codecs(List<String> names, List<G711> fallback) {
        List<G711> out = new ArrayList<>();
        for (String n : names) {
            G711 c = G711.forEncodingName(n.toUpperCase(Locale.ROOT));
            if (c != null && !out.contains(c)) {
                out.add(c);
            }
        }
        return out.isEmpty() ? fallback : out;
    }

    @Override
    public MediaLeg openLeg(LegOptions options, LegListener listener) throws BridgeException {
        if (closed.get()) {
            throw new BridgeException(BridgeException.Reason.CLOSED, "bridge is closed", null);
        }
        List<G711> codecs = codecs(options.codecs(), defaultCodecs);
        Exception lastError = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = ports.acquire();
            if (port < 0) {
                throw new BridgeException(BridgeException.Reason.NO_PORTS,
                        "all " + ports.capacity() + " RTP port pairs are in use", null);
            }
            String id = "L" + legCounter.incrementAndGet();
            DefaultMediaLeg leg = new DefaultMediaLeg(id, options, listener, context, port, codecs, this::legClosed);
            Channel rtp = null;
            try {
                rtp = transport.bind(config.bindAddress(), port, leg.rtpHandler(), null);
                Channel rtcp = transport.bind(config.bindAddress(), port + 1, leg.rtcpHandler(), rtp.eventLoop());
                leg.start(rtp, rtcp);
                legs.put(id, leg);
                if (closed.get()) {
                    leg.close();
                    throw new BridgeException(BridgeException.Reason.CLOSED, "bridge is closed", null);
                }
                return leg;
            } catch (BridgeException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
                if (rtp != null) {
                    rtp.close().syncUninterruptibly();
                }
                ports.release(port);
                log.debug("RTP ports {}/{} not bindable: {}", port, port + 1, e.toString());
            }
        }
        throw new BridgeException(BridgeException.Reason.IO, "could not bind an RTP/RTCP port pair", lastError);
    }

    private void legClosed(DefaultMediaLeg leg) {
        if (legs.remove(leg.id()) != null) {
            statistics.retire(leg);
        }
        Channel[] ch = leg.channels();
        int port = leg.rtpPort();
        // Release the pair only when both sockets are really closed.
        ch[0].close().addListener(f -> ch[1].close().addListener(g -> ports.release(port)));
    }

    @Override
    public Conference conference(String conferenceId, ConferenceOptions options) {
        if (closed.get()) {
            throw new IllegalStateException("bridge is closed");
        }
        return conferences.computeIfAbsent(conferenceId,
                id -> new DefaultConference(id, options, media.leastLoaded(), c -> {
                    if (conferences.remove(c.id(), c)) {
                        statistics.retire(c);
                    }
                }));
    }

    @Override
    public Optional<Conference> findConference(String conferenceId) {
        return Optional.ofNullable(conferences.get(conferenceId));
    }

    @Override
    public int openLegs() {
        return legs.size();
    }

    @Override
    public BridgeSnapshot snapshot() {
        return statistics.snapshot(legs.values(), conferences.values());
    }

    @Override
    public boolean running() {
        return !closed.get();
    }

    /** Port pairs currently allocated (released only after both sockets closed). */
    public int portsInUse() {
        return ports.inUse();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (DefaultMediaLeg leg : List.copyOf(legs.values())) {
            leg.close();
        }
        for (DefaultConference c : List.copyOf(conferences.values())) {
            c.close();
        }
        media.close();
        transport.close();
        events.close();
    }
}
