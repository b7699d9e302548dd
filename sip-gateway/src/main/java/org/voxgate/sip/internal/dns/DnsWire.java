package org.voxgate.sip.internal.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The RFC 1035 section 4.1 wire format, as much as a stub resolver needs: one query out, one
 * response in. Everything read from the response is checked before use; a bad message throws
 * {@link DnsFormatException} with the offset.
 *
 * <pre>
 *  header (section 4.1.1), 12 bytes:
 *   0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  |                      ID                       |
 *  |QR|  Opcode   |AA|TC|RD|RA|   Z    |   RCODE   |
 *  |                    QDCOUNT                    |
 *  |                    ANCOUNT                    |
 *  |                    NSCOUNT                    |
 *  |                    ARCOUNT                    |
 *  +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *  question (4.1.2): QNAME (labels) | QTYPE 16 | QCLASS 16
 *  resource record (4.1.3): NAME | TYPE 16 | CLASS 16 | TTL 32 | RDLENGTH 16 | RDATA
 *  a NAME is labels (length 1..63, then bytes) ending in a zero byte, or ending in a
 *  pointer 11xxxxxx xxxxxxxx to an earlier name (4.1.4, message compression)
 *  SRV RDATA (RFC 2782):   PRIORITY 16 | WEIGHT 16 | PORT 16 | TARGET (name)
 *  NAPTR RDATA (RFC 3403): ORDER 16 | PREFERENCE 16 | FLAGS | SERVICES | REGEXP
 *                          (each a character-string: length byte, bytes) | REPLACEMENT (name)
 * </pre>
 */
public final class DnsWire {
    /** RR types (RFC 1035 section 3.2.2, RFC 3596, RFC 2782, RFC 3403, RFC 6891). */
    public static final int TYPE_A = 1;
    public static final int TYPE_CNAME = 5;
    public static final int TYPE_SOA = 6;
    public static final int TYPE_AAAA = 28;
    public static final int TYPE_SRV = 33;
    public static final int TYPE_NAPTR = 35;
    public static final int TYPE_OPT = 41;
    /** Class IN (RFC 1035 section 3.2.4). */
    public static final int CLASS_IN = 1;
    /** RCODE 3, Name Error: the name does not exist (RFC 1035 section 4.1.1). */
    public static final int RCODE_NXDOMAIN = 3;
    /** The UDP payload size we advertise in OPT (RFC 6891 section 6.2.5; 1232 avoids fragmentation). */
    public static final int EDNS_PAYLOAD_BYTES = 1232;
    /** RFC 1035 section 2.3.4: a name is at most 255 bytes, a label at most 63. */
    static final int MAX_NAME_BYTES = 255;
    static final int MAX_LABEL_BYTES = 63;
    private static final int HEADER_BYTES = 12;

    private DnsWire() {
    }

    /** A parsed response: its id, flags we use, and the records of each section. */
    public record Message(int id, boolean response, boolean truncated, int rcode, String questionName,
                          int questionType, List<ResourceRecord> answers, List<ResourceRecord> authorities,
                          List<ResourceRecord> additionals) {}

    /**
     * A recursive query (RD set) for {@code name} and {@code type}, with an OPT record.
     *
     * @throws IllegalArgumentException when the name has an empty or too long label, or is too long
     */
    public static byte[] query(int id, String name, int type) {
        byte[] qname = encodeName(name);
        byte[] out = new byte[HEADER_BYTES + qname.length + 4 + 11];
        put16(out, 0, id);
        put16(out, 2, 0x0100); // RD
        put16(out, 4, 1);      // QDCOUNT
        put16(out, 10, 1);     // ARCOUNT: the OPT record
        int p = HEADER_BYTES;
        System.arraycopy(qname, 0, out, p, qname.length);
        p += qname.length;
        put16(out, p, type);
        put16(out, p + 2, CLASS_IN);
        p += 4;
        out[p] = 0;                             // OPT: root name
        put16(out, p + 1, TYPE_OPT);
        put16(out, p + 3, EDNS_PAYLOAD_BYTES);  // CLASS carries the payload size
        // TTL (extended RCODE, version 0, flags 0) and RDLENGTH 0 are already zero
        return out;
    }

    /** {@code name} as labels ending in the root label; a trailing dot is allowed. */
    public static byte[] encodeName(String name) {
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        byte[] out = new byte[n.length() + 2];
        int p = 0;
        if (!n.isEmpty()) {
            for (String label : n.split("\\.", -1)) {
                byte[] b = label.getBytes(StandardCharsets.US_ASCII);
                if (b.length == 0 || b.length > MAX_LABEL_BYTES) {
                    throw new IllegalArgumentException("bad label in " + name);
                }
                out[p++] = (byte) b.length;
                System.arraycopy(b, 0, out, p, b.length);
                p += b.length;
            }
        }
        out[p++] = 0;
        if (p > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name longer than 255 bytes: " + name);
        }
        return java.util.Arrays.copyOf(out, p);
    }

    /** Reads a whole message of {@code length} bytes. */
    public static Message parse(byte[] msg, int length) throws DnsFormatException {
        if (length < HEADER_BYTES || length > msg.length) {
            throw new DnsFormatException("message shorter than its header", 0);
        }
        int id = u16(msg, 0, length);
        int flags = u16(msg, 2, length);
        int qd = u16(msg, 4, length);
        int an = u16(msg, 6, length);
        int ns = u16(msg, 8, length);
        int ar = u16(msg, 10, length);
        int[] pos = {HEADER_BYTES};
        String qname = null;
        int qtype = -1;
        for (int i = 0; i < qd; i++) {
            String n = readName(msg, length, pos);
            int t = u16(msg, pos[0], length);
            u16(msg, pos[0] + 2, length);
            pos[0] += 4;
            if (i == 0) {
                qname = n;
                qtype = t;
            }
        }
        List<ResourceRecord> answers = records(msg, length, pos, an);
        List<ResourceRecord> authorities = records(msg, length, pos, ns);
        List<ResourceRecord> additionals = records(msg, length, pos, ar);
        return new Message(id, (flags & 0x8000) != 0, (flags & 0x0200) != 0, flags & 0x000F, qname, qtype,
                answers, authorities, additionals);
    }

    private static List<ResourceRecord> records(byte[] msg, int length, int[] pos, int count)
            throws DnsFormatException {
        List<ResourceRecord> out = new ArrayList<>(Math.min(count, 64));
        for (int i = 0; i < count; i++) {
            String name = readName(msg, length, pos);
            int p = pos[0];
            int type = u16(msg, p, length);
            int klass = u16(msg, p + 2, length);
            long ttl = u32(msg, p + 4, length);
            int rdLength = u16(msg, p + 8, length);
            int rdStart = p + 10;
            int rdEnd = rdStart + rdLength;
            if (rdEnd > length) {
                throw new DnsFormatException("RDLENGTH " + rdLength + " past the end", p + 8);
            }
            Object data = klass == CLASS_IN || type == TYPE_OPT ? rdata(msg, rdEnd, rdStart, type) : null;
            pos[0] = rdEnd;
            // RFC 2181 section 8: a TTL with the top bit set is treated as zero
            out.add(new ResourceRecord(name, type, ttl > Integer.MAX_VALUE ? 0 : ttl, data));
        }
        return out;
    }

    /** RDATA of the types we use; names inside may point anywhere earlier in the message. */
    private static Object rdata(byte[] msg, int rdEnd, int p, int type) throws DnsFormatException {
        int[] pos = {p};
        Object data;
        switch (type) {
            case TYPE_A, TYPE_AAAA -> {
                int size = type == TYPE_A ? 4 : 16;
                if (rdEnd - p != size) {
                    throw new DnsFormatException("address RDATA of " + (rdEnd - p) + " bytes", p);
                }
                try {
                    return InetAddress.getByAddress(java.util.Arrays.copyOfRange(msg, p, rdEnd));
                } catch (UnknownHostException e) {
                    throw new DnsFormatException("bad address", p); // cannot happen for 4 or 16 bytes
                }
            }
            case TYPE_CNAME -> data = readName(msg, rdEnd, pos);
            case TYPE_SRV -> {
                int priority = u16(msg, p, rdEnd);
                int weight = u16(msg, p + 2, rdEnd);
                int port = u16(msg, p + 4, rdEnd);
                pos[0] = p + 6;
                data = new ResourceRecord.Srv(priority, weight, port, readName(msg, rdEnd, pos));
            }
            case TYPE_NAPTR -> {
                int order = u16(msg, p, rdEnd);
                int preference = u16(msg, p + 2, rdEnd);
                pos[0] = p + 4;
                String flags = characterString(msg, rdEnd, pos);
                String service = characterString(msg, rdEnd, pos);
                String regexp = characterString(msg, rdEnd, pos);
                data = new ResourceRecord.Naptr(order, preference, flags, service, regexp,
                        readName(msg, rdEnd, pos));
            }
            case TYPE_SOA -> {
                String mname = readName(msg, rdEnd, pos);
                readName(msg, rdEnd, pos); // RNAME
                if (pos[0] + 20 > rdEnd) { // SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM
                    throw new DnsFormatException("SOA fields past RDATA", pos[0]);
                }
                data = new ResourceRecord.Soa(mname, u32(msg, pos[0] + 16, rdEnd)); // after 4 x 32-bit fields
                pos[0] += 20;
            }
            default -> {
                return null;
            }
        }
        if (pos[0] != rdEnd) {
            throw new DnsFormatException("RDATA of type " + type + " does not fill RDLENGTH", pos[0]);
        }
        return data;
    }

    private static String characterString(byte[] msg, int end, int[] pos) throws DnsFormatException {
        int p = pos[0];
        if (p >= end) {
            throw new DnsFormatException("character-string past RDATA", p);
        }
        int len = msg[p] & 0xFF;
        if (p + 1 + len > end) {
            throw new DnsFormatException("character-string of " + len + " bytes past RDATA", p);
        }
        pos[0] = p + 1 + len;
        return new String(msg, p + 1, len, StandardCharsets.US_ASCII);
    }

    /**
     * A name at {@code pos[0]} (RFC 1035 section 4.1.4), lower case, no trailing dot ("" for the
     * root); {@code pos[0]} moves past it (past the first pointer when compressed). The labels
     * before a pointer must lie before {@code end}; a pointer must point backwards, so a loop
     * cannot happen.
     */
    static String readName(byte[] msg, int end, int[] pos) throws DnsFormatException {
        StringBuilder sb = new StringBuilder();
        int p = pos[0];
        int limit = end;        // labels of the current stretch must end before this
        int after = -1;         // where the caller continues once we followed a pointer
        int nameBytes = 1;
        while (true) {
            if (p >= limit) {
                throw new DnsFormatException("name runs past its end", p);
            }
            int len = msg[p] & 0xFF;
            if (len == 0) {
                pos[0] = after >= 0 ? after : p + 1;
                return sb.toString().toLowerCase(Locale.ROOT);
            }
            if ((len & 0xC0) == 0xC0) {
                if (p + 1 >= limit) {
                    throw new DnsFormatException("pointer cut short", p);
                }
                int target = ((len & 0x3F) << 8) | (msg[p + 1] & 0xFF);
                if (target >= p || target < HEADER_BYTES) {
                    throw new DnsFormatException("pointer to " + target + " is not backwards", p);
                }
                if (after < 0) {
                    after = p + 2;
                }
                limit = p; // the name pointed to ends before this pointer
                p = target;
                continue;
            }
            if ((len & 0xC0) != 0) {
                throw new DnsFormatException("reserved label type", p);
            }
            if (p + 1 + len > limit) {
                throw new DnsFormatException("label of " + len + " bytes past the end", p);
            }
            nameBytes += len + 1;
            if (nameBytes > MAX_NAME_BYTES) {
                throw new DnsFormatException("name longer than 255 bytes", p);
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            for (int i = p + 1; i <= p + len; i++) {
                int c = msg[i] & 0xFF;
                sb.append(c > 0x20 && c < 0x7F && c != '.' ? (char) c : '?');
            }
            p += 1 + len;
        }
    }

    static int u16(byte[] msg, int p, int end) throws DnsFormatException {
        if (p < 0 || p + 2 > end) {
            throw new DnsFormatException("16-bit field past the end", p);
        }
        return ((msg[p] & 0xFF) << 8) | (msg[p + 1] & 0xFF);
    }

    static long u32(byte[] msg, int p, int end) throws DnsFormatException {
        if (p < 0 || p + 4 > end) {
            throw new DnsFormatException("32-bit field past the end", p);
        }
        return ((long) u16(msg, p, end) << 16) | u16(msg, p + 2, end);
    }

    private static void put16(byte[] out, int p, int v) {
        out[p] = (byte) (v >>> 8);
        out[p + 1] = (byte) v;
    }
}
