#!/usr/bin/env bash
# Runs every test of the repository. Needs only the .NET 10 SDK (and Node.js/npm for the interop checks,
# whose packages are installed here from tests/interop/package-lock.json).
set -euo pipefail
cd "$(dirname "$0")"

# (Again when a package of the lock file is missing, e.g. one added since the last install.)
installed() { for p in apache-arrow @msgpack/msgpack lz4js @bokuweb/zstd-wasm; do [ -f "tests/interop/node_modules/$p/package.json" ] || return 1; done; }
if command -v npm >/dev/null 2>&1 && [ -f tests/interop/package-lock.json ] && ! installed; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
fi

log=$(mktemp)
status=0
dotnet test Rdd.sln -c Release --nologo 2>&1 | tee "$log" || status=$?

# One plain closing line for CI: the totals over every test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
