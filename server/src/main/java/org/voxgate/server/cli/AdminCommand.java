package org.voxgate.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that talks to the admin API shares: the connection options
 * ({@code --url}, {@code --cacert}), the key from {@code VOXGATE_ADMIN_KEY}, and printing of
 * problem details. Exit codes: 0 done, 1 the API
 * refused (its problem is printed), 2 a usage error.
 */
abstract class AdminCommand implements Callable<Integer> {

    /** Exit code when the API answered with an error. */
    static final int API_ERROR = 1;
    /** Exit code for a usage error found before any request. */
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "${env:VOXGATE_ADMIN_URL:-https://localhost:8443/api/v1}",
            description = "admin API base URL (env VOXGATE_ADMIN_URL)")
    String url;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "certificates to trust; default data/admin-tls/cert.pem when it exists, else the JDK's trust store")
    Path cacert;

    /** Where VOXGATE_ADMIN_KEY and secret variables are read; System.getenv() outside tests. */
    final Map<String, String> env;

    AdminCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public final Integer call() throws IOException {
        String key = env.get("VOXGATE_ADMIN_KEY");
        if (key == null || key.isEmpty()) {
            return usage("set VOXGATE_ADMIN_KEY to your API key");
        }
        Path ca = cacert != null ? cacert : Files.isReadable(Path.of("data/admin-tls/cert.pem"))
                ? Path.of("data/admin-tls/cert.pem") : null;
        int code = run(new AdminClient(url, key, ca));
        out().flush();
        err().flush();
        return code;
    }

    /** The command's work, with a ready client. */
    abstract int run(AdminClient client) throws IOException;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    int usage(String message) {
        err().println("voxgate: " + message);
        err().flush();
        return USAGE;
    }

    /** Prints the problem of a failed answer and returns {@link #API_ERROR}. */
    int failed(AdminClient.Answer a) {
        printProblem(err(), a);
        return API_ERROR;
    }

    static void printProblem(PrintWriter err, AdminClient.Answer a) {
        JsonObject p;
        try {
            p = new JsonObject(a.body());
        } catch (DecodeException | ClassCastException | NullPointerException e) {
            err.println("voxgate: HTTP " + a.status());
            err.flush();
            return;
        }
        err.println("voxgate: " + a.status() + " " + p.getString("title", "") + ": " + p.getString("detail", ""));
        JsonArray errors = p.getJsonArray("errors");
        if (errors != null) {
            for (Object o : errors) {
                JsonObject e = (JsonObject) o;
                err.println("  " + e.getString("field") + " " + e.getString("problem") + " (allowed: "
                        + e.getString("allowed") + ")");
            }
        }
        err.flush();
    }
}
