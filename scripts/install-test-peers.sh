#!/usr/bin/env bash
# Installs the Debian packages that interop tests talk to, when some are missing.
# Without root (a developer machine) it only says what is missing; those tests then skip
# with a visible reason, except under CI=true where they fail.
set -euo pipefail

# command-or-probe:package
need=(
  "sipp:sip-tester"
  "kamailio:kamailio"
  "glob:/usr/lib/*/kamailio/modules/tls.so:kamailio-tls-modules"
  "baresip:baresip"
  "tshark:tshark"
  "sox:sox"
  "espeak-ng:espeak-ng"
  "ffmpeg:ffmpeg"
  "gst-launch-1.0:gstreamer1.0-tools"
  "file:/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstrtp.so:gstreamer1.0-plugins-good"
  "py:pylibsrtp:python3-pylibsrtp"
  "file:/usr/include/srtp2/srtp.h:libsrtp2-dev"
  "glob:/usr/lib/postgresql/*/bin/initdb:postgresql"
)
missing=()
for entry in "${need[@]}"; do
  case "$entry" in
    py:*) mod=$(echo "$entry" | cut -d: -f2); pkg=$(echo "$entry" | cut -d: -f3)
          /usr/bin/python3 -c "import $mod" >/dev/null 2>&1 || missing+=("$pkg") ;;
    file:*) f=$(echo "$entry" | cut -d: -f2); pkg=$(echo "$entry" | cut -d: -f3)
          [ -e "$f" ] || missing+=("$pkg") ;;
    glob:*) g=$(echo "$entry" | cut -d: -f2); pkg=$(echo "$entry" | cut -d: -f3)
          compgen -G "$g" >/dev/null || missing+=("$pkg") ;;
    *) cmd=${entry%%:*}; pkg=${entry#*:}
       command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-peers: missing ${missing[*]} (not root: interop tests that need them will skip)" >&2
  exit 0
fi
echo "install-test-peers: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections || true
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
