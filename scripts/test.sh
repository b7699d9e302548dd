#!/usr/bin/env bash
# The whole test suite: installs the real peers the interop tests use when they are missing
# (as root, from Debian's packages), starts a throwaway PostgreSQL for the store tests, then
# runs unit tests (surefire) and interop tests (failsafe) of every module. Extra arguments go
# to Maven.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-test-peers.sh
if pg_env=$(scripts/postgres-for-tests.sh start); then
  eval "$pg_env"
  export VOXGATE_TEST_POSTGRES_URL
  trap 'scripts/postgres-for-tests.sh stop "$VOXGATE_TEST_POSTGRES_DIR" || true' EXIT
else
  echo "test.sh: no PostgreSQL; its tests skip (and fail under CI=true)" >&2
fi
mvn -B verify "$@"
