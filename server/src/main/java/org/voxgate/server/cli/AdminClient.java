package org.voxgate.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A small client of the admin API over HTTPS. With a CA file it trusts only the certificates
 * in it (for the server's self-signed certificate); without, the JDK's trust store. When the
 * server's request rate limit answers 429 with a Retry-After of a few seconds, the request is
 * sent again after that wait (at most {@value #MAX_RETRIES} times), so long runs such as
 * {@code config apply} slow down instead of failing.
 */
public final class AdminClient {

    /** One answer. */
    public record Answer(int status, String body, String etag) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A 429 with a short Retry-After (the request rate limit) is retried this often; a lockout is not. */
    private static final int MAX_RETRIES = 3;
    private static final long MAX_WAIT_SECONDS = 5;

    private final HttpClient http;
    private final String baseUrl;
    private final String key;

    /**
     * @param baseUrl e.g. {@code https://localhost:8443/api/v1}
     * @param key     the API key (never printed)
     * @param caFile  PEM certificates to trust, or null for the JDK trust store
     */
    public AdminClient(String baseUrl, String key, Path caFile) throws IOException {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (caFile != null) {
            b.sslContext(trusting(caFile));
        }
        this.http = b.build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.key = key;
    }

    private static SSLContext trusting(Path caFile) throws IOException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            if (i == 0) {
                throw new IOException(caFile + " holds no certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param ifMatch ETag for If-Match, or null
     * @param body    JSON text, or null
     */
    public Answer send(String method, String path, String body, String ifMatch) throws IOException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key).header("Accept", "application/json");
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            r.header("If-Match", ifMatch);
        }
        try {
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
                long wait = retryAfterSeconds(resp);
                if (resp.statusCode() == 429 && attempt < MAX_RETRIES && wait > 0 && wait <= MAX_WAIT_SECONDS) {
                    Thread.sleep(wait * 1000);
                    continue;
                }
                return new Answer(resp.statusCode(), resp.body(), resp.headers().firstValue("ETag").orElse(null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static long retryAfterSeconds(HttpResponse<?> resp) {
        try {
            return Long.parseLong(resp.headers().firstValue("Retry-After").orElse("0").strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
