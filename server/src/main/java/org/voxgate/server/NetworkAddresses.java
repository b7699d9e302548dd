package org.voxgate.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/** Picks the address written into SIP headers and SDP when none is configured. */
final class NetworkAddresses {

    private NetworkAddresses() {}

    /**
     * The configured advertised address when set; else the bind address when it is a
     * specific one; else this host's first IPv4 address that is up and not loopback; else
     * 127.0.0.1 (a machine with no network still serves loopback callers).
     */
    static InetAddress advertised(String configured, InetAddress bind) throws UnknownHostException {
        if (!configured.isEmpty()) {
            return InetAddress.getByName(configured);
        }
        if (!bind.isAnyLocalAddress()) {
            return bind;
        }
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback() || nif.isVirtual()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a;
                    }
                }
            }
        } catch (SocketException e) {
            // fall back to loopback
        }
        return InetAddress.getLoopbackAddress();
    }
}
