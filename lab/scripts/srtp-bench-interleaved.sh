#!/bin/sh
# The SRTP comparison of docs/BENCHMARKS.md, run case by case so that the columns of a row are
# measured back to back (within about a minute) on a machine shared with other work: for each
# profile and payload, Voxgate (JMH SrtpBenchmark), jitsi-srtp (JMH JitsiSrtpBenchmark, the two
# in alternating order from round to round) and Debian's libsrtp (lab/src/main/c/srtp_bench.c),
# all pinned to one core, JMH with -prof gc.
# Needs lab/target/benchmarks.jar (mvn -B -pl lab -am package -DskipTests) and libsrtp2-dev.
# Usage: lab/scripts/srtp-bench-interleaved.sh [rounds [cpu [csv-dir]]]  (csv-dir keeps JMH's CSVs)
# Output, one line per measurement: round profile payload op impl packets/s error(99.9%) B/op
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/benchmarks.jar"
rounds=${1:-1}
cpu=${2:-0}
keep=${3:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cc -O2 -o "$out/srtp_bench" "$here/src/main/c/srtp_bench.c" $(pkg-config --cflags --libs libsrtp2 2>/dev/null || echo -lsrtp2)
echo "# $(date -u +%FT%TZ) $(java -version 2>&1 | head -1), libsrtp $(dpkg-query -W -f='${Version}' libsrtp2-1 2>/dev/null || echo '?'), cpu $cpu"

jmh() { # impl profile payload round
    taskset -c "$cpu" java -jar "$jar" "org.voxgate.lab.srtp.$1\." -p profile="$2" -p payload="$3" \
        -prof gc -rf csv -rff "$out/r.csv" > "$out/jmh.log" 2>&1 || { cat "$out/jmh.log" >&2; exit 1; }
    if [ -n "$keep" ]; then mkdir -p "$keep" && cp "$out/r.csv" "$keep/$4-$1-$2-$3.csv"; fi
    # jitsi-srtp picks its AES backend (OpenSSL or SunJCE) by a micro-benchmark at every start
    grep -o 'Will employ AES implemented by [A-Za-z]* for [A-Z/a-z]*' "$out/jmh.log" | sort -u | sed "s|^|# $4 $2 $3 jitsi: |" || true
    # Voxgate's HMAC-SHA1 and GHASH paths (the fork opens sun.security.provider and com.sun.crypto.provider)
    grep -o 'voxgate hmacFastPath=[a-z]* gcmFastPath=[a-z]*' "$out/jmh.log" | sort -u | sed "s|^|# $4 $2 $3 |" || true
    # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: payload","Param: profile"
    tr -d '"' < "$out/r.csv" | awk -F, -v impl="$1" -v r="$4" -v prof="$2" -v pay="$3" '
        NR > 1 { name = $1; sub(/:.*/, "", name); n = split(name, p, "."); op = p[n]
                 if ($1 ~ /:gc.alloc.rate.norm$/) bop[op] = $5
                 else if ($1 !~ /:/) { score[op] = $5; err[op] = $6 } }
        END { for (op in score) printf "%s %s %s %s %s %.0f %.0f %.1f\n", r, prof, pay, op, impl, score[op], err[op], bop[op] }'
}

for r in $(seq 1 "$rounds"); do
    for payload in 160 1000; do
        for profile in AES_CM_128_HMAC_SHA1_80 AEAD_AES_128_GCM; do
            echo "# $r $profile $payload load average $(cut -d' ' -f1-3 /proc/loadavg)"
            if [ $((r % 2)) -eq 1 ]; then
                jmh SrtpBenchmark "$profile" "$payload" "$r"; jmh JitsiSrtpBenchmark "$profile" "$payload" "$r"
            else
                jmh JitsiSrtpBenchmark "$profile" "$payload" "$r"; jmh SrtpBenchmark "$profile" "$payload" "$r"
            fi
            taskset -c "$cpu" "$out/srtp_bench" 4 "$profile" "$payload" | awk -v r="$r" '{ printf "%s %s %s %s libsrtp %s - -\n", r, $1, $2, $3, $4 }'
        done
    done
done
