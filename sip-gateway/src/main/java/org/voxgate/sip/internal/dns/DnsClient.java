package org.voxgate.sip.internal.dns;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A stub resolver's transport: one query to the configured servers in turn, over UDP from a
 * fresh socket (a random source port and a random 16-bit id, RFC 5452 section 9.2), and over
 * TCP when the answer is truncated (RFC 7766 section 5). A response whose id, question or QR bit
 * does not match is ignored, and we keep listening until the timeout. Blocking; call it off
 * the SIP stack's threads. Thread-safe.
 */
public final class DnsClient {
    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int attempts;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param servers  asked in this order; never empty
     * @param timeout  wait per server and attempt
     * @param attempts rounds over all servers, at least 1
     */
    public DnsClient(List<InetSocketAddress> servers, Duration timeout, int attempts) {
        this.servers = List.copyOf(servers);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (this.servers.isEmpty() || attempts < 1) {
            throw new IllegalArgumentException("need at least one server and one attempt");
        }
        this.attempts = attempts;
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    /**
     * The response to a query for {@code name} and {@code type}: the first well-formed, matching
     * response from any server (NXDOMAIN included; SERVFAIL and REFUSED move on to the next server).
     *
     * @throws IOException when no server gave a usable response in time
     */
    public DnsWire.Message query(String name, int type) throws IOException {
        IOException last = null;
        for (int a = 0; a < attempts; a++) {
            for (InetSocketAddress server : servers) {
                try {
                    DnsWire.Message m = udp(server, name, type);
                    if (m.truncated()) {
                        m = tcp(server, name, type);
                    }
                    if (m.rcode() == 0 || m.rcode() == DnsWire.RCODE_NXDOMAIN) {
                        return m;
                    }
                    last = new IOException("DNS server " + server + " answered RCODE " + m.rcode());
                } catch (IOException e) {
                    last = e;
                }
            }
        }
        throw last != null ? last : new IOException("no DNS server");
    }

    private DnsWire.Message udp(InetSocketAddress server, String name, int type) throws IOException {
        int id = random.nextInt(0x10000);
        byte[] query = DnsWire.query(id, name, type);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server); // only the server's datagrams reach us
            socket.send(new DatagramPacket(query, query.length));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buf = new byte[DnsWire.EDNS_PAYLOAD_BYTES * 4];
            while (true) {
                long leftMs = (deadline - System.nanoTime()) / 1_000_000;
                if (leftMs <= 0) {
                    throw new SocketTimeoutException("no answer from DNS server " + server + " for " + name);
                }
                socket.setSoTimeout((int) Math.max(1, leftMs));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                DnsWire.Message m = matching(buf, p.getLength(), id, name, type);
                if (m != null) {
                    return m;
                }
            }
        }
    }

    private DnsWire.Message tcp(InetSocketAddress server, String name, int type) throws IOException {
        int id = random.nextInt(0x10000);
        byte[] query = DnsWire.query(id, name, type);
        try (Socket s = new Socket()) {
            s.connect(server, (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            byte[] framed = new byte[query.length + 2]; // RFC 1035 section 4.2.2: a 2-byte length first
            framed[0] = (byte) (query.length >>> 8);
            framed[1] = (byte) query.length;
            System.arraycopy(query, 0, framed, 2, query.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readUnsignedShort();
            byte[] buf = new byte[length];
            in.readFully(buf);
            DnsWire.Message m = matching(buf, length, id, name, type);
            if (m == null) {
                throw new IOException("DNS server " + server + " answered another question over TCP");
            }
            return m;
        }
    }

    /**
     * The response if it answers our query, else null (a stray or forged datagram, or garbage).
     * A truncated response cut in the middle of a record (RFC 2181 section 9 lets a server do
     * that) comes back as an empty truncated message when its header matches, so that we ask
     * again over TCP.
     */
    private static DnsWire.Message matching(byte[] buf, int length, int id, String name, int type) {
        String want = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        try {
            DnsWire.Message m = DnsWire.parse(buf, length);
            if (m.response() && m.id() == id && m.questionType() == type && want.equals(m.questionName())) {
                return m;
            }
            return null;
        } catch (DnsFormatException e) {
            boolean truncatedReply = length >= 12 && ((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)) == id
                    && (buf[2] & 0x80) != 0 && (buf[2] & 0x02) != 0; // QR and TC
            return truncatedReply ? new DnsWire.Message(id, true, true, 0, want, type, List.of(), List.of(), List.of())
                    : null;
        }
    }
}
