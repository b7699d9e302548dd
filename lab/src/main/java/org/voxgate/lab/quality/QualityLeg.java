package org.voxgate.lab.quality;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ThreadLocalRandom;

import org.voxgate.lab.g711.MuLawCodec;
import org.voxgate.lab.load.MediaEndpoint;

/**
 * One RTP endpoint of the quality meter: every 20 ms slot after {@link #start} it sends PCMU
 * (silence, the keys as in-band DTMF, or what its {@link Script} gives) or RFC 4733 events for
 * the keys, each packet through an {@link ImpairmentGenerator} (dropped or delayed); a receive
 * thread lays what comes back on a {@link Recording}.
 *
 * <pre>
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |V=2|P|X|  CC   |M|     PT      |       sequence number         |  RFC 3550 5.1
 *  |                           timestamp                           |
 *  |                             SSRC                              |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |     event     |E|R| volume    |          duration             |  RFC 4733 2.3 (PT 101)
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Slots and packets are made on the {@link QualitySender}'s thread; {@link #start} publishes
 * through volatile fields.
 */
public final class QualityLeg implements MediaEndpoint {
    /** How the keys go out. */
    public enum KeyMode { RFC4733, INBAND }

    /** What to send in a slot once the keys are typed. */
    public interface Script {
        /**
         * Fills {@code out} (160 samples) for slot {@code slot} (20 ms slots since the start) and
         * returns the impairment for the slot's packet, or null for the leg's own.
         */
        ImpairmentGenerator frame(long slot, short[] out);
    }

    static final long SLOT_NANOS = 20_000_000L;
    private static final int KEY_SLOTS = 5;
    private static final String EVENTS = "0123456789*#ABCD";

    private final DatagramChannel channel;
    private final KeyMode keyMode;
    private final Recording recording;
    private final Thread receiver;
    private final int ssrc = ThreadLocalRandom.current().nextInt();
    private final short[] frame = new short[Recording.FRAME];
    private volatile SocketAddress remote;
    private volatile String keys = "";
    private volatile long keysAtNanos;
    private volatile long epochNanos;
    private volatile boolean stopped;
    private volatile Script script;
    private volatile ImpairmentGenerator impairment;
    private int seq = ThreadLocalRandom.current().nextInt(1 << 16);
    private long timestamp = ThreadLocalRandom.current().nextInt() & 0xFFFF_FFFFL;
    private volatile long nextSlot;
    private long eventTimestamp;
    private long keySlot0 = -1;
    long packetsSent;
    long packetsDropped;
    long lateSlots;

    public QualityLeg(InetAddress local, KeyMode keyMode, int recordSeconds) throws IOException {
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(local, 0));
        this.keyMode = keyMode;
        this.recording = new Recording(recordSeconds);
        this.receiver = new Thread(this::receiveLoop, "lab-quality-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    @Override
    public int localPort() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public void start(SocketAddress to, String typed, long atNanos) {
        this.keys = typed;
        this.keysAtNanos = atNanos;
        this.epochNanos = System.nanoTime();
        this.remote = to;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        stopped = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void script(Script s) {
        this.script = s;
    }

    /** The impairment of every packet the script does not override. */
    public void impairment(ImpairmentGenerator g) {
        this.impairment = g;
    }

    public Recording recording() {
        return recording;
    }

    /** Nominal time of slot {@code slot}; meaningful once started. */
    public long slotNanos(long slot) {
        return epochNanos + slot * SLOT_NANOS;
    }

    /** The first slot whose nominal time is at or after {@code nanos}. */
    public long slotAt(long nanos) {
        return Math.max(0, (nanos - epochNanos + SLOT_NANOS - 1) / SLOT_NANOS);
    }

    // ---------------------------------------------------------------- send side (sender thread)

    /** Makes the packets of every slot due by {@code now} into {@code out}. Sender thread only. */
    void produce(long now, QualitySender.Queue out) {
        SocketAddress to = remote;
        if (to == null || stopped) {
            return;
        }
        if (keySlot0 < 0) {
            keySlot0 = slotAt(keysAtNanos);
        }
        while (slotNanos(nextSlot) <= now && !stopped) {
            long nominal = slotNanos(nextSlot);
            if (now - nominal > SLOT_NANOS / 2) {
                lateSlots++;
            }
            slot(nextSlot, nominal, to, out);
            timestamp = (timestamp + Recording.FRAME) & 0xFFFF_FFFFL;
            nextSlot++;
        }
    }

    /** Nominal time of the next slot to make. */
    long nextSlotNanos() {
        return slotNanos(nextSlot);
    }

    boolean sending() {
        return remote != null && !stopped;
    }

    private void slot(long slot, long nominal, SocketAddress to, QualitySender.Queue out) {
        String k = keys;
        long inKeys = slot - keySlot0;
        ImpairmentGenerator g = impairment;
        if (inKeys >= 0 && inKeys < (long) k.length() * 2 * KEY_SLOTS) {
            int key = (int) (inKeys / (2 * KEY_SLOTS));
            int inKey = (int) (inKeys % (2 * KEY_SLOTS));
            if (inKey < KEY_SLOTS && keyMode == KeyMode.RFC4733) {
                if (inKey == 0) {
                    eventTimestamp = timestamp;
                }
                boolean end = inKey == KEY_SLOTS - 1;
                for (int r = 0; r < (end ? 3 : 1); r++) { // RFC 4733 2.5.1.4: the end packet three times
                    ByteBuffer b = header(inKey == 0 && r == 0, 101, eventTimestamp, 4);
                    b.put((byte) EVENTS.indexOf(k.charAt(key)));
                    b.put((byte) ((end ? 0x80 : 0) | 10)); // volume -10 dBm0
                    b.putShort((short) ((inKey + 1) * Recording.FRAME));
                    out.add(this, to, b.array(), nominal, g);
                }
                return;
            }
            for (int i = 0; i < Recording.FRAME; i++) {
                frame[i] = inKey < KEY_SLOTS ? Signals.dtmf(k.charAt(key), -10, (long) inKey * Recording.FRAME + i) : 0;
            }
        } else if (inKeys >= 0 && script != null) {
            ImpairmentGenerator s = script.frame(slot, frame);
            if (s != null) {
                g = s;
            }
        } else {
            java.util.Arrays.fill(frame, (short) 0);
        }
        ByteBuffer b = header(false, 0, timestamp, Recording.FRAME);
        for (short v : frame) {
            b.put(MuLawCodec.encode(v));
        }
        out.add(this, to, b.array(), nominal, g);
    }

    private ByteBuffer header(boolean marker, int payloadType, long ts, int payloadBytes) {
        ByteBuffer b = ByteBuffer.allocate(12 + payloadBytes);
        b.put((byte) 0x80);
        b.put((byte) ((marker ? 0x80 : 0) | payloadType));
        b.putShort((short) seq);
        b.putInt((int) ts);
        b.putInt(ssrc);
        seq = (seq + 1) & 0xFFFF;
        return b;
    }

    void send(SocketAddress to, byte[] packet) {
        try {
            channel.send(ByteBuffer.wrap(packet), to);
            packetsSent++;
        } catch (IOException e) {
            stopped = true; // closed under us at the end
        }
    }

    // ---------------------------------------------------------------- receive side

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (channel.isOpen()) {
            try {
                buf.clear();
                channel.receive(buf);
            } catch (IOException e) {
                return; // closed
            }
            long now = System.nanoTime();
            buf.flip();
            int n = buf.remaining();
            if (n < 12 || (buf.get(0) & 0xC0) != 0x80) {
                continue;
            }
            int headerBytes = 12 + 4 * (buf.get(0) & 0x0F);
            if ((buf.get(0) & 0x10) != 0 && n >= headerBytes + 4) {
                headerBytes += 4 + 4 * (buf.getShort(headerBytes + 2) & 0xFFFF);
            }
            if (headerBytes >= n || (buf.get(1) & 0x7F) != 0) {
                continue; // not PCMU audio
            }
            recording.onPcmu(buf.getInt(8) & 0xFFFF_FFFFL, buf.getInt(4) & 0xFFFF_FFFFL, buf.array(), headerBytes,
                    n - headerBytes, now);
        }
    }
}
