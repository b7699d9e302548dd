/*
 * libsrtp with MKI as a line-oriented peer for Voxgate's tests (pylibsrtp cannot set MKIs).
 * Compiled at test time against libsrtp2-dev by LibsrtpMkiIT. Same protocol as srtp_peer.py:
 *   NEW <id> <suite> <in|out> <key+salt hex> <window> <rtp_sec> <rtcp_sec> <mki hex>
 *   P|U|PC|UC <id> <hex>          -> OK <hex> | ERR <code>
 */
#include <srtp2/srtp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SESSIONS 64
#define MAX_LINE 8192

static struct {
    char id[32];
    srtp_t session;
    unsigned char key[64];
    unsigned char mki[128];
    srtp_master_key_t master;
    srtp_master_key_t *keys[1];
} sessions[MAX_SESSIONS];
static int count;

static int unhex(const char *hex, unsigned char *out, int max) {
    int n = (int)strlen(hex) / 2;
    if (n > max) return -1;
    for (int i = 0; i < n; i++) {
        unsigned v;
        if (sscanf(hex + 2 * i, "%2x", &v) != 1) return -1;
        out[i] = (unsigned char)v;
    }
    return n;
}

static int policy_for(const char *suite, srtp_crypto_policy_t *rtp, srtp_crypto_policy_t *rtcp) {
    if (!strcmp(suite, "AES_CM_128_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AES_CM_128_HMAC_SHA1_32")) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AES_256_CM_HMAC_SHA1_80")) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp);
    } else if (!strcmp(suite, "AEAD_AES_128_GCM")) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(rtcp);
    } else if (!strcmp(suite, "AEAD_AES_256_GCM")) {
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtp);
        srtp_crypto_policy_set_aes_gcm_256_16_auth(rtcp);
    } else {
        return -1;
    }
    return 0;
}

int main(void) {
    static char line[MAX_LINE];
    static unsigned char buf[MAX_LINE];
    if (srtp_init() != srtp_err_status_ok) return 1;
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (fgets(line, sizeof line, stdin)) {
        char cmd[8], id[32], a[64], b[8], key[160], mki[300], hex[MAX_LINE];
        int window, rtp_sec, rtcp_sec;
        if (sscanf(line, "%7s", cmd) != 1) continue;
        if (!strcmp(cmd, "QUIT")) break;
        if (!strcmp(cmd, "NEW")) {
            if (count == MAX_SESSIONS ||
                sscanf(line, "NEW %31s %63s %7s %159s %d %d %d %299s", id, a, b, key, &window, &rtp_sec, &rtcp_sec, mki) != 8) {
                printf("ERR syntax\n");
                continue;
            }
            srtp_policy_t p;
            memset(&p, 0, sizeof p);
            if (policy_for(a, &p.rtp, &p.rtcp)) { printf("ERR suite\n"); continue; }
            p.rtp.sec_serv = (srtp_sec_serv_t)rtp_sec;
            p.rtcp.sec_serv = (srtp_sec_serv_t)rtcp_sec;
            p.ssrc.type = strcmp(b, "out") ? ssrc_any_inbound : ssrc_any_outbound;
            p.window_size = (unsigned long)window;
            int s = count;
            strcpy(sessions[s].id, id);
            int mki_len = unhex(mki, sessions[s].mki, sizeof sessions[s].mki);
            if (unhex(key, sessions[s].key, sizeof sessions[s].key) < 0 || mki_len <= 0) { printf("ERR hex\n"); continue; }
            sessions[s].master.key = sessions[s].key;
            sessions[s].master.mki_id = sessions[s].mki;
            sessions[s].master.mki_size = (unsigned)mki_len;
            sessions[s].keys[0] = &sessions[s].master;
            p.keys = sessions[s].keys;
            p.num_master_keys = 1;
            srtp_err_status_t st = srtp_create(&sessions[s].session, &p);
            if (st != srtp_err_status_ok) { printf("ERR %d\n", (int)st); continue; }
            count++;
            printf("OK\n");
            continue;
        }
        if (sscanf(line, "%7s %31s %8191s", cmd, id, hex) != 3) { printf("ERR syntax\n"); continue; }
        int s = -1;
        for (int i = 0; i < count; i++) if (!strcmp(sessions[i].id, id)) s = i;
        int len = unhex(hex, buf, MAX_LINE - SRTP_MAX_TRAILER_LEN);
        if (s < 0 || len < 0) { printf("ERR session\n"); continue; }
        srtp_err_status_t st;
        if (!strcmp(cmd, "P")) st = srtp_protect_mki(sessions[s].session, buf, &len, 1, 0);
        else if (!strcmp(cmd, "U")) st = srtp_unprotect_mki(sessions[s].session, buf, &len, 1);
        else if (!strcmp(cmd, "PC")) st = srtp_protect_rtcp_mki(sessions[s].session, buf, &len, 1, 0);
        else if (!strcmp(cmd, "UC")) st = srtp_unprotect_rtcp_mki(sessions[s].session, buf, &len, 1);
        else { printf("ERR command\n"); continue; }
        if (st != srtp_err_status_ok) { printf("ERR %d\n", (int)st); continue; }
        printf("OK ");
        for (int i = 0; i < len; i++) printf("%02x", buf[i]);
        printf("\n");
    }
    return 0;
}
