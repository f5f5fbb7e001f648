#!/usr/bin/env bash
# Publishes a deployable the way CI does and the Dockerfiles do: deploy/publish.sh silo|gateway OUTPUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  silo) project=src/Silo/Interview.Silo.csproj ;;
  gateway) project=src/Gateway/Interview.Gateway.csproj ;; # also builds the Blazor client and its Pyodide files (npm ci)
  *) echo "usage: deploy/publish.sh silo|gateway OUTPUT_DIR" >&2; exit 2 ;;
esac
[ -n "${2:-}" ] || { echo "usage: deploy/publish.sh silo|gateway OUTPUT_DIR" >&2; exit 2; }

dotnet publish "$project" -c Release -o "$2" --nologo -v quiet
