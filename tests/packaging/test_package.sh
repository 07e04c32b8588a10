#!/usr/bin/env bash
# Builds the .deb with CPack, checks its contents and dependencies, unpacks it into a clean root
# and runs the installed binary: --version, then --headless with /healthz answering 200.
# Usage: test_package.sh <build dir>
set -euo pipefail
build="$1"
work="$(mktemp -d)"
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb="$(ls "$work"/out/*.deb)"
contents="$(dpkg-deb -c "$deb")"
for f in ./usr/bin/crypto-orderflow ./usr/share/applications/crypto-orderflow.desktop \
         ./usr/lib/systemd/system/crypto-orderflow-headless.service \
         ./usr/share/icons/hicolor/scalable/apps/crypto-orderflow.svg \
         ./usr/share/icons/hicolor/48x48/apps/crypto-orderflow.png; do
  grep -q " $f\$" <<<"$contents" || { echo "FAIL: $f missing from the package"; exit 1; }
done
depends="$(dpkg-deb -f "$deb" Depends)"
for d in libqt6core6 libqt6network6 libqt6sql6-sqlite libsimdjson14; do
  grep -q "$d" <<<"$depends" || { echo "FAIL: Depends lacks $d: $depends"; exit 1; }
done
if command -v desktop-file-validate >/dev/null; then
  dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/crypto-orderflow.desktop >"$work/e.desktop"
  desktop-file-validate "$work/e.desktop"
fi
if command -v lintian >/dev/null; then lintian --no-tag-display-limit "$deb" || true; fi

root="$work/root"
dpkg-deb -x "$deb" "$root"
bin="$root/usr/bin/crypto-orderflow"
"$bin" --version | grep -q '^crypto-orderflow [0-9]' || { echo "FAIL: --version"; exit 1; }

export HOME="$work/home" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
"$bin" --headless --offline --port 0 --cache-db-path "$work/cache.sqlite" 2>"$work/stderr.log" &
pid=$!
port=""
for _ in $(seq 1 100); do
  port="$(grep -o 'MCP listening on 127.0.0.1:[0-9]*' "$work/stderr.log" | grep -o '[0-9]*$' || true)"
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "FAIL: the installed binary did not start listening"; cat "$work/stderr.log"; exit 1; }
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&3
reply="$(timeout 5 cat <&3 || true)" # Qt keeps the connection open
head -1 <<<"$reply" | grep -q ' 200 ' || { echo "FAIL: /healthz: $reply"; exit 1; }
grep -q '"status":"ok"' <<<"$reply" || { echo "FAIL: /healthz body: $reply"; exit 1; }
kill "$pid"
wait "$pid" || true
echo "package ok: $(basename "$deb"), /healthz 200 on port $port"
