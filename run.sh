#!/usr/bin/env bash
# Installs what is missing, builds in Release and starts crypto-orderflow (GUI with a display,
# headless server otherwise). Arguments are passed through: ./run.sh --headless --replay FILE
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
gui=ON
[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || gui=OFF
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DWITH_GUI=$gui -DBUILD_TESTING=OFF -DBUILD_BENCH=OFF >/dev/null
cmake --build build -j"$(nproc)"
args=("$@")
if [ "$gui" = OFF ] && [[ " ${args[*]:-} " != *" --headless "* ]] && [[ "${args[0]:-}" != report ]]; then
  args=(--headless "${args[@]}")
fi
exec build/bin/crypto-orderflow "${args[@]}"
