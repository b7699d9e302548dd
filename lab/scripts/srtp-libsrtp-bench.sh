#!/bin/sh
# Builds lab/src/main/c/srtp_bench.c against the system libsrtp2 (Debian: apt-get install
# libsrtp2-dev; Debian's libsrtp2 does its AES with NSS) and runs it on one core.
# Usage: lab/scripts/srtp-libsrtp-bench.sh [seconds-per-case]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -O2 -o "$out/srtp_bench" "$here/src/main/c/srtp_bench.c" $(pkg-config --cflags --libs libsrtp2 2>/dev/null || echo -lsrtp2)
echo "# libsrtp $(dpkg-query -W -f='${Version}' libsrtp2-1 2>/dev/null || echo '?'), $(ldd "$out/srtp_bench" | grep -o 'libnss3\|libcrypto' | head -1 || true) backend"
exec taskset -c 0 "$out/srtp_bench" "${1:-4}"
