package org.voxgate.bridge.internal.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The matching rules of {@link PendingTcpLegs}, one by one. */
class PendingTcpLegsTest {
    private static final InetAddress PEER = address("192.0.2.10");
    private static final InetAddress NAT = address("198.51.100.7");
    private static final InetAddress PRIVATE = address("10.0.0.5");

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static TcpMediaLink link(String id, boolean tls, InetAddress expected, Long... ssrcs) {
        return new TcpMediaLink(id, TcpMediaLink.Role.PASSIVE, tls, expected, List.of(ssrcs), null, Runnable::run,
                (p, n, from) -> { }, 1500);
    }

    @Test
    void oneLegFromTheAddressWithoutSsrcMatchesAtAccept() {
        PendingTcpLegs p = new PendingTcpLegs();
        TcpMediaLink a = link("a", false, PEER);
        p.add(a);
        assertThat(p.matchOnAccept(NAT, false)).isNull();
        assertThat(p.matchOnAccept(PEER, true)).as("a TLS connection never reaches a plain leg").isNull();
        assertThat(p.matchOnAccept(PEER, false)).isSameAs(a);
        assertThat(p.size()).isZero();
    }

    @Test
    void twoLegsFromOneAddressWaitForThePacketAndTheOldestWins() {
        PendingTcpLegs p = new PendingTcpLegs();
        TcpMediaLink first = link("first", false, PEER);
        TcpMediaLink second = link("second", false, PEER);
        p.add(second.order() < first.order() ? first : second);
        p.add(second.order() < first.order() ? second : first);
        assertThat(p.matchOnAccept(PEER, false)).isNull();
        assertThat(p.matchOnPacket(PEER, false, 42)).isSameAs(first);
        assertThat(p.matchOnPacket(PEER, false, 43)).isSameAs(second);
    }

    @Test
    void aLegWithSsrcWaitsForItsSsrcAndMatchesThroughNat() {
        PendingTcpLegs p = new PendingTcpLegs();
        TcpMediaLink natted = link("natted", false, PRIVATE, 7L, 8L);
        p.add(natted);
        assertThat(p.matchOnAccept(PRIVATE, false)).as("a=ssrc: wait for the first packet").isNull();
        assertThat(p.matchOnPacket(NAT, false, 9)).isNull();
        assertThat(p.matchOnPacket(NAT, false, -1)).isNull();
        assertThat(p.matchOnPacket(NAT, false, 8)).isSameAs(natted);
    }

    @Test
    void ssrcBeatsAddressAndSameAddressBreaksSsrcTies() {
        PendingTcpLegs p = new PendingTcpLegs();
        TcpMediaLink byAddress = link("addr", false, PEER);
        TcpMediaLink elsewhere = link("elsewhere", false, NAT, 5L);
        TcpMediaLink here = link("here", false, PEER, 5L);
        p.add(byAddress);
        p.add(elsewhere);
        p.add(here);
        assertThat(p.matchOnPacket(PEER, false, 5)).isSameAs(here);
        assertThat(p.matchOnPacket(PEER, false, 5)).isSameAs(elsewhere);
        assertThat(p.matchOnPacket(PEER, false, 5)).isSameAs(byAddress);
        assertThat(p.matchOnPacket(PEER, false, 5)).isNull();
    }

    @Test
    void aLegWithSsrcIsNotTakenByAddressAlone() {
        PendingTcpLegs p = new PendingTcpLegs();
        p.add(link("x", false, PEER, 1L));
        assertThat(p.matchOnPacket(PEER, false, 2)).isNull();
    }
}
