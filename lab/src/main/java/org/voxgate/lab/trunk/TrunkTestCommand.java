package org.voxgate.lab.trunk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.voxgate.server.cli.AdminClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code voxgate lab trunk-test TRUNK_ID [--number +E164 --meeting ID]}: is this trunk working, and if not, why. */
@Command(name = "trunk-test", mixinStandardHelpOptions = true,
        description = {"Checks a SIP trunk step by step: as stored, DNS, OPTIONS to each carrier host, registration, "
                + "and with --number and --meeting a test call (a dial-out into the meeting).",
                "The API key comes from VOXGATE_ADMIN_KEY. Exit status 0 when no step failed, 1 otherwise, 2 on usage errors."})
public final class TrunkTestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRUNK_ID", description = "the trunk's id")
    String trunkId;

    @Option(names = "--url", defaultValue = "${env:VOXGATE_ADMIN_URL:-https://localhost:8443/api/v1}",
            description = "the node's admin API (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--cacert", paramLabel = "PEM", description = "certificate(s) to trust for the admin API")
    Path cacert;

    @Option(names = "--sip-cacert", paramLabel = "PEM",
            description = "certificate(s) to trust for TLS trunks (default: the JDK's)")
    Path sipCacert;

    @Option(names = "--number", paramLabel = "+E164", description = "number to call through the trunk")
    String number;

    @Option(names = "--meeting", paramLabel = "ID", description = "meeting the test call joins")
    String meeting;

    @Option(names = "--ping-timeout-ms", defaultValue = "4000", description = "OPTIONS timeout per host (default: ${DEFAULT-VALUE})")
    long pingTimeoutMs;

    @Option(names = "--call-timeout-s", defaultValue = "60", description = "how long to follow the test call (default: ${DEFAULT-VALUE})")
    long callTimeoutS;

    @Option(names = "--dns-server", split = ",", paramLabel = "ADDR[:PORT]",
            defaultValue = "${env:VOXGATE_SIP_DNS_SERVERS:-}",
            description = "DNS servers that locate the trunk's hosts (NAPTR/SRV, as the node's sip.dnsServers); default: /etc/resolv.conf's")
    List<String> dnsServers;

    /** For tests: the key instead of the environment. */
    String key = System.getenv("VOXGATE_ADMIN_KEY");

    @Override
    public Integer call() throws Exception {
        if (key == null || key.isEmpty()) {
            System.err.println("set VOXGATE_ADMIN_KEY to an API key of the trunk's account");
            return 2;
        }
        if ((number == null) != (meeting == null)) {
            System.err.println("--number and --meeting go together (the test call joins that meeting)");
            return 2;
        }
        AdminClient api = new AdminClient(url, key, cacert);
        SSLContext tls = sipCacert == null ? SSLContext.getDefault() : trusting(sipCacert);
        System.out.printf("%-36s %-7s %7s  %s%n", "step", "result", "ms", "detail");
        List<String> servers = dnsServers == null ? List.of()
                : dnsServers.stream().map(String::trim).filter(d -> !d.isEmpty()).toList();
        List<Step> steps = new TrunkTest(api, tls, org.voxgate.sip.SipLocator.create(servers), TrunkTestCommand::print).run(new TrunkTest.Plan(trunkId, number,
                meeting, Duration.ofMillis(pingTimeoutMs), Duration.ofSeconds(callTimeoutS)));
        boolean failed = steps.stream().anyMatch(s -> s.outcome() == Step.Outcome.FAIL);
        System.out.println(failed ? "trunk test: FAILED" : "trunk test: passed");
        return failed ? 1 : 0;
    }

    private static void print(Step s) {
        System.out.printf("%-36s %-7s %7d  %s%n", s.name(), s.outcome(), s.millis(), s.detail());
        if (!s.explanation().isEmpty()) {
            System.out.printf("%-36s %-7s %7s  -> %s%n", "", "", "", s.explanation());
        }
    }

    private static SSLContext trusting(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        }
    }
}
