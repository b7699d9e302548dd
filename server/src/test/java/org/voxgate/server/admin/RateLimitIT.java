package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.json.JsonObject;

/**
 * The request rate limit over real HTTPS: per client address and per API key, each a token
 * bucket; 429 with Retry-After and a problem body. Requests come from different loopback
 * source addresses (127.0.0.1, .2, .3) so the two limits can be told apart.
 */
class RateLimitIT {

    private static final int BURST = 4;
    private static final long S = 1_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1000 * S);

    @TempDir
    Path dir;

    private AdminModule module;
    private SSLContext tls;
    private String keyA;
    private String keyB;

    /** One HTTP/1.1 answer. */
    record Answer(int status, Map<String, String> headers, String body) {}

    @BeforeEach
    void start() throws Exception {
        // The limits' clock stands still unless the test moves it: no refill while a slow machine sends.
        module = AdminModule.start(AdminConfig.defaultsForTest().withRateLimit(1, BURST), dir, clock::get);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("voxgate", module.certificate().orElseThrow().certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        keyA = module.bootstrapKey().orElseThrow();
        org.voxgate.server.store.Actor owner = module.store().apiKeys().authenticate(keyA).orElseThrow();
        keyB = module.store().apiKeys().issue(owner, owner.userId(), "b").orElseThrow().plaintext();
    }

    @AfterEach
    void stop() {
        module.close();
    }

    /** GET over a fresh TLS connection from {@code source}. */
    private Answer get(String source, String path, String key) throws IOException {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(InetAddress.getByName("127.0.0.1"),
                module.port(), InetAddress.getByName(source), 0)) {
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            o.write(("GET /api/v1" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            o.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, c).toLowerCase(Locale.ROOT), lines[i].substring(c + 1).strip());
            }
            String body = text.substring(end + 4);
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    private static String dechunk(String body) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (true) {
            int nl = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, nl).strip(), 16);
            if (size == 0) {
                return sb.toString();
            }
            sb.append(body, nl + 2, nl + 2 + size);
            i = nl + 2 + size + 2;
        }
    }

    @Test
    void theCliClientWaitsOutShortRetryAfters() throws Exception {
        module.close();
        module = AdminModule.start(AdminConfig.defaultsForTest().withRateLimit(1, BURST), dir);
        keyA = module.bootstrapKey().orElse(keyA);
        var c = new org.voxgate.server.cli.AdminClient(module.baseUrl(), keyA, module.certificate().orElseThrow().certFile());
        long t0 = System.nanoTime();
        for (int i = 0; i < BURST + 2; i++) {
            assertThat(c.send("GET", "/trunks", null, null).status()).as("request " + i).isEqualTo(200);
        }
        assertThat(System.nanoTime() - t0).as("it waited for tokens").isGreaterThan(900_000_000L);
    }

    private static void assertRateLimited(Answer a, String who) {
        assertThat(a.status()).as(a.body()).isEqualTo(429);
        assertThat(Long.parseLong(a.headers().get("retry-after"))).isBetween(1L, 2L);
        assertThat(a.headers().get("content-type")).isEqualTo("application/problem+json");
        JsonObject p = new JsonObject(a.body());
        assertThat(p.getString("type")).isEqualTo("urn:voxgate:problem:rate-limited");
        assertThat(p.getInteger("status")).isEqualTo(429);
        assertThat(p.getString("detail")).contains(who);
    }

    @Test
    void perKeyAndPerAddressBucketsAreSeparate() throws Exception {
        for (int i = 0; i < BURST; i++) {
            assertThat(get("127.0.0.1", "/trunks", keyA).status()).as("request " + i).isEqualTo(200);
        }
        Answer last = get("127.0.0.1", "/trunks", keyA);
        assertRateLimited(last, "this address");

        // Key A from a fresh address: the address may, the key may not.
        assertRateLimited(get("127.0.0.2", "/trunks", keyA), "this API key");
        // Key B from another fresh address: both fresh.
        assertThat(get("127.0.0.3", "/trunks", keyB).status()).isEqualTo(200);
        // Key B from the exhausted address: the address limit applies before the key is looked at.
        assertRateLimited(get("127.0.0.1", "/trunks", keyB), "this address");
        // Even the unauthenticated document is behind the address limit.
        assertRateLimited(get("127.0.0.1", "/openapi.json", null), "this address");

        clock.addAndGet(S);
        assertThat(get("127.0.0.1", "/trunks", keyB).status()).isEqualTo(200);
        assertRateLimited(get("127.0.0.1", "/trunks", keyB), "this address");
    }

    @Test
    void unauthenticatedRequestsSpendTheAddressBucket() throws Exception {
        // Bad keys use up the address's tokens (and count as failures, below the lockout limit);
        // the 429 is the rate limit's, which passes with time.
        for (int i = 0; i < BURST; i++) {
            assertThat(get("127.0.0.4", "/trunks", "vgk_0000000000000000_" + "A".repeat(43)).status()).isEqualTo(401);
        }
        assertRateLimited(get("127.0.0.4", "/trunks", keyA), "this address");
        clock.addAndGet(S);
        assertThat(get("127.0.0.4", "/trunks", keyA).status()).isEqualTo(200);
    }
}
