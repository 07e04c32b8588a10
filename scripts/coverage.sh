#!/usr/bin/env bash
# Line coverage of the test suite: builds with -DENABLE_COVERAGE=ON (gcc --coverage, Debug) into
# build-coverage, runs ctest there (arguments go to ctest, e.g. -R decoders or -E mcp_) and prints
# a summary of core/, app/ and views/: gcovr's when it is installed (sudo apt install gcovr; not
# needed to build), otherwise one line per library folder from gcov's own counts.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="${COVERAGE_BUILD_DIR:-build-coverage}"

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DENABLE_COVERAGE=ON -DWITH_GUI=ON \
      -DBUILD_TESTING=ON -DBUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
find "$build" -name '*.gcda' -delete # this run's counts only

export QT_QPA_PLATFORM=offscreen
status=0
(cd "$build" && ctest --output-on-failure -j"$(nproc)" "$@") || status=$?

echo
if command -v gcovr >/dev/null 2>&1; then
  gcovr --root "$root" --filter "$root/core/" --filter "$root/app/" --filter "$root/views/" \
        --print-summary "$build"
else
  echo "gcovr not installed (sudo apt install gcovr for a per-file report); summary from gcov:"
  # A file compiled into several objects (a header) counts once, with its best-covered object.
  find "$build" -name '*.gcda' -printf '%h\n' | sort -u | while read -r dir; do
    (cd "$dir" && gcov -n -o . ./*.gcda 2>/dev/null) || true
  done | awk -v root="$root/" '
    /^File / { f = substr($0, 7, length($0) - 7); next }
    /^Lines executed:/ {
      if (index(f, root) != 1) next
      rel = substr(f, length(root) + 1)
      if (rel !~ /^(core\/[a-z]+|app|views)\//) next
      split(substr($0, 16), a, "% of ")
      hit = a[1] * a[2] / 100
      if (!(rel in lines) || hit > hits[rel]) { hits[rel] = hit; lines[rel] = a[2] }
    }
    END {
      for (rel in lines) {
        n = split(rel, p, "/")
        dir = p[1] == "core" ? p[1] "/" p[2] : p[1]
        dh[dir] += hits[rel]; dl[dir] += lines[rel]; th += hits[rel]; tl += lines[rel]
      }
      for (dir in dl) printf "%-18s %6.1f%% of %6d lines\n", dir, 100 * dh[dir] / dl[dir], dl[dir] | "sort"
      close("sort")
      if (tl > 0) printf "%-18s %6.1f%% of %6d lines\n", "total", 100 * th / tl, tl
    }'
fi
exit "$status"
