package org.voxgate.bridge.internal.codec;

import java.lang.ref.Cleaner;

import club.minnced.opus.util.OpusLibrary;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voxgate.bridge.internal.clock.MediaClock;
import tomp2p.opuswrapper.Opus;

/**
 * Whether native libopus (bundled by opus-java for the common platforms, loaded through JNA)
 * can be used here. Checked once; when it cannot load, {@link #available()} is false,
 * {@link #problem()} says why, and the bridge offers only the codecs it has.
 */
public final class OpusSupport {
    private static final Logger log = LoggerFactory.getLogger(OpusSupport.class);
    /** Frees encoder and decoder states that were not closed explicitly. */
    static final Cleaner CLEANER = Cleaner.create();

    private static final String PROBLEM = load();
    private static final java.util.concurrent.atomic.AtomicLong CREATED_ON_CLOCK =
            new java.util.concurrent.atomic.AtomicLong();

    private OpusSupport() {}

    private static String load() {
        try {
            if (!OpusLibrary.isInitialized() && !OpusLibrary.loadFromJar()) {
                return "opus-java has no libopus for this platform (" + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + ")";
            }
            Opus.INSTANCE.opus_encoder_get_size(1); // a first call into the library proves it links
            return null;
        } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, IOException
            return "libopus did not load: " + e;
        }
    }

    /** Whether Opus encoders and decoders can be created. */
    public static boolean available() {
        return PROBLEM == null;
    }

    /** Why Opus is unavailable, or null. */
    public static String problem() {
        return PROBLEM;
    }

    /** Counts a libopus state made on a media clock thread (where its set-up delays every mix). */
    static void noteCreated() {
        if (Thread.currentThread().getName().startsWith(MediaClock.THREAD_NAME_PREFIX)) {
            CREATED_ON_CLOCK.incrementAndGet();
        }
    }

    /**
     * Opus encoders and decoders made on a media clock thread so far, in this process. A leg's
     * own states are made when its session is negotiated and a conference member's mix encoder
     * when it joins, both on the caller's thread; what is left on a clock thread is a new
     * sharing group's encoder (the first listener of a codec in a meeting) and re-creation after
     * the mix rate changed. For tests.
     */
    public static long statesCreatedOnClockThreads() {
        return CREATED_ON_CLOCK.get();
    }

    static void logOnce() {
        if (PROBLEM != null) {
            log.warn("Opus disabled: {}", PROBLEM);
        }
    }
}
