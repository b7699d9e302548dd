package org.voxgate.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voxgate.server.store.Database;
import org.voxgate.server.store.SecretBox;
import org.voxgate.server.store.Store;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;

/** The served OpenAPI document names exactly the routes the router has, method by method. */
class OpenApiRoutesTest {

    @TempDir
    Path dir;

    @Test
    void documentAndRouteTableAgree() {
        Vertx vertx = Vertx.vertx();
        try (Database db = Database.open(Database.embeddedUrl(dir), "", "", 2)) {
            Store store = new Store(db, new SecretBox(new byte[32]), false);
            Router router = AdminApi.router(vertx, store, new AuthThrottle(5, 1, 1, System::nanoTime),
                    new RateLimiter(10, 10, System::nanoTime), new RateLimiter(10, 10, System::nanoTime));
            Set<String> routes = new TreeSet<>();
            for (Route r : router.getRoutes()) {
                if (r.getPath() == null || r.methods() == null || r.methods().isEmpty()) {
                    continue; // filters: headers, body, authentication, not-found
                }
                String path = r.getPath().substring(AdminApi.PREFIX.length()).replaceAll(":([A-Za-z]+)", "{$1}");
                for (HttpMethod m : r.methods()) {
                    routes.add(m.name().toLowerCase(Locale.ROOT) + " " + path);
                }
            }
            JsonObject doc = OpenApiDocument.build();
            Set<String> documented = new TreeSet<>();
            JsonObject paths = doc.getJsonObject("paths");
            for (String p : paths.fieldNames()) {
                for (String m : paths.getJsonObject(p).fieldNames()) {
                    if (!m.equals("parameters")) {
                        documented.add(m + " " + p);
                    }
                }
            }
            assertThat(documented).isEqualTo(routes);
            assertThat(routes).contains("get /openapi.json", "patch /trunks/{id}", "delete /users/{userId}/apikeys/{keyId}",
                    "get /audit");
            // every path parameter of every route is declared
            for (String p : paths.fieldNames()) {
                var m = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}").matcher(p);
                while (m.find()) {
                    String name = m.group(1);
                    assertThat(paths.getJsonObject(p).getJsonArray("parameters").stream()
                            .anyMatch(x -> ((JsonObject) x).getString("name").equals(name))).as(p + " declares " + name).isTrue();
                }
            }
            assertThat(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("TrunkInput")
                    .getJsonObject("properties").getJsonObject("registerPassword").getBoolean("writeOnly")).isTrue();
            assertThat(doc.getJsonObject("components").getJsonObject("schemas").getJsonObject("Trunk")
                    .getJsonObject("properties").containsKey("registerPassword")).isFalse();
        } finally {
            vertx.close();
        }
    }
}
