#!/usr/bin/env bash
# Makes sure the local Redis and the local MongoDB-compatible store (mongo-java-server 1.47.0)
# that PowerDesk needs are installed and listening on loopback. Idempotent: a server already
# answering is left alone. Starts nothing for a store whose URI is already set (MONGODB_URI /
# REDIS_URL), so the same commands run against a real MongoDB 7 or a managed Redis.
#
#   scripts/services.sh up     install if needed, start, wait until ready
#   scripts/services.sh down   stop what this script started
#   scripts/services.sh env    print the export lines for the local servers
#
# POWERDESK_STORE picks the store's backend:
#   h2      (default: demo, development) data in .data/mongo/powerdesk.mv, committed before each
#           answer, so it survives kill -9 of the store; 127.0.0.1:27027
#   memory  (tests, benchmarks: faster, gone when stopped); 127.0.0.1:27028
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/.data"
STORE="${POWERDESK_STORE:-h2}"
case "$STORE" in
  h2) DEFAULT_MONGO_PORT=27027 ;;
  memory) DEFAULT_MONGO_PORT=27028 ;;
  *) echo "[services] POWERDESK_STORE must be h2 or memory, not '$STORE'" >&2; exit 2 ;;
esac
MONGO_PORT="${POWERDESK_MONGO_PORT:-$DEFAULT_MONGO_PORT}"
REDIS_PORT="${POWERDESK_REDIS_PORT:-6389}"
STORE_DIR="$ROOT/tools/mongo-server"
STORE_JAR="$STORE_DIR/target/powerdesk-mongo-server.jar"
MONGO_DATA="$DATA/mongo"

say() { echo "[services] $*" >&2; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  local port=$1 name=$2 log=$3
  for _ in $(seq 1 300); do
    port_open "$port" && return 0
    sleep 0.1
  done
  say "$name did not start listening on 127.0.0.1:$port; last lines of $log:"
  tail -n 20 "$log" >&2 || true
  exit 1
}

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    say "not root: install $* yourself (sudo apt-get install $*) or set the store's URI"
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  say "installing Debian's $*"
  apt-get update -qq >&2
  apt-get install -y -qq "$@" >&2
}

install_redis() {
  command -v redis-server >/dev/null || apt_install redis-server
}

# The store is a tiny Maven module (tools/mongo-server): mongo-java-server's jars from Maven
# Central plus a launcher whose H2 backend commits before it answers. Built once.
install_store() {
  command -v java >/dev/null && command -v mvn >/dev/null || apt_install openjdk-17-jre-headless maven
  if [ -f "$STORE_JAR" ] && [ "$STORE_JAR" -nt "$STORE_DIR/pom.xml" ] && [ -d "$STORE_DIR/target/lib" ] &&
    [ -z "$(find "$STORE_DIR/src" -newer "$STORE_JAR" -type f)" ]; then
    return 0
  fi
  say "building the local store (mongo-java-server 1.47.0 from Maven Central; once, under a minute)"
  local started=$SECONDS
  mvn -q -B -f "$STORE_DIR/pom.xml" package dependency:copy-dependencies \
    -DoutputDirectory=target/lib -DincludeScope=runtime >&2
  say "store built in $((SECONDS - started)) s"
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

up_store() {
  if [ -n "${MONGODB_URI:-}" ]; then say "MONGODB_URI is set: using it, not starting a store"; return; fi
  if port_open "$MONGO_PORT"; then say "store ($STORE) already listening on 127.0.0.1:$MONGO_PORT"; return; fi
  install_store
  mkdir -p "$MONGO_DATA"
  local args=("$STORE" "$MONGO_PORT") log="$MONGO_DATA/$STORE.log"
  [ "$STORE" = h2 ] && args+=("$MONGO_DATA/powerdesk.mv")
  say "starting mongo-java-server ($STORE) on 127.0.0.1:$MONGO_PORT"
  nohup java -Xmx2g -XX:+UseSerialGC -cp "$STORE_JAR:$STORE_DIR/target/lib/*" powerdesk.store.Main "${args[@]}" \
    >"$log" 2>&1 &
  echo $! >"$MONGO_DATA/$STORE.pid"
  wait_port "$MONGO_PORT" mongo-java-server "$log"
}

down() {
  if [ -f "$DATA/redis/redis.pid" ]; then
    kill "$(cat "$DATA/redis/redis.pid")" 2>/dev/null && say "stopped Redis" || true
    rm -f "$DATA/redis/redis.pid"
  fi
  for backend in h2 memory; do
    if [ -f "$MONGO_DATA/$backend.pid" ]; then
      kill "$(cat "$MONGO_DATA/$backend.pid")" 2>/dev/null && say "stopped the store ($backend)" || true
      rm -f "$MONGO_DATA/$backend.pid"
    fi
  done
}

case "${1:-up}" in
  up) up_redis; up_store ;;
  down) down ;;
  env)
    echo "export MONGODB_URI=\"${MONGODB_URI:-mongodb://127.0.0.1:$MONGO_PORT/powerdesk}\""
    echo "export REDIS_URL=\"${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT}\""
    ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
