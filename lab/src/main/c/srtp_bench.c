/*
 * libsrtp side of lab's SRTP benchmarks: the same work as org.voxgate.lab.srtp.SrtpBenchmark
 * (protect one RTP packet with a fresh sequence number; protect then unprotect), timed on one
 * thread. Built at run time by lab/scripts/srtp-libsrtp-bench.sh against Debian's libsrtp2-dev.
 *
 * Usage: srtp_bench [seconds-per-case [profile [payload]]]; profile and payload pick one case
 * (used by lab/scripts/srtp-bench-interleaved.sh to run it back to back with the JMH ones).
 * Output, one line per case: <profile> <payload> <protect|roundTrip> <packets/s>
 */
#include <srtp2/srtp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void check(srtp_err_status_t st, const char *what) {
    if (st != srtp_err_status_ok) {
        fprintf(stderr, "%s failed: %d\n", what, (int)st);
        exit(1);
    }
}

static srtp_t session(srtp_profile_t profile, int outbound, unsigned char *key) {
    srtp_policy_t policy;
    memset(&policy, 0, sizeof(policy));
    check(srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, profile), "rtp policy");
    check(srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, profile), "rtcp policy");
    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.key = key;
    policy.window_size = 128;
    srtp_t s;
    check(srtp_create(&s, &policy), "srtp_create");
    return s;
}

static void run(const char *name, srtp_profile_t profile, int payload, double seconds) {
    unsigned char key[64];
    for (int i = 0; i < 64; i++) key[i] = (unsigned char)(i * 7 + 1);
    unsigned char plain[1500], buf[1500 + SRTP_MAX_TRAILER_LEN];
    int len = 12 + payload;
    for (int i = 0; i < len; i++) plain[i] = (unsigned char)(i * 13);
    plain[0] = 0x80; plain[1] = 0;
    plain[8] = 0x12; plain[9] = 0x34; plain[10] = 0x56; plain[11] = 0x78;

    for (int mode = 0; mode < 2; mode++) {
        srtp_t tx = session(profile, 1, key);
        srtp_t rx = session(profile, 0, key);
        unsigned seq = 0;
        long n = 0;
        double start = now(), end = start + seconds, t;
        /* warm-up: a quarter of the time, not counted */
        double warm = start + seconds / 4;
        long counted = 0;
        double countFrom = 0;
        do {
            for (int k = 0; k < 1000; k++) {
                memcpy(buf, plain, len);
                buf[2] = (unsigned char)(seq >> 8);
                buf[3] = (unsigned char)seq;
                seq++;
                int l = len;
                check(srtp_protect(tx, buf, &l), "srtp_protect");
                if (mode == 1) {
                    check(srtp_unprotect(rx, buf, &l), "srtp_unprotect");
                }
            }
            n += 1000;
            t = now();
            if (countFrom == 0 && t >= warm) {
                countFrom = t;
                counted = n;
            }
        } while (t < end);
        printf("%s %d %s %.0f\n", name, payload, mode == 0 ? "protect" : "roundTrip",
               (n - counted) / (t - countFrom));
        fflush(stdout);
        srtp_dealloc(tx);
        srtp_dealloc(rx);
    }
}

static int wanted(int argc, char **argv, const char *name, int payload) {
    return (argc <= 2 || strcmp(argv[2], name) == 0) && (argc <= 3 || atoi(argv[3]) == payload);
}

int main(int argc, char **argv) {
    double seconds = argc > 1 ? atof(argv[1]) : 4.0;
    check(srtp_init(), "srtp_init");
    int payloads[] = {160, 1000};
    for (int i = 0; i < 2; i++) {
        if (wanted(argc, argv, "AES_CM_128_HMAC_SHA1_80", payloads[i])) {
            run("AES_CM_128_HMAC_SHA1_80", srtp_profile_aes128_cm_sha1_80, payloads[i], seconds);
        }
        if (wanted(argc, argv, "AEAD_AES_128_GCM", payloads[i])) {
            run("AEAD_AES_128_GCM", srtp_profile_aead_aes_128_gcm, payloads[i], seconds);
        }
    }
    srtp_shutdown();
    return 0;
}
