package org.voxgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class KamailioTest {
    @Test
    void probesTheFirstUdpListenAddressOnThePort() throws Exception {
        String cfg = "debug=2\nlisten=tcp:127.0.0.5:5070\nlisten=udp:127.0.0.4:5999\n  listen = udp:127.0.0.3:5070\n"
                + "listen=udp:127.0.0.1:5070\n";
        assertThat(Kamailio.udpAddress(cfg, 5070)).isEqualTo(InetAddress.getByName("127.0.0.3"));
    }

    @Test
    void probesLoopbackWithoutAUdpListenLine() throws Exception {
        assertThat(Kamailio.udpAddress("listen=tcp:127.0.0.3:5070\n# listen=udp:127.0.0.9:5070\n", 5070))
                .isEqualTo(InetAddress.getLoopbackAddress());
    }
}
