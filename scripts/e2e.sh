#!/usr/bin/env bash
# End-to-end suite: the real app under Xvfb with a real keychain.
#  1. `wails dev` serves the UI with live Go bindings at http://localhost:34115;
#     playwright-core drives Debian's Chromium against it.
#  2. The built binary opens its real window; ImageMagick screenshots the X display.
# Artefacts (screenshots, logs) land in .cache/e2e/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${TENANTLENS_IN_KEYRING:-}" ]; then exec scripts/with-keyring.sh "$0" "$@"; fi

WAILS=$(go env GOPATH)/bin/wails
out=$PWD/.cache/e2e
rm -rf "$out"; mkdir -p "$out"
export TENANTLENS_HOME="$out/home"
export TL_E2E_OUT="$out" TL_BIN="$PWD/build/bin/tenantlens" TL_BASE="http://localhost:34115"

dev_pid=""
cleanup() {
  if [ -n "$dev_pid" ] && kill -0 "$dev_pid" 2>/dev/null; then
    kill -INT -- "-$dev_pid" 2>/dev/null || kill -INT "$dev_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$dev_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$dev_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

echo "e2e: starting wails dev (first start compiles a debug build; can take minutes)"
setsid xvfb-run -a -s '-screen 0 1280x800x24' \
  "$WAILS" dev -tags webkit2_41 -m -nosyncgomod -noreload -loglevel Warning ${TL_APPARGS:+-appargs "$TL_APPARGS"} \
  >"$out/wails-dev.log" 2>&1 &
dev_pid=$!

deadline=$((SECONDS + 900))
until curl -fsS -o /dev/null "$TL_BASE/" 2>/dev/null && curl -fsS "$TL_BASE/wails/ipc.js" -o /dev/null 2>/dev/null; do
  if ! kill -0 "$dev_pid" 2>/dev/null; then echo "e2e: wails dev exited early"; tail -50 "$out/wails-dev.log"; exit 1; fi
  if [ $SECONDS -gt $deadline ]; then echo "e2e: wails dev did not come up in 15 minutes"; tail -50 "$out/wails-dev.log"; exit 1; fi
  sleep 2
done
echo "e2e: wails dev is serving at $TL_BASE"

cd frontend
node --test --test-concurrency=1 e2e/
