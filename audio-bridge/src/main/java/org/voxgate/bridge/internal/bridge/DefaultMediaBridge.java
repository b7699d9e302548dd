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
import org.voxgate.bridge.internal.clock.ClockTask;
import org.voxgate.bridge.internal.clock.ClockThread;
import org.voxgate.bridge.internal.clock.MediaClock;
import org.voxgate.bridge.internal.codec.AudioCodec;
import org.voxgate.bridge.internal.codec.OpusSupport;
import org.voxgate.bridge.internal.conference.DefaultConference;
import org.voxgate.bridge.internal.event.EventDispatcher;
import org.voxgate.bridge.internal.leg.BridgeTuning;
import org.voxgate.bridge.internal.leg.DefaultMediaLeg;
import org.voxgate.bridge.internal.leg.EncodedPlaybackCache;
import org.voxgate.bridge.internal.leg.LegContext;
import org.voxgate.bridge.internal.leg.PromptSource;
import org.voxgate.bridge.internal.tcp.TcpMediaServer;
import org.voxgate.bridge.internal.transport.PortAllocator;
import org.voxgate.bridge.internal.transport.UdpTransport;

/** The bridge: legs, conferences and the threads they share. Thread-safe. */
public final class DefaultMediaBridge implements MediaBridge, BridgeStatistics {
    private static final Logger log = LoggerFactory.getLogger(DefaultMediaBridge.class);
    /** Pairs tried when binding fails (a port taken by another process). */
    private static final int BIND_ATTEMPTS = 8;

    private final BridgeConfig config;
    private final UdpTransport transport;
    /** The shared RTP-over-TCP port, or null when TCP media is off. */
    private final TcpMediaServer tcpMedia;
    private final PortAllocator ports;
    private final MediaClock media;
    private final EventDispatcher events;
    private final LegContext context;
    private final List<AudioCodec> defaultCodecs;
    private final Map<String, DefaultMediaLeg> legs = new ConcurrentHashMap<>();
    private final Map<String, DefaultConference> conferences = new ConcurrentHashMap<>();
    private final AtomicLong legCounter = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongSupplier clock;
    private final BridgeTuning tuning;
    private final ClockThread.Registration idleSweep;
    private final StatisticsCollector statistics = new StatisticsCollector();

    public DefaultMediaBridge(BridgeConfig config, LongSupplier clock, BridgeTuning tuning) {
        this(config, clock, tuning, new LibraryPromptSource());
    }

    public DefaultMediaBridge(BridgeConfig config, LongSupplier clock, BridgeTuning tuning, PromptSource prompts) {
        this.config = config;
        this.clock = clock;
        this.tuning = tuning;
        this.defaultCodecs = codecs(config.codecs(), List.of(AudioCodec.PCMU, AudioCodec.PCMA));
        if (!OpusSupport.available() && mentionsOpus(config.codecs())) {
            log.warn("Opus is configured but not offered: {}. Codecs offered: {}", OpusSupport.problem(),
                    defaultCodecs);
        }
        this.transport = new UdpTransport(tuning.ioThreads());
        this.tcpMedia = config.tcpMedia().enabled() ? startTcpMedia(config, transport) : null;
        this.ports = new PortAllocator(config.rtpPortMin(), config.rtpPortMax());
        this.media = new MediaClock(config.mixerThreads());
        this.events = new EventDispatcher(tuning.eventThreads());
        String cname = "voxgate-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        this.context = new LegContext(config, tuning, clock, cname, prompts, new EncodedPlaybackCache(), events, media);
        this.idleSweep = media.leastLoaded().schedule(new ClockTask() {
            @Override
            public void tick(long nowNanos) {
                closeIdleConferences();
            }

            @Override
            public long periodNanos() {
                return tuning.idleSweepMs() * 1_000_000L;
            }
        });
        log.info("audio bridge up: RTP {}..{} on {}, {} transport", config.rtpPortMin(), config.rtpPortMax(),
                config.bindAddress().getHostAddress(), transport.epoll() ? "epoll" : "NIO");
    }

    private static TcpMediaServer startTcpMedia(BridgeConfig config, UdpTransport transport) {
        try {
            return new TcpMediaServer(config.tcpMedia(), config.bindAddress(), transport.group(), transport.epoll(),
                    DefaultMediaLeg.MAX_TCP_PACKET_BYTES);
        } catch (Exception e) {
            transport.close();
            throw new IllegalStateException("cannot open the RTP-over-TCP port " + config.tcpMedia().port() + " on "
                    + config.bindAddress().getHostAddress() + ": " + e, e);
        }
    }

    /** The bound RTP-over-TCP port, or -1 when TCP media is off. */
    public int tcpMediaPort() {
        return tcpMedia == null ? -1 : tcpMedia.port();
    }

    /** Counters of the RTP-over-TCP port (connections, matches, drops), or null when it is off. */
    public TcpMediaServer.Stats tcpMediaStats() {
        return tcpMedia == null ? null : tcpMedia.stats();
    }

    /**
     * The codecs of a preference list that this process can use, in order; unknown names and
     * Opus without libopus are left out.
     */
    private static List<AudioCodec> codecs(List<String> names, List<AudioCodec> fallback) {
        List<AudioCodec> out = new ArrayList<>();
        for (String n : names) {
            AudioCodec c = AudioCodec.forName(n);
            if (c != null && c.available() && !out.contains(c)) {
                out.add(c);
            }
        }
        return out.isEmpty() ? fallback : out;
    }

    private static boolean mentionsOpus(List<String> names) {
        for (String n : names) {
            if ("OPUS".equals(n.trim().toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The codecs this bridge offers when a leg names none, best first. */
    public List<AudioCodec> codecs() {
        return defaultCodecs;
    }

    @Override
    public MediaLeg openLeg(LegOptions options, LegListener listener) throws BridgeException {
        if (closed.get()) {
            throw new BridgeException(BridgeException.Reason.CLOSED, "bridge is closed", null);
        }
        List<AudioCodec> codecs = codecs(options.codecs(), defaultCodecs);
        Exception lastError = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = ports.acquire();
            if (port < 0) {
                throw new BridgeException(BridgeException.Reason.NO_PORTS,
                        "all " + ports.capacity() + " RTP port pairs are in use", null);
            }
            String id = "L" + legCounter.incrementAndGet();
            DefaultMediaLeg leg = new DefaultMediaLeg(id, options, listener, context, port, codecs, this::legClosed);
            if (tcpMedia != null) {
                leg.useTcpMedia(tcpMedia);
            }
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
        while (true) {
            DefaultConference c = conferences.computeIfAbsent(conferenceId,
                    id -> new DefaultConference(id, options, media.leastLoaded(), clock,
                            tuning.conferenceIdleNanos(), gone -> {
                                if (conferences.remove(gone.id(), gone)) {
                                    statistics.retire(gone);
                                }
                            }));
            if (c.handOut()) {
                return c;
            }
            conferences.remove(conferenceId, c); // the sweeper closed it just now: make a new one
        }
    }

    /**
     * Closes conferences that have been empty, and not handed out by {@link #conference}, for
     * the idle grace ({@link BridgeTuning#conferenceIdleMs()}). Runs every
     * {@link BridgeTuning#idleSweepMs()} on a media clock thread; tests call it directly.
     *
     * @return how many closed
     */
    public int closeIdleConferences() {
        long now = clock.getAsLong();
        int closedNow = 0;
        for (DefaultConference c : conferences.values()) {
            if (c.closeIfIdle(now)) {
                log.debug("{} closed after {} ms without participants", c, tuning.conferenceIdleMs());
                closedNow++;
            }
        }
        return closedNow;
    }

    @Override
    public Optional<Conference> findConference(String conferenceId) {
        return Optional.ofNullable(conferences.get(conferenceId));
    }

    /** The prompts, tones and silence encoded once and shared by this bridge's legs (for tests). */
    public EncodedPlaybackCache encodedPlayback() {
        return context.encoded();
    }

    @Override
    public double loadRatio() {
        return media.loadRatio();
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
        idleSweep.cancel();
        media.close();
        if (tcpMedia != null) {
            tcpMedia.close();
        }
        transport.close();
        events.close();
    }
}
