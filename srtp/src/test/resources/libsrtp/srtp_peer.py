#!/usr/bin/python3
"""libsrtp (through Debian's python3-pylibsrtp) as a line-oriented peer for Voxgate's tests.

Requests, one per line on stdin; one answer line each on stdout:
  NEW <id> <suite> <in|out> <key+salt hex> <window> <rtp_sec> <rtcp_sec>   -> OK | ERR <text>
  P|U|PC|UC <id> <hex>        protect / unprotect RTP, protect / unprotect RTCP -> OK <hex> | ERR <text>
  QUIT
rtp_sec / rtcp_sec are libsrtp's sec_serv values: 3 encrypt+authenticate, 2 authenticate only,
1 encrypt only. pylibsrtp only knows four profiles, so the crypto policy (six ints:
cipher_type, cipher_key_len, auth_type, auth_key_len, auth_tag_len, sec_serv; see
srtp2/srtp.h srtp_crypto_policy_t) is written directly.
"""
import sys

import pylibsrtp
from pylibsrtp._binding import ffi

# cipher_type, cipher_key_len (key+salt), auth_type, auth_key_len, rtp_tag, rtcp_tag
SUITES = {
    "AES_CM_128_HMAC_SHA1_80": (1, 30, 3, 20, 10, 10),
    "AES_CM_128_HMAC_SHA1_32": (1, 30, 3, 20, 4, 10),
    "AES_256_CM_HMAC_SHA1_80": (5, 46, 3, 20, 10, 10),
    "AES_256_CM_HMAC_SHA1_32": (5, 46, 3, 20, 4, 10),
    "AEAD_AES_128_GCM": (6, 28, 0, 0, 16, 16),
    "AEAD_AES_256_GCM": (7, 44, 0, 0, 16, 16),
    "NULL_HMAC_SHA1_80": (0, 30, 3, 20, 10, 10),
    "NULL_HMAC_SHA1_32": (0, 30, 3, 20, 4, 10),
}


def crypto_policy(policy_struct, field, values):
    ints = ffi.cast("int *", ffi.addressof(policy_struct, field))
    for i, v in enumerate(values):
        ints[i] = v


def new_session(suite, direction, key, window, rtp_sec, rtcp_sec):
    cipher, key_len, auth, auth_len, rtp_tag, rtcp_tag = SUITES[suite]
    ssrc_type = pylibsrtp.Policy.SSRC_ANY_OUTBOUND if direction == "out" else pylibsrtp.Policy.SSRC_ANY_INBOUND
    base = {6: pylibsrtp.Policy.SRTP_PROFILE_AEAD_AES_128_GCM,
            7: pylibsrtp.Policy.SRTP_PROFILE_AEAD_AES_256_GCM}.get(cipher, pylibsrtp.Policy.SRTP_PROFILE_AES128_CM_SHA1_80)
    policy = pylibsrtp.Policy(ssrc_type=ssrc_type, srtp_profile=base)
    crypto_policy(policy._policy, "rtp", (cipher, key_len, auth, auth_len, rtp_tag, rtp_sec))
    crypto_policy(policy._policy, "rtcp", (cipher, key_len, auth, auth_len, rtcp_tag, rtcp_sec))
    if len(key) != key_len:
        raise ValueError("key+salt must be %d bytes" % key_len)
    policy.key = key
    policy.window_size = window
    return pylibsrtp.Session(policy)


def main():
    sessions = {}
    out = sys.stdout
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd = parts[0]
        try:
            if cmd == "QUIT":
                break
            if cmd == "NEW":
                _, sid, suite, direction, key_hex, window, rtp_sec, rtcp_sec = parts
                sessions[sid] = new_session(suite, direction, bytes.fromhex(key_hex), int(window),
                                            int(rtp_sec), int(rtcp_sec))
                out.write("OK\n")
            else:
                session = sessions[parts[1]]
                data = bytes.fromhex(parts[2]) if len(parts) > 2 else b""
                fn = {"P": session.protect, "U": session.unprotect,
                      "PC": session.protect_rtcp, "UC": session.unprotect_rtcp}[cmd]
                out.write("OK " + bytes(fn(data)).hex() + "\n")
        except Exception as e:  # every failure is an answer, never a crash
            out.write("ERR " + str(e).replace("\n", " ") + "\n")
        out.flush()


if __name__ == "__main__":
    main()
