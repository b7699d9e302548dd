package org.voxgate.lab.trunk;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One SIP OPTIONS request to a carrier host (RFC 3261 section 11) over UDP, TCP or TLS, and the
 * status of the first final answer. UDP retransmits at 0.5, 1 and 2 s (timer E). TLS checks the
 * carrier's certificate against the given trust and the host name, as the gateway does.
 */
final class OptionsPing {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** @param status the final status, 0 for none; {@code error} says why when 0 */
    record Result(int status, String statusLine, String error) {}

    private OptionsPing() {}

    static Result ping(String host, InetAddress address, int port, String transport, Duration timeout,
                       SSLContext tls) {
        String branch = "z9hG4bK" + token();
        String callId = token() + "@voxgate-lab";
        try {
            return switch (transport) {
                case "udp" -> udp(address, port, request(host, port, "UDP", branch, callId), timeout);
                case "tcp" -> stream(new Socket(), host, address, port, request(host, port, "TCP", branch, callId),
                        timeout);
                case "tls" -> stream(tlsSocket(tls, host), host, address, port,
                        request(host, port, "TLS", branch, callId), timeout);
                default -> new Result(0, null, "unknown transport " + transport);
            };
        } catch (IOException e) {
            return new Result(0, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String request(String host, int port, String viaTransport, String branch, String callId) {
        return "OPTIONS sip:" + host + ":" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + viaTransport + " 0.0.0.0:9;branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:trunk-test@voxgate.invalid>;tag=" + token() + "\r\n"
                + "To: <sip:" + host + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "User-Agent: Voxgate lab trunk-test\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static Result udp(InetAddress address, int port, String message, Duration timeout) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = 500;
        try (DatagramSocket s = new DatagramSocket()) {
            byte[] buf = new byte[65_535];
            while (true) {
                s.send(new DatagramPacket(bytes, bytes.length, address, port));
                long nextSend = System.nanoTime() + interval * 1_000_000L;
                while (true) {
                    long wait = Math.min(nextSend, deadline) - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    s.setSoTimeout((int) Math.max(1, wait / 1_000_000L));
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    } catch (java.net.PortUnreachableException e) {
                        return new Result(0, null, "ICMP port unreachable: nothing listens on " + port);
                    }
                    Result r = finalStatus(new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
                    if (r != null) {
                        return r;
                    }
                }
                if (System.nanoTime() >= deadline) {
                    return new Result(0, null, "no answer in " + timeout.toMillis() + " ms");
                }
                interval = Math.min(interval * 2, 4000);
            }
        }
    }

    private static Result stream(Socket s, String host, InetAddress address, int port, String message,
                                 Duration timeout) throws IOException {
        try (s) {
            s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            s.setSoTimeout((int) timeout.toMillis());
            if (s instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            OutputStream out = s.getOutputStream();
            out.write(message.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] buf = new byte[4096];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    break;
                }
                if (n < 0) {
                    break;
                }
                text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                // answers are split at blank lines; provisional ones are skipped
                for (String part : text.toString().split("\r\n\r\n")) {
                    Result r = finalStatus(part);
                    if (r != null) {
                        return r;
                    }
                }
            }
            return new Result(0, null, "no answer in " + timeout.toMillis() + " ms");
        }
    }

    private static SSLSocket tlsSocket(SSLContext tls, String host) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket();
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        p.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 5922 host checks: the name must be in the certificate
        if (!Character.isDigit(host.charAt(0)) && !host.contains(":")) {
            p.setServerNames(java.util.List.of(new SNIHostName(host)));
        }
        s.setSSLParameters(p);
        return s;
    }

    /** The status of a final response (2xx-6xx), or null for a provisional one or anything else. */
    static Result finalStatus(String message) {
        int eol = message.indexOf("\r\n");
        String line = eol < 0 ? message : message.substring(0, eol);
        if (!line.startsWith("SIP/2.0 ") || line.length() < 11) {
            return null;
        }
        try {
            int status = Integer.parseInt(line.substring(8, 11));
            return status >= 200 && status < 700 ? new Result(status, line, null) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String token() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
