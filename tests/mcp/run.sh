#!/usr/bin/env bash
# ctest entry for the MCP client tests: runs one npm script ("test" or "conformance") with the
# pinned packages of package-lock.json. Exit 77 (ctest: skipped) with the reason when npm or the
# installed packages are missing; ./test.sh runs `npm ci` here first.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "SKIP: npm not found; install Node.js and npm to run the MCP client tests (SDK, Inspector, conformance)"
  exit 77
fi
if [ ! -x node_modules/.bin/node ] || [ ! -d node_modules/@modelcontextprotocol/sdk ]; then
  echo "SKIP: packages not installed; run 'npm ci' in tests/mcp (./test.sh does)"
  exit 77
fi
exec npm run --silent "$1"
