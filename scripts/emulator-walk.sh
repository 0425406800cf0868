#!/usr/bin/env bash
# Walks the standalone emulator (graphsim) with plain curl, the way scripts
# and CI use it: openid configuration, authorize with PKCE -> 302 to the
# loopback redirect with a code -> token POST -> /users pages with the bearer
# token -> refresh at a customer authority (GDAP) -> a usage report download.
# Exits non-zero on any mismatch.  Needs: go, curl, openssl, grep, sed.
set -euo pipefail
cd "$(dirname "$0")/.."
export TMPDIR="${TMPDIR:-$PWD/.cache/tmp}"
mkdir -p "$TMPDIR"
work=$(mktemp -d "$TMPDIR/emuwalk.XXXXXX")
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "emulator-walk: FAIL: $*" >&2; exit 1; }
ok() { echo "ok   $*"; }
# json_str KEY FILE: the first string value of KEY (tokens are base64url, URLs have no quotes)
json_str() { grep -o "\"$1\":\"[^\"]*\"" "$2" | head -n1 | sed "s/^\"$1\":\"//; s/\"\$//"; }

# 1. start the emulator (`tenantlens emulator`) in its own process group (go run spawns a child)
setsid go run -tags webkit2_41 . emulator --auto-consent --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 600); do
  grep -q '^graph: ' "$work/out" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/err" >&2; fail "emulator exited"; }
  sleep 0.2
done
authority=$(sed -n 's/^authority: //p' "$work/out")
graph=$(sed -n 's/^graph: //p' "$work/out")
client=$(sed -n 's/^client: //p' "$work/out")
[ -n "$authority" ] && [ -n "$graph" ] && [ -n "$client" ] || fail "no authority/graph/client lines: $(cat "$work/out")"
ok "emulator up: authority $authority, graph $graph"

# 2. openid configuration
curl -fsS "$authority/organizations/v2.0/.well-known/openid-configuration" >"$work/oidc"
auth_ep=$(json_str authorization_endpoint "$work/oidc")
token_ep=$(json_str token_endpoint "$work/oidc")
case "$auth_ep" in "$authority"/*/oauth2/v2.0/authorize) ;; *) fail "authorization_endpoint $auth_ep" ;; esac
ok "openid configuration"

# 3. authorize with PKCE S256 -> 302 to the loopback redirect with a code
verifier=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n' | cut -c1-64)
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
redirect="http://127.0.0.1:53117/"
scope="openid profile offline_access https://graph.microsoft.com/.default"
loc=$(curl -sS -o /dev/null -w '%{redirect_url}' -G "$auth_ep" \
  --data-urlencode "client_id=$client" --data-urlencode "response_type=code" \
  --data-urlencode "redirect_uri=$redirect" --data-urlencode "scope=$scope" \
  --data-urlencode "state=walk42" --data-urlencode "code_challenge=$challenge" \
  --data-urlencode "code_challenge_method=S256")
case "$loc" in "$redirect?"*) ;; *) fail "authorize redirected to '$loc'" ;; esac
code=$(printf %s "$loc" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
state=$(printf %s "$loc" | sed -n 's/.*[?&]state=\([^&]*\).*/\1/p')
[ -n "$code" ] && [ "$state" = walk42 ] || fail "no code/state in $loc"
ok "authorize -> 302 $redirect?code=...&state=$state"

# 4. token POST (public client: no secret)
curl -sS -o "$work/tok" -w '%{http_code}' "$token_ep" \
  --data-urlencode "client_id=$client" --data-urlencode "grant_type=authorization_code" \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" \
  --data-urlencode "code_verifier=$verifier" --data-urlencode "scope=$scope" >"$work/st"
[ "$(cat "$work/st")" = 200 ] || fail "token: $(cat "$work/st") $(cat "$work/tok")"
access=$(json_str access_token "$work/tok")
refresh=$(json_str refresh_token "$work/tok")
[ -n "$access" ] && [ -n "$refresh" ] || fail "token response lacks tokens"
grep -q '"token_type":"Bearer"' "$work/tok" || fail "token_type"
ok "token: access ${#access} bytes, refresh ${#refresh} bytes"
# the code is single-use
st=$(curl -sS -o "$work/tok2" -w '%{http_code}' "$token_ep" \
  --data-urlencode "client_id=$client" --data-urlencode "grant_type=authorization_code" \
  --data-urlencode "code=$code" --data-urlencode "redirect_uri=$redirect" --data-urlencode "code_verifier=$verifier")
[ "$st" = 400 ] && grep -q 'AADSTS54005' "$work/tok2" || fail "code reuse: $st $(cat "$work/tok2")"
ok "code reuse rejected (AADSTS54005)"

# 5. /users pages with the bearer token, following absolute nextLinks
next="$graph/v1.0/users?\$select=id,userPrincipalName,accountEnabled&\$top=5"
pages=0
while [ -n "$next" ] && [ "$pages" -lt 3 ]; do
  curl -fsS -H "Authorization: Bearer $access" "$next" >"$work/page" || fail "GET $next"
  n=$(grep -o '"userPrincipalName"' "$work/page" | wc -l)
  [ "$n" -ge 1 ] || fail "empty users page: $(head -c 300 "$work/page")"
  next=$(json_str '@odata.nextLink' "$work/page" || true)
  if [ -n "$next" ]; then
    case "$next" in "$graph/v1.0/users?"*'$skiptoken='*) ;; *) fail "nextLink $next" ;; esac
  fi
  pages=$((pages + 1))
done
ok "users: $pages page(s) of up to 5 via absolute nextLinks"
st=$(curl -sS -o /dev/null -w '%{http_code}' "$graph/v1.0/users")
[ "$st" = 401 ] || fail "users without token: $st"
ok "users without token -> 401"

# 6. GDAP: redeem the partner's refresh token at a customer authority
curl -fsS -H "Authorization: Bearer $access" "$graph/v1.0/tenantRelationships/delegatedAdminCustomers" >"$work/cust"
customer=$(json_str tenantId "$work/cust")
[ -n "$customer" ] || fail "no delegatedAdminCustomers"
curl -sS -o "$work/ctok" -w '%{http_code}' "$authority/$customer/oauth2/v2.0/token" \
  --data-urlencode "client_id=$client" --data-urlencode "grant_type=refresh_token" \
  --data-urlencode "refresh_token=$refresh" \
  --data-urlencode "scope=https://graph.microsoft.com/.default offline_access" >"$work/st"
[ "$(cat "$work/st")" = 200 ] || fail "GDAP refresh: $(cat "$work/st") $(cat "$work/ctok")"
caccess=$(json_str access_token "$work/ctok")
crefresh=$(json_str refresh_token "$work/ctok")
[ -n "$crefresh" ] && [ "$crefresh" != "$refresh" ] || fail "refresh token not rotated"
curl -fsS -H "Authorization: Bearer $caccess" "$graph/v1.0/organization" >"$work/org"
grep -q "\"id\":\"$customer\"" "$work/org" || fail "customer token reads another tenant"
ok "GDAP refresh at customer $customer (rotated refresh token)"

# 7. a usage report: 302 to an unauthenticated download with a BOM CSV
loc=$(curl -sS -o /dev/null -w '%{redirect_url}' -H "Authorization: Bearer $caccess" \
  "$graph/v1.0/reports/microsoft.graph.getOffice365ActiveUserDetail(period=%27D30%27)")
[ -n "$loc" ] || fail "report did not redirect"
curl -fsS "$loc" -o "$work/report.csv" || fail "download $loc"
[ "$(head -c 3 "$work/report.csv" | xxd -p)" = efbbbf ] || fail "report CSV has no UTF-8 BOM"
head -n1 "$work/report.csv" | grep -q 'Report Refresh Date,User Principal Name,Display Name' || fail "report header"
ok "report: 302 -> $(($(wc -l <"$work/report.csv") - 1)) CSV rows"

echo "emulator-walk: all checks passed"
