#!/usr/bin/env bash
# Soak measurement of docs/BENCHMARKS.md ("Soak"): starts a node, creates M meetings through the
# admin API and holds N G.711 calls (K talkers per meeting, through the IVR) for HOLD seconds with
# voxgate lab load. Every SAMPLE seconds it records the node's active calls, mixer late ticks,
# CPU and RSS and the machine's load average in $OUT/soak.csv, so late ticks per hour can be read
# over the whole hold and lined up with what else the machine did. The lab report ($OUT/soak.md)
# adds loss, jitter and the generator's own late send slots (the reference: was the generator on
# time?).
#
# Needs: mvn -B -pl lab,server -am -DskipTests package; curl.
# Usage: lab/scripts/soak.sh [OUT_DIR]   (CALLS=300 MEETINGS=30 TALKERS=2 RATE=10 HOLD=3600 SAMPLE=60
#        NICE=0: with NICE=-10 as root node and generator run ahead of other work on the machine)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
CALLS="${CALLS:-300}"; MEETINGS="${MEETINGS:-30}"; TALKERS="${TALKERS:-2}"; RATE="${RATE:-10}"
HOLD="${HOLD:-3600}"; SAMPLE="${SAMPLE:-60}"; NICE="${NICE:-0}"
SIP=25060; METRICS=29100; ADMIN=28443
M="http://127.0.0.1:$METRICS/metrics"
KEY="vgk_0123456789abcdef_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | head -c 43)"
OPENS=(--add-opens=java.base/sun.security.provider=ALL-UNNAMED --add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED)

metric() { curl -s "$M" | awk -v n="$1" '$1 == n {v = $2} END {print v}'; }

VOXGATE_NETWORK_BIND_ADDRESS=127.0.0.1 VOXGATE_DATA_DIR="$OUT/data" VOXGATE_SIP_UDP_PORT=$SIP \
VOXGATE_SIP_TCP_PORT=$SIP VOXGATE_RTP_PORT_MIN=40000 VOXGATE_RTP_PORT_MAX=43999 VOXGATE_SIP_MAX_CALLS=2000 \
VOXGATE_SIP_DEFENCE_TRUSTED_NETWORKS=127.0.0.1/32 VOXGATE_METRICS_PORT=$METRICS \
VOXGATE_ADMIN_PORT=$ADMIN VOXGATE_ADMIN_BIND_ADDRESS=127.0.0.1 VOXGATE_ADMIN_PLAIN_HTTP=true \
VOXGATE_ADMIN_BOOTSTRAP_KEY="$KEY" VOXGATE_LOG_LEVEL=WARN \
  nice -n "$NICE" java "${OPENS[@]}" -jar server/target/voxgate-server.jar serve > "$OUT/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$METRICS/health/ready" > /dev/null; do
  kill -0 $NODE 2>/dev/null || { echo "node did not start, see $OUT/node.log" >&2; exit 1; }
  sleep 0.5
done

codes=()
for i in $(seq 1 "$MEETINGS"); do
  code=$((800000 + i))
  curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$ADMIN/api/v1/meetings" \
    -d "{\"name\":\"soak-$i\",\"accessCode\":\"$code\",\"maxParticipants\":$(( CALLS / MEETINGS + 10 ))}" > /dev/null
  codes+=("$code")
done
list=$(IFS=,; echo "${codes[*]}")

nice -n "$NICE" java -cp lab/target/benchmarks.jar org.voxgate.lab.LabMain load --target "127.0.0.1:$SIP" \
  --metrics-url "$M" --meeting "$list" --calls "$CALLS" --rate "$RATE" --hold "$HOLD" --talkers "$TALKERS" \
  --report "$OUT/soak.md" 2> "$OUT/lab.err" &
GEN=$!
until [ "$(metric voxgate_calls_active | cut -d. -f1)" -ge "$CALLS" ] 2>/dev/null; do
  kill -0 "$GEN" 2>/dev/null || { echo "generator ended before $CALLS calls were up" >&2; exit 1; }
  sleep 0.5
done
sleep 5 # the last callers finish typing their access codes
echo "utc,seconds,calls_active,late_ticks_total,node_cpu_ns,node_rss_bytes,loadavg1" > "$OUT/soak.csv"
t0=$(date +%s)
while kill -0 "$GEN" 2>/dev/null; do
  now=$(date +%s)
  calls=$(metric voxgate_calls_active)
  [ "${calls%%.*}" -ge "$CALLS" ] 2>/dev/null || break # hang-up has begun
  echo "$(date -u +%H:%M:%S),$((now - t0)),$calls,$(metric voxgate_mixer_late_ticks_total),$(metric process_cpu_time_ns_total),$(metric voxgate_process_resident_memory_bytes),$(cut -d' ' -f1 /proc/loadavg)" >> "$OUT/soak.csv"
  sleep "$SAMPLE"
done
wait "$GEN" || true
awk -F, 'NR == 2 {t0 = $2; l0 = $4; c0 = $5} NR > 2 {t = $2; l = $4; c = $5; la += $7; n++}
  END { h = (t - t0) / 3600; if (h <= 0) exit 1
        printf "steady %.0f s: %d late ticks (%.1f per hour), node %.3f cores, load average mean %.1f\n",
               t - t0, l - l0, (l - l0) / h, (c - c0) / 1e9 / (t - t0), la / n }' "$OUT/soak.csv" | tee "$OUT/soak-summary.txt"
echo "results in $OUT"
