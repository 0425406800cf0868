#!/usr/bin/env bash
# Run every Go fuzz target of the repository for SECONDS each.
#
#   scripts/fuzz.sh SECONDS        (make fuzz runs it with 600)
#
# Targets are found by name (func FuzzXxx(f *testing.F) in *_test.go), so a
# new one is picked up without touching this script. Each runs alone with
#   go test -tags webkit2_41 -run '^$' -fuzz '^Name$' -fuzztime SECONDSs ./pkg
# and prints one summary line. The first failure stops the run (exit 1); go
# has then written the crashing input to the package's testdata/fuzz/Name/,
# which becomes a regression test once committed.
# FUZZ_PARALLEL=n limits the fuzzing workers (default: GOMAXPROCS).
set -euo pipefail

secs="${1:-}"
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -lt 1 ]; then
	echo "usage: $0 SECONDS (time per fuzz target)" >&2
	exit 2
fi
cd "$(dirname "$0")/.."
export TMPDIR="${TMPDIR:-$PWD/.cache/tmp}"
mkdir -p "$TMPDIR"

# "dir name" for every fuzz target, in a stable order
targets=$(grep -rEo --include='*_test.go' --exclude-dir=node_modules --exclude-dir=.cache --exclude-dir=.git \
	'^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' . |
	sed -E 's#^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*#\1 \2#' | sort -u)
if [ -z "$targets" ]; then
	echo "fuzz: no fuzz targets found" >&2
	exit 1
fi

par=()
if [ -n "${FUZZ_PARALLEL:-}" ]; then
	par=(-parallel "$FUZZ_PARALLEL")
fi
n=0
while read -r dir name; do
	n=$((n + 1))
	log="$TMPDIR/fuzz-$name.log"
	start=$(date +%s)
	set +e
	go test -tags webkit2_41 -run '^$' -fuzz "^${name}\$" -fuzztime "${secs}s" "${par[@]}" "$dir" >"$log" 2>&1
	rc=$?
	set -e
	took=$(($(date +%s) - start))
	# go prints "fuzz: elapsed: 1m0s, execs: 123456 (2057/sec), new interesting: 12 (total: 40)"
	last=$(grep -E '^fuzz: elapsed: .*execs: ' "$log" | tail -1 || true)
	execs=$(sed -nE 's/.*execs: ([0-9]+).*/\1/p' <<<"$last")
	interesting=$(sed -nE 's/.*new interesting: ([0-9]+) \(total: ([0-9]+)\).*/\1 new, \2 total/p' <<<"$last")
	if [ "$rc" -ne 0 ]; then
		echo "FAIL  ${dir#./} $name after ${took}s (execs ${execs:-?}); log: $log"
		grep -E -- '--- FAIL|panic:|Failing input written to|To re-run:|go test -run=' "$log" | head -20 || tail -20 "$log"
		exit 1
	fi
	echo "ok    ${dir#./} $name ${secs}s: ${execs:-?} execs, corpus ${interesting:-?}"
done <<<"$targets"
echo "fuzz: $n targets, no failure"
