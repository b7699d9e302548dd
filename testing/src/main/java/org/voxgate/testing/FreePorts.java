package org.voxgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for tests on loopback, free at the moment they are chosen. */
public final class FreePorts {
    private FreePorts() {}

    /** A port free for both UDP and TCP on loopback (SIP listens on both). */
    public static int udpAndTcp() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
            if (freeUdp(port) && freeTcp(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free UDP+TCP port found");
    }

    /**
     * The first port of {@code count} consecutive UDP ports that are free now, starting even
     * (an RTP range).
     */
    public static int udpRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(30_000, 60_000 - count) & ~1;
            boolean ok = true;
            for (int p = base; p < base + count && ok; p++) {
                ok = freeUdp(p);
            }
            if (ok) {
                return base;
            }
        }
        throw new IllegalStateException("no free UDP range of " + count + " ports found");
    }

    private static boolean freeUdp(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean freeTcp(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** An ephemeral UDP port chosen by the kernel. */
    public static int anyUdp() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
