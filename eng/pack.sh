#!/usr/bin/env bash
# Packs Rdd.Core, Rdd.Sql and Rdd.MlLib into a local NuGet feed (default: artifacts/feed), the folder that apps,
# notebooks and file-based apps outside the solution restore Rdd from.
# Usage: eng/pack.sh [feed-folder] [more dotnet pack arguments, e.g. --no-build after a Release build]
set -euo pipefail
cd "$(dirname "$0")/.."
feed="${1:-artifacts/feed}"
shift || true
mkdir -p "$feed"
for project in src/Core/Rdd.Core.csproj src/Sql/Rdd.Sql.csproj src/MlLib/Rdd.MlLib.csproj; do
  dotnet pack "$project" -c Release --nologo -o "$feed" "$@"
done
