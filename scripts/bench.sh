#!/usr/bin/env bash
# Usage: scripts/bench.sh [tlbench flags…]   (make bench; `make build` first)
# MSP-scale benchmarks: full sync of 100 tenants through build/bin/tenantlens
# against graphsim at 50 ms per request, the script-style reference, 429/503
# storms, re-syncs, the 100,000-user workbook (backend/report's
# BenchmarkPeakRSS100k) and the window's cold start. Prints a table and
# writes docs/PERFORMANCE.md. Quick look at small sizes:
#   scripts/bench.sh -tenants 10 -scale 1 -runs 1 -sync-runs 1 -storm-runs 1 -out ''
set -euo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="${TMPDIR:-$PWD/.cache/tmp}"
mkdir -p "$TMPDIR" .cache/bench docs
[ -x build/bin/tenantlens ] || { echo "bench: no build/bin/tenantlens (run make build first)" >&2; exit 1; }
# the keychain (connect stores the partner's refresh token) needs a D-Bus
# session with an unlocked gnome-keyring
if [ -z "${TENANTLENS_IN_KEYRING:-}" ]; then
  exec scripts/with-keyring.sh "$0" "$@"
fi
echo "== compiling backend/report's benchmarks"
go test -c -tags webkit2_41 -o .cache/bench/report.test ./backend/report
echo "== tlbench"
exec go run -tags webkit2_41 ./backend/bench/cmd/tlbench -bin build/bin/tenantlens \
  -report-test .cache/bench/report.test -out docs/PERFORMANCE.md "$@"
