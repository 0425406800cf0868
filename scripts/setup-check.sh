#!/usr/bin/env bash
# Tests scripts/setup.sh's answers on a machine without the right Go or
# Node.js: setup.sh runs on a PATH stripped of go, node and npm (only the
# basic tools it needs, plus fake toolchains that report old versions), and
# each case must stop with exactly the expected line(s) and never a bare
# "command not found". Takes a second or two; run by make test-setup.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$(mktemp -d "${TMPDIR:-/tmp}/setup-check.XXXXXX")
trap 'rm -rf "$work"' EXIT

go_min=$(sed -n 's/^go \([0-9][0-9.]*\)[[:space:]]*$/\1/p' go.mod)
go_major=$(echo "$go_min" | cut -d. -f1,2)

# A bin folder holding only what setup.sh needs besides go/node/npm.
base=$work/base
mkdir -p "$base"
for t in bash env dirname sed cut sort head tail grep awk id cat tr apt-cache dpkg-query; do
  p=$(command -v "$t") && ln -s "$(readlink -f "$p")" "$base/$t"
done
real_go=$(readlink -f "$(command -v go)")
real_node=$(readlink -f "$(command -v node)")
real_npm=$(readlink -f "$(command -v npm)")

# fake_go DIR VERSION: a go that is VERSION and cannot fetch anything.
fake_go() {
  mkdir -p "$1"
  cat >"$1/go" <<SH
#!/usr/bin/env bash
case "\$1" in
  version) echo "go version go$2 linux/amd64" ;;
  env) case "\$2" in GOPROXY) echo "https://proxy.golang.org,direct" ;; GOTOOLCHAIN) echo "\${GOTOOLCHAIN:-auto}" ;; *) echo "" ;; esac ;;
  *) echo "go: unexpected call \$*" >&2; exit 1 ;;
esac
SH
  chmod +x "$1/go"
}
fake_node() {
  mkdir -p "$1"
  printf '#!/usr/bin/env bash\necho v%s\n' "$2" >"$1/node"
  chmod +x "$1/node"
}

pass=0 fail=0
# check NAME PATH WANT_LINES REGEX... : setup.sh toolchain on PATH must exit
# non-zero, print exactly WANT_LINES lines, line i matching REGEX i.
check() {
  local name=$1 path=$2 want=$3; shift 3
  local out rc=0
  out=$(env -i HOME="$HOME" PATH="$path" ${EXTRA_ENV:-} bash "$root/scripts/setup.sh" toolchain 2>&1) || rc=$?
  local n; n=$(printf '%s\n' "$out" | grep -c . || true)
  local ok=1 i=0 line
  [ "$rc" -ne 0 ] || { echo "  exit code 0, want non-zero"; ok=0; }
  [ "$n" -eq "$want" ] || { echo "  $n lines, want $want"; ok=0; }
  if printf '%s\n' "$out" | grep -qi 'command not found\|no such file'; then echo "  a bare shell error"; ok=0; fi
  for re in "$@"; do
    i=$((i + 1))
    line=$(printf '%s\n' "$out" | sed -n "${i}p")
    printf '%s\n' "$line" | grep -Eq -- "$re" || { echo "  line $i does not match /$re/"; ok=0; }
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); echo "ok   $name: $out" | head -3
  else fail=$((fail + 1)); echo "FAIL $name (exit $rc):"; printf '     %s\n' "$out"; fi
}

# Node.js tools that are fine, for the Go cases.
nodeok=$work/nodeok; mkdir -p "$nodeok"; ln -s "$real_node" "$nodeok/node"; ln -s "$real_npm" "$nodeok/npm"
goreal=$work/goreal; mkdir -p "$goreal"; ln -s "$real_go" "$goreal/go"

check "no Go" "$base:$nodeok" 1 \
  "^setup: TenantLens needs Go $go_major or newer and there is no go command on PATH: .*https://go\.dev/dl.*then run make again$"
fake_go "$work/go119" 1.19.8
check "Go 1.19 (too old for GOTOOLCHAIN)" "$base:$work/go119:$nodeok" 1 \
  "^setup: TenantLens needs Go $go_major or newer; this is Go 1\.19\.8, too old to fetch it: .*then run make again$"
fake_go "$work/go121" 1.21.0
check "Go 1.21 that cannot reach the proxy" "$base:$work/go121:$nodeok" 2 \
  "^setup: Go 1\.21\.0 is older than $go_min: using GOTOOLCHAIN=auto, which fetches go$go_major[0-9.]* through the module proxy" \
  "^setup: Go 1\.21\.0 could not fetch go$go_major[0-9.]* through the module proxy .*https://go\.dev/dl.*then run make again$"
EXTRA_ENV=GOTOOLCHAIN=local check "Go 1.21 with GOTOOLCHAIN=local" "$base:$work/go121:$nodeok" 1 \
  "^setup: Go 1\.21\.0 is older than the $go_min go\.mod needs and GOTOOLCHAIN=local keeps it from fetching .*: run make with GOTOOLCHAIN=auto"
check "no Node.js" "$base:$goreal" 1 \
  "^setup: TenantLens needs Node\.js 20 or newer and there is no node command on PATH: .*(nodejs\.org|apt-get install nodejs).*then run make again$"
fake_node "$work/node18" 18.20.4
check "Node.js 18" "$base:$goreal:$work/node18" 1 \
  "^setup: TenantLens needs Node\.js 20 or newer; this is Node\.js 18\.20\.4: .*then run make again$"
nonpm=$work/nonpm; mkdir -p "$nonpm"; ln -s "$real_node" "$nonpm/node"
check "Node.js without npm" "$base:$goreal:$nonpm" 1 \
  "^setup: Node\.js [0-9.]+ is here but npm is not: install npm"

# The machine's own Go and Node.js pass the check quietly.
if out=$(env -i HOME="$HOME" PATH="$base:$goreal:$nodeok" bash scripts/setup.sh toolchain 2>&1) && [ -z "$out" ]; then
  pass=$((pass + 1)); echo "ok   this machine's Go and Node.js: accepted, nothing printed"
else
  fail=$((fail + 1)); echo "FAIL this machine's Go and Node.js: $out"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
