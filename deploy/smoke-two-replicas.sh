#!/usr/bin/env bash
# Local smoke test of the compose topology without Docker: two replicas (src/main.ts via ts-node)
# behind nginx running deploy/nginx.conf (upstream hosts rewritten to local ports), on the test
# services (scripts/services.sh: Redis and the memory store). Needs `nginx` on PATH.
#   bash deploy/smoke-two-replicas.sh
# It checks readiness through nginx, a customer chat over the websocket through nginx, and that
# after SIGTERM to the replica holding the socket the client reconnects to the other and resumes.
set -euo pipefail
cd "$(dirname "$0")/.."
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6389}
BASE=${MONGODB_URI:-mongodb://127.0.0.1:27028}
DB=$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/pd_smoke_" + process.argv[2]; console.log(u.toString())' "$BASE" "$RANDOM")
WORK=$(mktemp -d)
P1=$((20000 + RANDOM % 10000)); P2=$((P1 + 1)); LB=$((P1 + 2))
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  DB="$DB" node -e 'require("mongodb").MongoClient.connect(process.env.DB).then(async (c) => { await c.db().dropDatabase(); await c.close(); }).catch(() => undefined)'
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
KEEP=${KEEP:-}

for port in $P1 $P2; do
  NODE_ENV=test PORT=$port MONGODB_URI="$DB" REDIS_URL="$REDIS_URL" QUEUE_PREFIX=pd-smoke \
    LOG_LEVEL=warn SHUTDOWN_GRACE_MS=5000 \
    node -r ts-node/register/transpile-only src/main.ts > "$WORK/app-$port.log" 2>&1 &
  PIDS+=($!)
  echo "replica on :$port pid $!"
done

sed -e "s/app1:3000/127.0.0.1:$P1/g" -e "s/app2:3000/127.0.0.1:$P2/g" \
  -e "s/listen 80;/listen 127.0.0.1:$LB;/" -e "s#access_log /dev/stdout main;#access_log $WORK/access.log main;#" \
  deploy/nginx.conf > "$WORK/nginx.conf"
sed -i "1i pid $WORK/nginx.pid;\nerror_log $WORK/error.log;" "$WORK/nginx.conf"
sed -i "s#^http {#http {\n  client_body_temp_path $WORK; proxy_temp_path $WORK;#" "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK"
echo "nginx on :$LB"

LB=$LB P1=$P1 P2=$P2 PID1=${PIDS[0]} PID2=${PIDS[1]} node -e '
const { io } = require("socket.io-client");
const lb = `http://127.0.0.1:${process.env.LB}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const ok = (cond, what) => { if (!cond) { console.error("FAIL", what); process.exit(1); } console.log("ok  ", what); };
(async () => {
  for (const port of [process.env.P1, process.env.P2]) {
    for (let i = 0; i < 240; i++) {
      const r = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
      if (r && r.status === 200) break;
      await sleep(250);
    }
  }
  const ready = await fetch(`${lb}/health/ready`);
  ok(ready.status === 200, "readiness 200 through nginx");
  ok(/^[0-9a-f]{32}$/.test(ready.headers.get("x-request-id") ?? ""), "nginx request id kept by the replica: " + ready.headers.get("x-request-id"));
  const socket = io(`${lb}/customer`, { transports: ["websocket"] });
  const replies = [];
  socket.on("message:created", (m) => replies.push(m));
  await new Promise((r) => socket.once("connect", r));
  const start = await socket.timeout(5000).emitWithAck("conversation:start", { language: "en" });
  ok(start.ok, "conversation started over the websocket through nginx");
  await socket.timeout(5000).emitWithAck("message:send", { clientMessageId: "smoke-1", text: "my power is out" });
  for (let i = 0; i < 100 && !replies.some((m) => m.sender === "bot"); i++) await sleep(50);
  ok(replies.some((m) => m.sender === "bot"), "bot answered");
  // Which replica holds the socket: the one whose /metrics counts a customer socket.
  const count = async (port) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return Number(/powerdesk_sockets_connected\{namespace="\/customer"\} (\d+)/.exec(text)?.[1] ?? 0);
  };
  const holder = (await count(process.env.P1)) === 1 ? 1 : 2;
  const pid = holder === 1 ? process.env.PID1 : process.env.PID2;
  const other = holder === 1 ? process.env.P2 : process.env.P1;
  const disconnected = new Promise((r) => socket.once("disconnect", r));
  const reconnected = new Promise((r) => socket.io.once("reconnect", r));
  const t0 = Date.now();
  process.kill(Number(pid), "SIGTERM");
  const reason = await disconnected;
  ok(reason === "transport close", `replica ${holder} drained, socket closed at the transport (${Date.now() - t0} ms)`);
  await reconnected;
  ok(true, `client reconnected by itself through nginx after ${Date.now() - t0} ms`);
  const resumed = await socket.timeout(5000).emitWithAck("conversation:resume", { resumeToken: start.resumeToken });
  ok(resumed.ok, "conversation resumed on the other replica");
  ok((await count(other)) === 1, "the other replica now holds the socket");
  const again = await fetch(`${lb}/health/ready`);
  ok(again.status === 200, "readiness through nginx still 200 (the live replica answers)");
  socket.close();
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
'
sleep 1
for pid in "${PIDS[@]}"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    code=0; wait "$pid" || code=$?
    echo "ok   drained replica (pid $pid) exited with $code"
    [ "$code" = 0 ] || exit 1
  fi
done
