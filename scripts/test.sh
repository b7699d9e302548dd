#!/usr/bin/env bash
# The whole test suite: installs the real peers the interop tests use when they are missing
# (as root, from Debian's packages), then runs unit tests (surefire) and interop tests
# (failsafe) of every module. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-test-peers.sh
exec mvn -B verify "$@"
