#!/usr/bin/env bash
# A throwaway PostgreSQL for the store and admin API tests.
#
#   scripts/postgres-for-tests.sh start   prints two shell assignments to eval:
#       VOXGATE_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:<port>/postgres?user=postgres
#       VOXGATE_TEST_POSTGRES_DIR=<temp dir holding the cluster>
#   scripts/postgres-for-tests.sh stop DIR   stops that cluster and deletes DIR.
#
# Uses Debian's postgresql package (installed here with apt-get when root and missing). The
# cluster lives in a temp dir, listens on 127.0.0.1 only, on a free port, trusts local
# connections (it holds nothing but test data), and runs without fsync. As root it runs as
# the postgres user. Exits non-zero, printing why on stderr, when it cannot start one.
set -euo pipefail

pg_bin() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start() {
  local bin
  bin=$(pg_bin || true)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      echo "postgres-for-tests: PostgreSQL server is not installed (apt-get install postgresql as root)" >&2
      exit 1
    fi
    echo "postgres-for-tests: installing postgresql" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends postgresql >/dev/null
    bin=$(pg_bin)
  fi
  local dir port
  dir=$(mktemp -d /tmp/voxgate-pg.XXXXXX)
  chmod 0755 "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
  fi
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1 || {
    echo "postgres-for-tests: initdb failed:" >&2; cat "$dir/initdb.log" >&2; exit 1; }
  local tries=0
  while :; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    if [ $tries -ge 3 ]; then
      echo "postgres-for-tests: pg_ctl start failed:" >&2; cat "$dir/server.log" >&2; exit 1
    fi
  done
  echo "VOXGATE_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres"
  echo "VOXGATE_TEST_POSTGRES_DIR=$dir"
}

stop() {
  local dir=${1:?usage: postgres-for-tests.sh stop DIR}
  case "$dir" in /tmp/voxgate-pg.*) ;; *) echo "postgres-for-tests: refusing to stop $dir" >&2; exit 1 ;; esac
  local bin
  bin=$(pg_bin || true)
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
