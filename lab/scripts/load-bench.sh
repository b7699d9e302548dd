#!/usr/bin/env bash
# Load measurement of docs/BENCHMARKS.md ("Load"): starts a node, creates meetings through the
# admin API, then measures, each with all calls up for a steady window:
#   1. voxgate lab load, 100 calls: 10 meetings x 10, 2 talkers each, access codes through the IVR
#   2. voxgate lab load, 300 calls: 30 meetings x 10, 2 talkers each
#   3. reference, same load from two generators: 100 calls into one meeting by direct number,
#      everybody sending a 1 kHz tone, first from SIPp (play_pcap_audio), then from voxgate lab load.
# For each: the node's CPU (process_cpu_time_ns_total from /metrics) and the generator's CPU
# (/proc/PID/stat) over the window, mixer late ticks in the window; lab reports in $OUT.
#
# Needs: mvn -B -pl lab,server -am -DskipTests package; sipp; curl.
# Usage: lab/scripts/load-bench.sh [OUT_DIR]     (WINDOW=15 HOLD=35 to change the timing)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"
WINDOW="${WINDOW:-15}"
HOLD="${HOLD:-35}"
SIP=15060
METRICS=19100
ADMIN=18443
M="http://127.0.0.1:$METRICS/metrics"
KEY="vgk_0123456789abcdef_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | head -c 43)"
LAB=(java -cp lab/target/benchmarks.jar org.voxgate.lab.LabMain load --target "127.0.0.1:$SIP" --metrics-url "$M")
TCK=$(getconf CLK_TCK)

# awk reads to the end: an early exit would SIGPIPE curl and, with pipefail, end the script
metric() { curl -s "$M" | awk -v n="$1" '$1 == n {v = $2} END {print v}'; }
gen_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# waits until $1 calls are up, then measures node and generator (pid $2) CPU over WINDOW seconds
window() {
  local calls=$1 pid=$2 label=$3
  until [ "$(metric voxgate_calls_active | cut -d. -f1)" -ge "$calls" ] 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { echo "$label: generator ended before $calls calls were up" >&2; return 1; }
    sleep 0.2
  done
  sleep 2 # let the last calls finish their IVR prompts
  local n0 g0 l0 n1 g1 l1
  n0=$(metric process_cpu_time_ns_total); g0=$(gen_ticks "$pid"); l0=$(metric voxgate_mixer_late_ticks_total)
  sleep "$WINDOW"
  n1=$(metric process_cpu_time_ns_total); g1=$(gen_ticks "$pid"); l1=$(metric voxgate_mixer_late_ticks_total)
  awk -v l="$label" -v c="$calls" -v n0="$n0" -v n1="$n1" -v g0="$g0" -v g1="$g1" -v l0="$l0" -v l1="$l1" \
      -v w="$WINDOW" -v t="$TCK" -v la="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
    printf "| %s | %d | %.3f | %.3f | %d | %s |\n", l, c, (n1 - n0) / 1e9 / w, (g1 - g0) / t / w, l1 - l0, la }' \
    | tee -a "$OUT/windows.md"
}

echo "| run | calls up | node cores | generator cores | node late ticks | load avg |" > "$OUT/windows.md"
echo "|---|---:|---:|---:|---:|---:|" >> "$OUT/windows.md"

VOXGATE_NETWORK_BIND_ADDRESS=127.0.0.1 VOXGATE_DATA_DIR="$OUT/data" VOXGATE_SIP_UDP_PORT=$SIP \
VOXGATE_SIP_TCP_PORT=$SIP VOXGATE_RTP_PORT_MIN=30000 VOXGATE_RTP_PORT_MAX=31999 VOXGATE_SIP_MAX_CALLS=1000 \
VOXGATE_DEMO_DIRECT_NUMBER=demo VOXGATE_DEMO_MAX_PARTICIPANTS=1000 VOXGATE_METRICS_PORT=$METRICS \
VOXGATE_ADMIN_PORT=$ADMIN VOXGATE_ADMIN_BIND_ADDRESS=127.0.0.1 VOXGATE_ADMIN_PLAIN_HTTP=true \
VOXGATE_ADMIN_BOOTSTRAP_KEY="$KEY" VOXGATE_LOG_LEVEL=WARN \
  java --add-opens=java.base/sun.security.provider=ALL-UNNAMED --add-opens=java.base/com.sun.crypto.provider=ALL-UNNAMED -jar server/target/voxgate-server.jar serve > "$OUT/node.log" 2>&1 &
NODE=$!
trap 'kill $NODE 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$METRICS/health/ready" > /dev/null; do sleep 0.5; done

codes=()
for i in $(seq 1 30); do
  code=$((700000 + i))
  curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$ADMIN/api/v1/meetings" -d "{\"name\":\"load-$i\",\"accessCode\":\"$code\",\"maxParticipants\":50}" > /dev/null
  codes+=("$code")
done
ten=$(IFS=,; echo "${codes[*]:0:10}")
thirty=$(IFS=,; echo "${codes[*]}")

"${LAB[@]}" --meeting "$ten" --calls 100 --rate 10 --hold "$HOLD" --talkers 2 --report "$OUT/lab-100.md" &
window 100 $! "lab load, 10 meetings x 10" ; wait $! || true
sleep 3
"${LAB[@]}" --meeting "$thirty" --calls 300 --rate 20 --hold "$HOLD" --talkers 2 --report "$OUT/lab-300.md" &
window 300 $! "lab load, 30 meetings x 10" ; wait $! || true
sleep 3

# reference: SIPp and lab load, same calls
java -cp testing/target/classes lab/scripts/TonePcap.java "$OUT/tone.pcap" $((HOLD + 15))
sed -e "s|@PCAP@|$OUT/tone.pcap|" -e "s|@HOLD_MS@|$(( (HOLD + 10) * 1000 ))|" \
  server/src/test/resources/sipp/dialin.xml > "$OUT/sipp-tone.xml"
(cd "$OUT" && exec sipp "127.0.0.1:$SIP" -sf sipp-tone.xml -s demo -i 127.0.0.1 -p 15070 -mp 16000 \
  -r 10 -m 100 -l 100 -trace_rtt -rtt_freq 1 -nostdin > "$OUT/sipp.out" 2>&1) &
SIPP=$!
window 100 "$SIPP" "reference: SIPp, 1 meeting x 100, all talk"
while kill -0 "$SIPP" 2>/dev/null; do sleep 1; done
sort -t';' -k2 -n "$OUT"/sipp-tone_*_rtt.csv 2>/dev/null | awk -F';' '$2 ~ /^[0-9.]+$/ {v[n++] = $2}
  END { if (n) printf "SIPp set-up (INVITE to 200): n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms\n",
        n, v[int(0.5*n+0.999)-1], v[int(0.95*n+0.999)-1], v[int(0.99*n+0.999)-1], v[n-1] }' | tee "$OUT/sipp-setup.txt"
sleep 3
"${LAB[@]}" --direct --meeting demo --calls 100 --rate 10 --hold "$HOLD" --talkers 100 --report "$OUT/lab-ref.md" &
window 100 $! "reference: lab load, 1 meeting x 100, all talk" ; wait $! || true

echo "results in $OUT"
