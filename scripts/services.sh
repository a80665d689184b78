#!/usr/bin/env bash
# Makes sure the local Redis and FerretDB (MongoDB-compatible) servers that PowerDesk needs
# are installed and listening on loopback. Idempotent: a server already answering is left alone.
# Starts nothing for a store whose URI is already set (MONGODB_URI / REDIS_URL), so the same
# commands run against a real MongoDB 7 or a managed Redis.
#
#   scripts/services.sh up     install if needed, start, wait until ready
#   scripts/services.sh down   stop what this script started
#   scripts/services.sh env    print the export lines for the local servers
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.data"
TOOLS="$ROOT/.tools"
FERRET_VERSION="v1.24.2"
FERRET_BIN="$TOOLS/bin/ferretdb-$FERRET_VERSION"
MONGO_PORT="${POWERDESK_MONGO_PORT:-27027}"
REDIS_PORT="${POWERDESK_REDIS_PORT:-6389}"

say() { echo "[services] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2 log=$3
  for _ in $(seq 1 100); do
    port_open "$port" && return 0
    sleep 0.1
  done
  say "$name did not start listening on 127.0.0.1:$port; last lines of $log:"
  tail -n 20 "$log" >&2 || true
  exit 1
}

install_redis() {
  command -v redis-server >/dev/null && return 0
  say "redis-server not found: installing Debian's redis-server"
  if [ "$(id -u)" -ne 0 ]; then
    say "not root: install it yourself (sudo apt-get install redis-server) or set REDIS_URL"
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
}

# `go install github.com/FerretDB/FerretDB/cmd/ferretdb@v1.24.2` builds a binary that panics at
# start ("Invalid build/version/version.txt file content"): the release's version file is filled
# in by FerretDB's own build task, not by `go install`. So we take the same module from the Go
# module proxy, write the version file the task would have written, and build that.
install_ferretdb() {
  [ -x "$FERRET_BIN" ] && return 0
  command -v go >/dev/null || { say "Go is needed to build FerretDB (or set MONGODB_URI)"; exit 1; }
  say "building FerretDB $FERRET_VERSION from the Go module proxy (once, about a minute)"
  local src build
  src="$(go mod download -json "github.com/FerretDB/FerretDB@$FERRET_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$src" ] || { say "could not download the FerretDB module"; exit 1; }
  build="$(mktemp -d)"
  cp -r "$src/." "$build/"
  chmod -R u+w "$build"
  echo "$FERRET_VERSION" >"$build/build/version/version.txt"
  mkdir -p "$TOOLS/bin"
  (cd "$build" && go build -buildvcs=false -o "$FERRET_BIN" ./cmd/ferretdb) >&2
  rm -rf "$build"
}

up_redis() {
  if [ -n "${REDIS_URL:-}" ]; then say "REDIS_URL is set: using it, not starting Redis"; return; fi
  if port_open "$REDIS_PORT"; then say "Redis already listening on 127.0.0.1:$REDIS_PORT"; return; fi
  install_redis
  mkdir -p "$DATA/redis"
  say "starting Redis on 127.0.0.1:$REDIS_PORT (append-only file in .data/redis)"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DATA/redis" \
    --appendonly yes --save "" --daemonize yes --protected-mode yes \
    --pidfile "$DATA/redis/redis.pid" --logfile "$DATA/redis/redis.log"
  wait_port "$REDIS_PORT" Redis "$DATA/redis/redis.log"
}

# _txlock=immediate: FerretDB's SQLite transactions otherwise start deferred and fail at once with
# "database is locked" (SQLITE_BUSY) when two writers upgrade together, instead of waiting; and a
# writer waits up to 30 s for the lock (FerretDB's default is 10 s, too short under a load test).
up_ferretdb() {
  if [ -n "${MONGODB_URI:-}" ]; then say "MONGODB_URI is set: using it, not starting FerretDB"; return; fi
  if port_open "$MONGO_PORT"; then say "FerretDB already listening on 127.0.0.1:$MONGO_PORT"; return; fi
  install_ferretdb
  mkdir -p "$DATA/ferretdb"
  say "starting FerretDB $FERRET_VERSION (SQLite in .data/ferretdb) on 127.0.0.1:$MONGO_PORT"
  nohup "$FERRET_BIN" --listen-addr="127.0.0.1:$MONGO_PORT" --handler=sqlite \
    --sqlite-url="file:$DATA/ferretdb/?_txlock=immediate&_pragma=busy_timeout(30000)" --telemetry=disable --log-level=warn \
    --debug-addr=- --state-dir="$DATA/ferretdb" \
    >"$DATA/ferretdb/ferretdb.log" 2>&1 &
  echo $! >"$DATA/ferretdb/ferretdb.pid"
  wait_port "$MONGO_PORT" FerretDB "$DATA/ferretdb/ferretdb.log"
}

down() {
  if [ -f "$DATA/redis/redis.pid" ]; then
    kill "$(cat "$DATA/redis/redis.pid")" 2>/dev/null && say "stopped Redis" || true
    rm -f "$DATA/redis/redis.pid"
  fi
  if [ -f "$DATA/ferretdb/ferretdb.pid" ]; then
    kill "$(cat "$DATA/ferretdb/ferretdb.pid")" 2>/dev/null && say "stopped FerretDB" || true
    rm -f "$DATA/ferretdb/ferretdb.pid"
  fi
}

case "${1:-up}" in
  up) up_redis; up_ferretdb ;;
  down) down ;;
  env)
    echo "export MONGODB_URI=\"${MONGODB_URI:-mongodb://127.0.0.1:$MONGO_PORT/powerdesk}\""
    echo "export REDIS_URL=\"${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}\""
    ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
