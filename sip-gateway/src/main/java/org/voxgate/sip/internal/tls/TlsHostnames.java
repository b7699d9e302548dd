package org.voxgate.sip.internal.tls;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Whether a server certificate names the host we connected to (RFC 5922 section 7: SIP domain
 * certificates; RFC 6125 section 6 for the matching rules).
 *
 * <ul>
 *   <li>an IP literal matches only an iPAddress subjectAltName (never the CN);</li>
 *   <li>a host name matches a dNSName subjectAltName, case-insensitively; a wildcard only as the
 *       whole left-most label ({@code *.carrier.example} matches {@code a.carrier.example}, not
 *       {@code carrier.example} nor {@code a.b.carrier.example});</li>
 *   <li>the subject CN is consulted only when the certificate has no dNSName at all (RFC 5922
 *       section 7.1 allows it for old certificates).</li>
 * </ul>
 */
public final class TlsHostnames {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private TlsHostnames() {}

    public static boolean matches(X509Certificate cert, String host) {
        if (cert == null || host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (isIpLiteral(h)) {
            String want = canonicalIp(h);
            if (sans != null) {
                for (List<?> san : sans) {
                    if ((Integer) san.get(0) == SAN_IP && want.equals(canonicalIp(String.valueOf(san.get(1))))) {
                        return true;
                    }
                }
            }
            return false;
        }
        String name = h.toLowerCase(Locale.ROOT);
        boolean anyDns = false;
        if (sans != null) {
            for (List<?> san : sans) {
                if ((Integer) san.get(0) == SAN_DNS) {
                    anyDns = true;
                    if (dnsMatches(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT), name)) {
                        return true;
                    }
                }
            }
        }
        if (anyDns) {
            return false;
        }
        String cn = commonName(cert);
        return cn != null && dnsMatches(cn.toLowerCase(Locale.ROOT), name);
    }

    static boolean dnsMatches(String pattern, String name) {
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1); // ".carrier.example"
            int dot = name.indexOf('.');
            return dot > 0 && name.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
        }
        return !pattern.contains("*") && pattern.equals(name);
    }

    private static boolean isIpLiteral(String h) {
        return h.indexOf(':') >= 0 || h.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
    }

    private static String canonicalIp(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress(); // a literal: no lookup
        } catch (Exception e) {
            return literal;
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
