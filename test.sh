#!/usr/bin/env bash
# Builds everything with tests and runs the whole suite offscreen, without network.
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-deps.sh
werror=OFF
[ "${CI:-}" = true ] && werror=ON
cmake -S . -B build-test -G Ninja -DCMAKE_BUILD_TYPE=Release -DWITH_GUI=ON -DBUILD_TESTING=ON -DBUILD_BENCH=ON \
      -DWERROR=$werror >/dev/null
cmake --build build-test -j"$(nproc)"
export QT_QPA_PLATFORM=offscreen
cd build-test
ctest --output-on-failure -j"$(nproc)"
