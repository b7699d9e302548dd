#!/usr/bin/env bash
# Generates the IVR prompts (org.voxgate.bridge.api.Prompt) as 16 kHz mono 16-bit PCM WAV
# files under audio-bridge/src/main/resources/prompts/, with espeak-ng and sox.
#
# The list below must match the Prompt enum (file name and text, exactly);
# PromptLibraryTest fails when they drift apart. After changing the enum, edit the list,
# run this script and commit the WAVs.
#
# Usage: scripts/make-prompts.sh [output-dir]
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-audio-bridge/src/main/resources/prompts}
voice=${VOXGATE_PROMPT_VOICE:-en-us}
speed=${VOXGATE_PROMPT_WPM:-160}

for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "make-prompts: $tool is not installed (apt-get install $tool)" >&2; exit 1; }
done
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# BEGIN PROMPTS (file-name|text)
prompts=$(cat <<'LIST'
welcome|Welcome to the Voxgate conference service.
enter-access-code|Please enter your meeting access code, followed by the pound key.
enter-pin|Please enter the meeting PIN, followed by the pound key.
invalid-code|That code is not valid. Please try again.
invalid-pin|That PIN is not valid. Please try again.
too-many-attempts|Sorry, too many attempts. Goodbye.
no-input|We did not receive any input. Goodbye.
joining|You are now joining the meeting.
only-participant|You are the only participant in this meeting.
muted|You are muted.
unmuted|You are unmuted.
all-muted|All other participants are muted.
meeting-locked|The meeting is now locked.
meeting-unlocked|The meeting is now unlocked.
locked-out|This meeting is locked. Goodbye.
meeting-full|This meeting is full. Goodbye.
goodbye|Goodbye.
press-one-to-join|You are invited to a Voxgate meeting. Press 1 to join.
calling-out|Calling.
call-not-placed|That number cannot be called.
call-not-completed|The call was not completed.
LIST
)
# END PROMPTS

while IFS='|' read -r name text; do
  [ -n "$name" ] || continue
  espeak-ng -v "$voice" -s "$speed" -w "$tmp/$name.wav" "$text"
  # 16 kHz mono 16-bit; trim leading and trailing silence (below 0.3% for 20 ms), keep
  # 50 ms of lead-in and 100 ms of tail so the first syllable is not clipped by a jitter
  # buffer warming up; peak-normalise to -3 dBFS. -D: no dither, so a re-run gives identical files.
  sox -D "$tmp/$name.wav" -r 16000 -b 16 -c 1 -e signed-integer "$out/$name.wav" \
    silence 1 0.02 0.3% reverse silence 1 0.02 0.3% reverse \
    pad 0.05 0.1 norm -3
  printf '%-20s %s\n' "$name" "$(soxi -D "$out/$name.wav")s"
done <<<"$prompts"
