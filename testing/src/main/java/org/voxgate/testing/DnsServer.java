package org.voxgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server on loopback for tests (RFC 1035 section 4.1 wire format), over
 * UDP and, on the same port, TCP (RFC 1035 section 4.2.2: a 2-byte length before each message):
 * it answers A, AAAA, SRV (RFC 2782) and NAPTR (RFC 3403) questions from records added to it,
 * with AA set and no name compression. A CNAME is answered with the records of its target
 * appended (one level, as a recursive server would). A name it has no records for at all gets
 * NXDOMAIN with an SOA in the authority section (its MINIMUM is the negative TTL, RFC 2308),
 * a known name without records of the asked type gets an empty NOERROR answer with that SOA.
 * With {@link #truncateUdp(boolean)} every UDP answer comes back empty with TC set, so the
 * client must ask again over TCP ({@link #cutUdp(boolean)}: cut in the middle of a record). A malformed query is dropped and counted. One thread per
 * transport; {@link #close()} stops them.
 *
 * <pre>
 *  header: ID 16 | QR Opcode(4) AA TC RD RA Z(3) RCODE(4) | QDCOUNT | ANCOUNT | NSCOUNT | ARCOUNT
 *  question: QNAME (labels, zero byte) | QTYPE 16 | QCLASS 16
 *  answer RR: NAME | TYPE 16 | CLASS 16 | TTL 32 | RDLENGTH 16 | RDATA
 * </pre>
 */
public final class DnsServer implements AutoCloseable {
    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int TYPE_NAPTR = 35;
    /** Negative TTL of the SOA we put in NXDOMAIN and empty answers. */
    public static final int NEGATIVE_TTL_SECONDS = 30;

    private record Rr(int type, int ttlSeconds, byte[] rdata) {}

    /** One question as the server read it. */
    public record Question(String name, int type) {}

    private final DatagramSocket socket;
    private final java.net.ServerSocket tcp;
    private final Thread tcpThread;
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private volatile boolean truncateUdp;
    private volatile boolean cutUdp;
    private final Map<String, List<Rr>> records = new ConcurrentHashMap<>();
    private final List<Question> questions = new CopyOnWriteArrayList<>();
    private final AtomicInteger malformed = new AtomicInteger();
    private final Thread thread;

    private DnsServer(DatagramSocket socket, java.net.ServerSocket tcp) {
        this.socket = socket;
        this.tcp = tcp;
        this.thread = new Thread(this::serve, "dns-server-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        this.tcpThread = new Thread(this::serveTcp, "dns-server-tcp-" + socket.getLocalPort());
        tcpThread.setDaemon(true);
        tcpThread.start();
    }

    /** A server on 127.0.0.1 and a port free for both UDP and TCP. */
    public static DnsServer start() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try {
                java.net.ServerSocket tcp = new java.net.ServerSocket();
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), udp.getLocalPort()));
                return new DnsServer(udp, tcp);
            } catch (IOException e) {
                udp.close(); // that port is taken for TCP: draw another
                last = e;
            }
        }
        throw last;
    }

    /** From now on, UDP answers are empty with TC (truncated) set; TCP answers stay whole. */
    public DnsServer truncateUdp(boolean truncate) {
        this.truncateUdp = truncate;
        return this;
    }

    /**
     * From now on, UDP answers have TC set and lose their last 5 bytes, so they end in the middle
     * of a record (RFC 2181 section 9 allows a server to cut anywhere); TCP answers stay whole.
     */
    public DnsServer cutUdp(boolean cut) {
        this.cutUdp = cut;
        return this;
    }

    /** Queries that came over TCP. */
    public int tcpQueries() {
        return tcpQueries.get();
    }

    /** Adds a CNAME: {@code name} is an alias of {@code target}. */
    public DnsServer cname(String name, String target, int ttlSeconds) {
        return add(name, new Rr(TYPE_CNAME, ttlSeconds, encodeName(target)));
    }

    /** "127.0.0.1:port", as a DNS server setting names it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Adds an A or AAAA record (by the literal's family). */
    public DnsServer address(String name, String literal, int ttlSeconds) throws IOException {
        byte[] a = InetAddress.getByName(literal).getAddress(); // literals only: no lookup
        return add(name, new Rr(a.length == 4 ? TYPE_A : TYPE_AAAA, ttlSeconds, a));
    }

    /** Adds an SRV record; {@code target} "." is the root (service not available). */
    public DnsServer srv(String name, int priority, int weight, int port, String target, int ttlSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put16(out, priority);
        put16(out, weight);
        put16(out, port);
        out.writeBytes(encodeName(target));
        return add(name, new Rr(TYPE_SRV, ttlSeconds, out.toByteArray()));
    }

    /** Adds a NAPTR record. */
    public DnsServer naptr(String name, int order, int preference, String flags, String service, String regexp,
                           String replacement, int ttlSeconds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put16(out, order);
        put16(out, preference);
        for (String s : new String[] {flags, service, regexp}) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.writeBytes(encodeName(replacement));
        return add(name, new Rr(TYPE_NAPTR, ttlSeconds, out.toByteArray()));
    }

    /** Forgets every record of {@code name}. */
    public void remove(String name) {
        records.remove(key(name));
    }

    /** Questions asked so far, in order. */
    public List<Question> questions() {
        return List.copyOf(questions);
    }

    /** How many questions for {@code name} and {@code type} were asked. */
    public long asked(String name, int type) {
        String k = key(name);
        return questions.stream().filter(q -> q.name().equals(k) && q.type() == type).count();
    }

    /** Queries dropped because they could not be read. */
    public int malformed() {
        return malformed.get();
    }

    private DnsServer add(String name, Rr rr) {
        records.computeIfAbsent(key(name), k -> new CopyOnWriteArrayList<>()).add(rr);
        return this;
    }

    private void serve() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] response = answer(buf, p.getLength(), truncateUdp);
                if (response == null) {
                    malformed.incrementAndGet();
                    continue;
                }
                if (cutUdp && response.length > 17) {
                    response = java.util.Arrays.copyOf(response, response.length - 5);
                    response[2] |= 0x02; // TC
                }
                socket.send(new DatagramPacket(response, response.length, p.getSocketAddress()));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                // one bad exchange: keep serving
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try (java.net.Socket s = tcp.accept()) {
                s.setSoTimeout(2000);
                java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
                java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
                while (true) {
                    int length;
                    try {
                        length = in.readUnsignedShort();
                    } catch (java.io.EOFException | java.net.SocketTimeoutException e) {
                        break;
                    }
                    byte[] q = new byte[length];
                    in.readFully(q);
                    tcpQueries.incrementAndGet();
                    byte[] response = answer(q, length, false);
                    if (response == null) {
                        malformed.incrementAndGet();
                        break;
                    }
                    out.writeShort(response.length);
                    out.write(response);
                    out.flush();
                }
            } catch (IOException e) {
                // closed, or one bad connection: keep serving while open
            }
        }
    }

    /**
     * The response to the query in {@code q[0..length)}, or null when it is not a standard query
     * with one readable question. Public so that a fuzz test can drive it without a socket.
     */
    public byte[] answer(byte[] q, int length) {
        return answer(q, length, false);
    }

    private byte[] answer(byte[] q, int length, boolean truncate) {
        if (length < 12 || length > q.length) {
            return null;
        }
        int flags = u16(q, 2);
        int qdCount = u16(q, 4);
        if ((flags & 0x8000) != 0 || ((flags >>> 11) & 0xF) != 0 || qdCount != 1) {
            return null; // a response, another opcode, or not one question
        }
        int p = 12;
        StringBuilder name = new StringBuilder();
        while (true) {
            if (p >= length) {
                return null;
            }
            int len = q[p] & 0xFF;
            if (len == 0) {
                p++;
                break;
            }
            if (len > 63 || p + 1 + len > length || name.length() + len + 1 > 255) {
                return null; // a label too long, compressed (no earlier name to point to) or past the end
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(q, p + 1, len, StandardCharsets.US_ASCII));
            p += 1 + len;
        }
        if (p + 4 > length) {
            return null;
        }
        int type = u16(q, p);
        int questionEnd = p + 4;
        String k = key(name.toString());
        questions.add(new Question(k, type));
        List<Rr> all = records.get(k);
        List<byte[]> owners = new ArrayList<>();
        List<Rr> matching = new ArrayList<>();
        if (all != null) {
            for (Rr rr : all) {
                if (rr.type == type) {
                    matching.add(rr);
                    owners.add(encodeName(k));
                }
            }
            if (matching.isEmpty() && type != TYPE_CNAME) {
                for (Rr rr : all) {
                    if (rr.type == TYPE_CNAME) { // the alias, then its target's records
                        matching.add(rr);
                        owners.add(encodeName(k));
                        String target = decodeName(rr.rdata);
                        for (Rr t : records.getOrDefault(target, List.of())) {
                            if (t.type == type) {
                                matching.add(t);
                                owners.add(encodeName(target));
                            }
                        }
                        break;
                    }
                }
            }
        }
        if (truncate) {
            matching.clear();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        put16(out, u16(q, 0));
        int rcode = all == null ? 3 : 0; // NXDOMAIN for a name we do not know
        put16(out, 0x8000 | 0x0400 | (truncate ? 0x0200 : 0) | (flags & 0x0100) | rcode); // QR, AA, TC, RD copied
        put16(out, 1);
        put16(out, matching.size());
        put16(out, matching.isEmpty() && !truncate ? 1 : 0);
        put16(out, 0);
        out.write(q, 12, questionEnd - 12);
        for (int i = 0; i < matching.size(); i++) {
            Rr rr = matching.get(i);
            writeRr(out, owners.get(i), rr.type, rr.ttlSeconds, rr.rdata);
        }
        if (matching.isEmpty() && !truncate) {
            ByteArrayOutputStream soa = new ByteArrayOutputStream();
            soa.writeBytes(encodeName("ns.test"));
            soa.writeBytes(encodeName("hostmaster.test"));
            for (int v : new int[] {1, 3600, 600, 86_400, NEGATIVE_TTL_SECONDS}) {
                put32(soa, v);
            }
            writeRr(out, encodeName("test"), TYPE_SOA, NEGATIVE_TTL_SECONDS, soa.toByteArray());
        }
        return out.toByteArray();
    }

    private static void writeRr(ByteArrayOutputStream out, byte[] owner, int type, int ttl, byte[] rdata) {
        out.writeBytes(owner);
        put16(out, type);
        put16(out, 1); // IN
        put32(out, ttl);
        put16(out, rdata.length);
        out.writeBytes(rdata);
    }

    /** Labels ending in the root; "." or "" is the root alone. */
    static byte[] encodeName(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.")) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                out.write(b.length);
                out.writeBytes(b);
            }
        }
        out.write(0);
        return out.toByteArray();
    }

    /** A name we encoded ourselves (no compression) back to text. */
    private static String decodeName(byte[] b) {
        StringBuilder sb = new StringBuilder();
        int p = 0;
        while (p < b.length && b[p] != 0) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(new String(b, p + 1, b[p], StandardCharsets.US_ASCII));
            p += 1 + b[p];
        }
        return key(sb.toString());
    }

    private static String key(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return n.toLowerCase(Locale.ROOT);
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }

    private static void put16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    private static void put32(ByteArrayOutputStream out, int v) {
        put16(out, v >>> 16);
        put16(out, v & 0xFFFF);
    }

    @Override
    public void close() {
        socket.close();
        try {
            tcp.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            thread.join(2000);
            tcpThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
