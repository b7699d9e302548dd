package org.voxgate.server.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.vertx.core.json.JsonObject;

/** A test client over real HTTPS that trusts exactly the server's generated certificate. */
final class ApiClient {

    record Response(int status, HttpResponse<String> raw) {
        JsonObject json() {
            return raw.body().isEmpty() ? new JsonObject() : new JsonObject(raw.body());
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String body() {
            return raw.body();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final HttpClient http;
    private final String base;
    private final String key;

    private ApiClient(HttpClient http, String base, String key) {
        this.http = http;
        this.base = base;
        this.key = key;
    }

    static ApiClient forModule(AdminModule m, String key) throws Exception {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (m.certificate().isPresent()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("voxgate", m.certificate().get().certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            b.sslContext(ssl);
        }
        return new ApiClient(b.build(), m.baseUrl(), key);
    }

    ApiClient withKey(String otherKey) {
        return new ApiClient(http, base, otherKey);
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, Map.of());
    }

    Response post(String path, JsonObject body) throws IOException, InterruptedException {
        return send("POST", path, body.encode(), Map.of());
    }

    Response patch(String path, JsonObject body, String etag) throws IOException, InterruptedException {
        return send("PATCH", path, body.encode(), etag == null ? Map.of() : Map.of("If-Match", etag));
    }

    Response delete(String path, String etag) throws IOException, InterruptedException {
        return send("DELETE", path, null, etag == null ? Map.of() : Map.of("If-Match", etag));
    }

    Response send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        headers.forEach(r::header);
        HttpResponse<String> resp = http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(resp.statusCode(), resp);
    }
}
