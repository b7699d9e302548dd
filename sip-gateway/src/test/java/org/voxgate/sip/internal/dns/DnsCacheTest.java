package org.voxgate.sip.internal.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class DnsCacheTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private static final ResourceRecord SRV = new ResourceRecord("_sip._udp.a.test", DnsWire.TYPE_SRV, 60,
            new ResourceRecord.Srv(1, 1, 5060, "b.test"));

    @Test
    void keepsAnAnswerForItsTtlOnly() {
        DnsCache cache = new DnsCache(10, now::get);
        cache.put("_sip._udp.A.test.", DnsWire.TYPE_SRV, List.of(SRV), 60);
        assertThat(cache.get("_sip._udp.a.test", DnsWire.TYPE_SRV)).containsExactly(SRV);
        assertThat(cache.get("_sip._udp.a.test", DnsWire.TYPE_A)).isNull();
        now.addAndGet(59_999_999_999L);
        assertThat(cache.get("_sip._udp.a.test", DnsWire.TYPE_SRV)).containsExactly(SRV);
        now.addAndGet(1);
        assertThat(cache.get("_sip._udp.a.test", DnsWire.TYPE_SRV)).isNull();
        assertThat(cache.size()).isZero();
    }

    @Test
    void negativeAnswersAreCachedAndTtlZeroIsNot() {
        DnsCache cache = new DnsCache(10, now::get);
        cache.put("none.test", DnsWire.TYPE_NAPTR, List.of(), 30);
        cache.put("zero.test", DnsWire.TYPE_NAPTR, List.of(SRV), 0);
        assertThat(cache.get("none.test", DnsWire.TYPE_NAPTR)).isEmpty();
        assertThat(cache.get("zero.test", DnsWire.TYPE_NAPTR)).isNull();
    }

    @Test
    void hugeTtlsAreCutToADay() {
        DnsCache cache = new DnsCache(10, now::get);
        cache.put("a.test", DnsWire.TYPE_SRV, List.of(SRV), 0x7fff_ffffL);
        now.addAndGet(DnsCache.MAX_TTL_SECONDS * 1_000_000_000L);
        assertThat(cache.get("a.test", DnsWire.TYPE_SRV)).isNull();
    }

    @Test
    void theLeastRecentlyUsedGoesWhenFull() {
        DnsCache cache = new DnsCache(2, now::get);
        cache.put("a.test", DnsWire.TYPE_SRV, List.of(SRV), 60);
        cache.put("b.test", DnsWire.TYPE_SRV, List.of(SRV), 60);
        cache.get("a.test", DnsWire.TYPE_SRV);
        cache.put("c.test", DnsWire.TYPE_SRV, List.of(SRV), 60);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("b.test", DnsWire.TYPE_SRV)).isNull();
        assertThat(cache.get("a.test", DnsWire.TYPE_SRV)).isNotNull();
    }
}
