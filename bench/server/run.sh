#!/usr/bin/env bash
# Server benchmark: 64 clients for 30 s each against crypto-orderflow replaying a recorded day —
# MCP tools/call get_key_levels and REST /api/key-levels, the footprint, profile and liquidity tools
# against get_key_levels' p99 — next to the TypeScript SDK's example
# server answering tools/list in the same run. Needs a build (bench_server, crypto-orderflow) and
# `npm ci` in tests/mcp. Usage: bench/server/run.sh [BUILD_DIR] [SECONDS] [CLIENTS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../../build}" && pwd)"
seconds="${2:-30}"
clients="${3:-64}"
data="${CO_SHARED_DATA_DIR:-$here/../../../shared/data/binance}/hftbacktest"
node="$here/../../tests/mcp/node_modules/.bin/node"
[ -x "$node" ] || node=node
tmp="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

wait_port() { # file pattern → port
  for _ in $(seq 1 200); do
    if p=$(grep -oE "$2 127\.0\.0\.1:[0-9]+" "$1" 2>/dev/null | grep -oE '[0-9]+$'); then echo "$p"; return; fi
    sleep 0.1
  done
  echo "no port line in $1" >&2; cat "$1" >&2; exit 1
}

XDG_DATA_HOME="$tmp" XDG_CONFIG_HOME="$tmp" CACHE_DB_PATH="$tmp/cache.sqlite" \
  "$build/bin/crypto-orderflow" --headless --port 0 --symbols BTCUSDT --replay "$data/btcusdt_20240808.gz" 2>"$tmp/co.log" &
pids+=($!)
co=$(wait_port "$tmp/co.log" "MCP listening on")
until curl -s "http://127.0.0.1:$co/healthz" | grep -q '"finished":true'; do sleep 0.2; done
"$node" "$here/sdk-server.mjs" 2>"$tmp/sdk.log" &
pids+=($!)
sdk=$(wait_port "$tmp/sdk.log" "SDK example server listening on")

echo "crypto-orderflow $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, $clients clients, ${seconds}s each"
key=$("$build/bin/bench_server" --port "$co" --mode mcp-call --clients "$clients" --seconds "$seconds")
echo "crypto-orderflow MCP get_key_levels:   $key"
keyp99=$(grep -oE 'p99=[0-9.]+' <<<"$key" | cut -d= -f2)
"$build/bin/bench_server" --port "$co" --mode rest --clients "$clients" --seconds "$seconds" | sed 's/^/crypto-orderflow REST key-levels:     /'
# The footprint, profile (issue 17), liquidity and derivatives tools (issue 18) against
# get_key_levels' p99 in this run: same budget. The replayed day has no open-interest poll
# (get_open_interest answers its "no data" error) and no liquidation, so those measure the lookup
# and the answer path.
for spec in 'get_footprint|{"symbol":"BTCUSDT","timeframe":"5m","ticksPerRow":10}' \
            'get_footprint_statistics|{"symbol":"BTCUSDT","timeframe":"30m"}' \
            'get_session_profile|{"symbol":"BTCUSDT"}' \
            'get_tpo_profile|{"symbol":"BTCUSDT"}' \
            'get_funding_rate|{"symbol":"BTCUSDT"}' \
            'get_orderbook_heatmap|{"symbol":"BTCUSDT","lookbackMinutes":60}' \
            'get_open_interest|{"symbol":"BTCUSDT"}' \
            'stream_liquidations|{"symbol":"BTCUSDT","startTime":0}'; do
  tool="${spec%%|*}"; args="${spec#*|}"
  line=$("$build/bin/bench_server" --port "$co" --mode mcp-call --clients "$clients" --seconds "$seconds" --tool "$tool" --args "$args")
  p99=$(grep -oE 'p99=[0-9.]+' <<<"$line" | cut -d= -f2)
  printf 'crypto-orderflow MCP %-26s %s p99/key-levels-p99=%.2f\n' "$tool:" "$line" "$(awk -v a="$p99" -v b="$keyp99" 'BEGIN{print a/b}')"
done
"$build/bin/bench_server" --port "$sdk" --mode mcp-list --clients "$clients" --seconds "$seconds" | sed 's/^/SDK example server MCP tools\/list:    /'
