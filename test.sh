#!/usr/bin/env bash
# Restores, builds and runs every test project of Interview.sln, then fails below 80% line coverage
# of src/ (the project's rule). Installs what a fresh machine lacks; never skips silently.
set -euo pipefail
cd "$(dirname "$0")"

readonly CONFIGURATION=Release
readonly MIN_LINE_COVERAGE=80
readonly ARTIFACTS=artifacts

fail() { echo "test.sh: $*" >&2; exit 1; }

command -v dotnet >/dev/null || fail "the .NET SDK (dotnet) is not on PATH; install .NET 10 first"
dotnet --list-sdks | grep -q '^10\.' || fail "a .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"

# What the tests need from Debian: Chromium for tests/Browser.Tests (Playwright cannot download its own
# browser here) and redis-server for tests/Cluster.Tests.
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
[ -x /usr/bin/redis-server ] || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing Debian's ${missing[*]} for the browser and cluster tests"
  command -v apt-get >/dev/null || fail "${missing[*]} missing and apt-get is not available; install them (or set CHROMIUM_PATH)"
  [ "$(id -u)" -eq 0 ] || fail "${missing[*]} missing; run 'apt-get install ${missing[*]}' as root"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || fail "installing ${missing[*]} failed"
  [ -x "$chromium" ] || fail "chromium was installed but $chromium is not there"
  [ -x /usr/bin/redis-server ] || fail "redis-server was installed but /usr/bin/redis-server is not there"
fi
# The Kubernetes manifests are checked as `kubectl kustomize` renders them.
command -v kubectl >/dev/null || fail "kubectl is not on PATH; tests/Cluster.Tests renders deploy/k8s with it"

rm -rf "$ARTIFACTS/test-results" "$ARTIFACTS/coverage" "$ARTIFACTS/screenshots" "$ARTIFACTS/cluster-logs"
mkdir -p "$ARTIFACTS"

echo "== restore"
dotnet tool restore
dotnet restore Interview.sln

echo "== build ($CONFIGURATION)"
dotnet build Interview.sln -c "$CONFIGURATION" --no-restore

# The same commands build the container images (src/Silo/Dockerfile, src/Gateway/Dockerfile);
# tests/Cluster.Tests runs what they produce.
echo "== publish"
rm -rf "$ARTIFACTS/publish"
deploy/publish.sh silo "$ARTIFACTS/publish/silo"
deploy/publish.sh gateway "$ARTIFACTS/publish/gateway"

echo "== test"
status=0
dotnet test Interview.sln -c "$CONFIGURATION" --no-build \
  --settings tests/coverage.runsettings --collect "XPlat Code Coverage" \
  --results-directory "$ARTIFACTS/test-results" \
  --logger "console;verbosity=minimal" 2>&1 | tee "$ARTIFACTS/test-output.txt" || status=$?

passed=$(grep -Eo 'Passed: +[0-9]+' "$ARTIFACTS/test-output.txt" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$ARTIFACTS/test-output.txt" | awk '{s+=$2} END {print s+0}')
projects=$(grep -Ec '^(Passed|Failed)! ' "$ARTIFACTS/test-output.txt" || true)
expected=$(find tests -name '*.Tests.csproj' | wc -l)
echo "Tests: $passed passed, $failed failed"
[ "$status" -eq 0 ] || fail "dotnet test failed (exit $status)"
[ "$passed" -gt 0 ] || fail "no test ran"
[ "$projects" -eq "$expected" ] || fail "$projects of $expected test projects reported results"

echo "== coverage"
reports=$(find "$ARTIFACTS/test-results" -name 'coverage.cobertura.xml' | paste -sd ';' -)
[ -n "$reports" ] || fail "no coverage was collected"
dotnet reportgenerator "-reports:$reports" "-targetdir:$ARTIFACTS/coverage" \
  "-reporttypes:TextSummary;Cobertura" "-verbosity:Warning"
cat "$ARTIFACTS/coverage/Summary.txt"
line=$(grep -Eo 'Line coverage: *[0-9.]+' "$ARTIFACTS/coverage/Summary.txt" | grep -Eo '[0-9.]+$')
awk -v l="$line" -v m="$MIN_LINE_COVERAGE" 'BEGIN { exit !(l >= m) }' \
  || fail "line coverage of src/ is ${line}%, below ${MIN_LINE_COVERAGE}%"
echo "Line coverage of src/: ${line}% (minimum ${MIN_LINE_COVERAGE}%)"
