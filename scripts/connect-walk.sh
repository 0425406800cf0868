#!/usr/bin/env bash
# Usage: scripts/connect-walk.sh [BINARY]   (default build/bin/tenantlens; builds nothing — `make build` first)
# Headless connect end to end: `tenantlens emulator --auto-consent`, then `connect --tenant <a customer's domain>
# --no-browser` with the printed "open:" URL fetched by curl, then `sync --all`, `tenants`, `disconnect`; exit 0 = all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/bin/tenantlens}"
[ -x "$bin" ] || { echo "connect-walk: no executable at $bin (run make build first)" >&2; exit 1; }
bin=$(realpath "$bin")
export TMPDIR="${TMPDIR:-$PWD/.cache/tmp}"
mkdir -p "$TMPDIR"
# Everything below runs in one private D-Bus session with an unlocked
# gnome-keyring: connect stores the token there and sync reads it back.
if [ -z "${TENANTLENS_IN_KEYRING:-}" ]; then
  exec scripts/with-keyring.sh "$0" "$bin"
fi

work=$(mktemp -d "$TMPDIR/connectwalk.XXXXXX")
emu="" conn=""
cleanup() {
  [ -n "$conn" ] && kill "$conn" 2>/dev/null || true
  if [ -n "$emu" ]; then kill -- "-$emu" 2>/dev/null || kill "$emu" 2>/dev/null || true; wait "$emu" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "connect-walk: FAIL: $*" >&2
  for f in "$work"/*.out "$work"/*.err; do [ -s "$f" ] && { echo "--- $(basename "$f")" >&2; tail -n 20 "$f" >&2; }; done
  exit 1
}
ok() { echo "ok   $*"; }
# wait_for PATTERN FILE PID: until a line of FILE matches, while PID lives
wait_for() {
  for _ in $(seq 1 300); do
    grep -q "$1" "$2" 2>/dev/null && return 0
    kill -0 "$3" 2>/dev/null || { grep -q "$1" "$2" 2>/dev/null && return 0; return 1; }
    sleep 0.2
  done
  return 1
}

# 1. the emulated Microsoft cloud, in its own process group
setsid "$bin" emulator --auto-consent --listen 127.0.0.1:0 >"$work/emulator.out" 2>"$work/emulator.err" &
emu=$!
wait_for '^tenants: ' "$work/emulator.out" "$emu" || fail "the emulator did not start"
authority=$(sed -n 's/^authority: //p' "$work/emulator.out")
graph=$(sed -n 's/^graph: //p' "$work/emulator.out")
catalog=$(sed -n 's/^catalog: //p' "$work/emulator.out")
client=$(sed -n 's/^client: //p' "$work/emulator.out")
# "customer: <id> <domain> (<name>)": the first customer of the demo partner
domain="${CONNECT_WALK_TENANT:-$(sed -n 's/^customer: [^ ]* \([^ ]*\) .*/\1/p' "$work/emulator.out" | head -n1)}"
[ -n "$authority" ] && [ -n "$graph" ] && [ -n "$client" ] && [ -n "$domain" ] || fail "emulator lines incomplete"
ok "emulator: authority $authority, graph $graph, tenant $domain"

export TENANTLENS_HOME="$work/home" TENANTLENS_AUTHORITY="$authority" TENANTLENS_GRAPH="$graph" \
  TENANTLENS_CLIENT_ID="$client" TENANTLENS_CATALOG_URL="$catalog"

# 2. connect --no-browser: it prints "open: <URL>" and waits for the redirect
"$bin" connect --tenant "$domain" --no-browser >"$work/connect.out" 2>"$work/connect.err" &
conn=$!
wait_for '^open: ' "$work/connect.out" "$conn" || fail "connect printed no open: line"
url=$(sed -n 's/^open: //p' "$work/connect.out" | head -n1)
case "$url" in "$authority"/*/oauth2/v2.0/authorize\?*) ;; *) fail "sign-in URL $url" ;; esac
# a plain HTTP client plays the browser: authorize -> 302 to the loopback listener
curl -fsS -L -o "$work/browser.html" "$url" || fail "fetching the sign-in URL"
rc=0; wait "$conn" || rc=$?
conn=""
[ "$rc" = 0 ] || fail "connect exited $rc"
grep -q '1 ready' "$work/connect.out" || fail "connect did not report the tenant ready"
ok "connect --tenant $domain --no-browser (URL fetched with curl)"

# 3. sync every ready tenant, then list them
"$bin" sync --all >"$work/sync.out" 2>"$work/sync.err" || fail "sync --all exited $?"
grep -q '^ok ' "$work/sync.out" || fail "sync reported no synced tenant"
ok "sync --all: $(grep '^ok ' "$work/sync.out" | head -n1 | sed 's/^ok *//')"
"$bin" tenants >"$work/tenants.out" 2>"$work/tenants.err" || fail "tenants exited $?"
grep -q "$domain.*succeeded" "$work/tenants.out" || fail "tenants does not show $domain synced"
ok "tenants:"
sed 's/^/     /' "$work/tenants.out"

# 4. no token text in anything printed or stored
if cat "$work"/*.out "$work"/*.err | grep -Eq 'eyJ0eXAi|1\.AV0A'; then fail "a token appears in command output"; fi
if grep -rEq 'eyJ0eXAi|1\.AV0A' "$work/home"; then fail "a token appears in the data folder"; fi
ok "no token in output or data folder"

# 5. disconnect removes the tenant and its token
"$bin" disconnect --tenant "$domain" >"$work/disconnect.out" 2>"$work/disconnect.err" || fail "disconnect exited $?"
[ "$("$bin" tenants --json | tr -d ' \n')" = "[]" ] || fail "tenants left after disconnect"
ok "disconnect --tenant $domain"
echo "connect-walk: all steps passed"
