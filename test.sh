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

# Rdd used from outside the solution, as a user does (after the tests, which built the libraries in Release):
# - samples/PackageSmoke, copied out of the repository, restored only from a feed packed just now. Its own package
#   folder (NUGET_PACKAGES) keeps a stale Rdd.* 0.1.0 extracted earlier in ~/.nuget/packages from being used.
# - every file-based app in apps/, one after the other (they build the same referenced projects, which must not be
#   built twice at once). Each checks its own results; a failure prints the app's name and output.
outside_failed=0
report() { echo "== $1: $2 ($(( $(date +%s) - $3 )) s)"; }
start=$(date +%s)
smoke=$(mktemp -d)
mkdir -p "$smoke/samples/PackageSmoke"
cp samples/PackageSmoke/*.cs samples/PackageSmoke/*.csproj samples/PackageSmoke/NuGet.config "$smoke/samples/PackageSmoke/"
if out=$(eng/pack.sh "$smoke/artifacts/feed" --no-build 2>&1 &&
         NUGET_PACKAGES="$smoke/packages" dotnet run --project "$smoke/samples/PackageSmoke" -c Release 2>&1); then
  report "samples/PackageSmoke from a fresh package feed" passed "$start"
else
  echo "$out"; report "samples/PackageSmoke from a fresh package feed" FAILED "$start"; outside_failed=1
fi
rm -rf "$smoke"
for app in apps/*.cs; do
  start=$(date +%s)
  if out=$(dotnet run -c Release "$app" 2>&1); then
    report "$app" passed "$start"
  else
    echo "$out"; report "$app" FAILED "$start"; outside_failed=1
  fi
done

# One plain closing line for CI: the totals over every test project.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed; package app and file-based apps: $([ "$outside_failed" -eq 0 ] && echo passed || echo FAILED)"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ] || [ "$outside_failed" -ne 0 ]; then exit 1; fi
