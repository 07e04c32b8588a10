#!/usr/bin/env bash
# Long libFuzzer runs of every fuzz/ target (default 30 min each; FUZZ_MINUTES to change, a target
# name to run one). Needs /usr/bin/clang++. New interesting inputs stay in build-fuzz/fuzz/corpus-*;
# a crash leaves build-fuzz/fuzz/<target>-crash-*: copy it to fuzz/corpus/<target>/ (it then is
# replayed by ctest as a regression) and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${FUZZ_MINUTES:-30}
targets=${1:-"fuzz_frame_decoder fuzz_rest_decoders fuzz_mcp_dispatch fuzz_http_request fuzz_aggtrades_csv"}
CC=/usr/bin/clang CXX=/usr/bin/clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DWITH_GUI=OFF -DBUILD_TESTING=OFF -DBUILD_BENCH=OFF -DENABLE_FUZZING=ON >/dev/null
cmake --build build-fuzz --target $targets
for t in $targets; do
  echo "== $t: $minutes min"
  mkdir -p "build-fuzz/fuzz/corpus-$t"
  ASAN_OPTIONS=detect_leaks=0 QT_QPA_PLATFORM=offscreen "build-fuzz/bin/$t" -max_total_time=$((minutes * 60)) \
    -max_len=65536 -timeout=10 -rss_limit_mb=2048 -jobs="${FUZZ_JOBS:-1}" \
    -artifact_prefix="build-fuzz/fuzz/$t-" "build-fuzz/fuzz/corpus-$t" "fuzz/corpus/$t"
done
