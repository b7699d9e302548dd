package org.voxgate.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.MediaBridge;
import org.voxgate.sip.fake.FakeDirectory;
import org.voxgate.sip.fake.LoopbackBridge;
import org.voxgate.sip.sipp.Sipp;
import org.voxgate.srtp.DtlsCertificate;
import org.voxgate.srtp.SdesCrypto;
import org.voxgate.srtp.SrtpProfile;
import org.voxgate.testing.Peers;

/**
 * SIP over TLS and the SDES policy with the real audio bridge: an SDES offer over TLS is
 * answered with our own key and a sips: Contact; the same offer over plain UDP (SIPp) gets 488
 * with Warning 302 and no key.
 */
class SecureCallsIT {
    private MediaBridge bridge;
    private SipGateway gateway;
    private int port;
    private int tlsPort;
    private X509Certificate serverCert;
    private final List<CallRecord> records = new CopyOnWriteArrayList<>();

    /** A self-signed identity, as the server generates one on first start. */
    static SipTls selfSigned() throws Exception {
        DtlsCertificate c = DtlsCertificate.generateSelfSigned("voxgate-test", Duration.ofDays(1));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(c.der()));
        return new SipTls(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(c.privateKeyPkcs8())),
                List.of(cert));
    }

    @BeforeEach
    void start() throws Exception {
        port = Sipp.freePort();
        tlsPort = Sipp.freePort();
        bridge = LoopbackBridge.create(100);
        SipTls tls = selfSigned();
        serverCert = tls.chain().get(0);
        gateway = new SipGateway(SipConfig.defaults("127.0.0.1", "127.0.0.1").withPorts(port, port).withTls(tlsPort, tls),
                bridge, new FakeDirectory().add(new Meeting("m-open", "1234", null, null, 10)), records::add);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.close();
        bridge.close();
    }

    @Test
    void sdesOfferOverPlainUdpIsRefusedWith488AndWarning302() throws Exception {
        Sipp.Result r = Sipp.run("sdes-over-udp.xml", port, Map.of(), List.of("-mp", Integer.toString(Sipp.freePort())));
        assertThat(r.passed()).as(r.toString()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> bridge.openLegs() == 0);
    }

    @Test
    void sdesOfferOverTlsIsAnsweredWithOurKeyAndASipsContact() throws Exception {
        call("sips:conf@127.0.0.1:" + tlsPort, "(?i)Contact: <sips:voxgate@127\\.0\\.0\\.1:" + tlsPort + ">");
    }

    @Test
    void aSipUriOverTlsGetsATransportTlsContact() throws Exception {
        call("sip:conf@127.0.0.1:" + tlsPort + ";transport=tls",
                "(?i)Contact: <sip:voxgate@127\\.0\\.0\\.1:" + tlsPort + ";transport=tls>");
    }

    private void call(String requestUri, String contactPattern) throws Exception {
        try (SSLSocket s = connect(); SdesCrypto ours = SdesCrypto.generate(7, SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                new SecureRandom())) {
            assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(s.getSession().getPeerCertificates()[0]).isEqualTo(serverCert);
            int local = s.getLocalPort();
            String sdp = "v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio 40000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n" + ours.toAttributeLine() + "\r\na=sendrecv\r\n";
            String callId = "tls-" + System.nanoTime();
            send(s, "INVITE " + requestUri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TLS 127.0.0.1:" + local + ";branch=z9hG4bK-" + callId + "\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:conf@127.0.0.1>\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sips:caller@127.0.0.1:" + local + ">\r\nContent-Type: application/sdp\r\n"
                    + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp);
            String ok = readResponse(s.getInputStream(), 200);
            assertThat(ok).containsPattern(contactPattern);
            assertThat(ok).contains("m=audio ").contains(" RTP/SAVP 0");
            Matcher m = Pattern.compile("a=crypto:7 AES_CM_128_HMAC_SHA1_80 inline:[A-Za-z0-9+/=]+").matcher(ok);
            assertThat(m.find()).as(ok).isTrue();
            assertThat(ok).doesNotContain(ours.format().split(" ")[2]);
            String toTag = header(ok, "To").replaceAll(".*tag=([^;>\\s]+).*", "$1");
            send(s, "ACK sips:voxgate@127.0.0.1:" + tlsPort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TLS 127.0.0.1:" + local + ";branch=z9hG4bK-ack-" + callId + "\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:conf@127.0.0.1>;tag=" + toTag + "\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            send(s, "BYE sips:voxgate@127.0.0.1:" + tlsPort + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TLS 127.0.0.1:" + local + ";branch=z9hG4bK-bye-" + callId + "\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=c1\r\nTo: <sip:conf@127.0.0.1>;tag=" + toTag + "\r\n"
                    + "Call-ID: " + callId + "\r\nCSeq: 2 BYE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            readResponse(s.getInputStream(), 200);
            await().atMost(Duration.ofSeconds(5)).until(() -> !records.isEmpty());
            assertThat(records.get(0).cause()).isEqualTo(EndCause.CALLER_HANGUP);
            assertThat(bridge.openLegs()).isZero();
        }
    }

    @Test
    void optionsOverTlsAnswered() throws Exception {
        try (SSLSocket s = connect()) {
            send(s, "OPTIONS sip:conf@127.0.0.1:" + tlsPort + ";transport=tls SIP/2.0\r\n"
                    + "Via: SIP/2.0/TLS 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-opt1\r\n"
                    + "From: <sip:caller@127.0.0.1>;tag=o1\r\nTo: <sip:conf@127.0.0.1>\r\n"
                    + "Call-ID: opt-tls-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
            assertThat(readResponse(s.getInputStream(), 200)).contains("CSeq: 1 OPTIONS");
        }
    }

    @Test
    void tlsBelow12IsRefused() throws Exception {
        try (SSLSocket s = connect()) {
            assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
        // The JDK client cannot even offer TLS 1.1; openssl can, at security level 0.
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            Peers.requireCommand("openssl"); // skips outside CI, fails under CI
        }
        for (String version : List.of("-tls1", "-tls1_1")) {
            Process p = new ProcessBuilder(openssl.toString(), "s_client", "-connect", "127.0.0.1:" + tlsPort, version,
                    "-cipher", "ALL:@SECLEVEL=0").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("openssl " + version + " must not connect:\n" + out).isNotZero();
            assertThat(out).doesNotContain("BEGIN CERTIFICATE");
        }
    }

    private SSLSocket connect() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trustAll()}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", tlsPort);
        s.setSoTimeout(5000);
        s.startHandshake();
        return s;
    }

    private static X509TrustManager trustAll() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    private static void send(SSLSocket s, String message) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(message.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads messages until a response with {@code status}; skips 100 and requests. */
    private static String readResponse(InputStream in, int status) throws IOException {
        while (true) {
            String msg = readMessage(in);
            if (msg.startsWith("SIP/2.0 " + status + " ")) {
                return msg;
            }
            if (msg.startsWith("SIP/2.0 ") && !msg.startsWith("SIP/2.0 1")) {
                throw new AssertionError("expected " + status + ", got:\n" + msg);
            }
        }
    }

    private static String readMessage(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after:\n" + head);
            }
            head.append((char) b);
        }
        Matcher m = Pattern.compile("(?im)^(?:Content-Length|l):\\s*(\\d+)").matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        byte[] body = in.readNBytes(length);
        String text = head + new String(body, StandardCharsets.UTF_8);
        return text.trim().isEmpty() ? readMessage(in) : text.replaceFirst("^\\s+", "");
    }

    private static String header(String msg, String name) {
        Matcher m = Pattern.compile("(?im)^" + name + ":\\s*(.*)$").matcher(msg);
        if (!m.find()) {
            throw new AssertionError("no " + name + " in\n" + msg);
        }
        return m.group(1).trim();
    }
}
