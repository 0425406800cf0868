#!/usr/bin/env bash
# Installs what a make target needs on a fresh Debian machine; idempotent and
# quiet when everything is already there.
#   scripts/setup.sh build   toolchain for building the app (WebKitGTK, Wails CLI, npm packages)
#   scripts/setup.sh test    build + test tools (Xvfb, gnome-keyring, Chromium, LibreOffice, ImageMagick)
#   scripts/setup.sh demo    build + Xvfb (for machines without a display)
#   scripts/setup.sh toolchain   only the Go and Node.js checks below
# Go (go.mod's version) and Node.js 20 are checked first: a missing or old one
# stops with one line saying what to install (scripts/setup-check.sh tests it).
set -euo pipefail
cd "$(dirname "$0")/.."

WAILS_VERSION=v2.16.0
mode=${1:-build}

build_pkgs=(pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev)
test_pkgs=(xvfb xauth x11-utils dbus gnome-keyring chromium imagemagick libreoffice-calc fonts-dejavu-core curl openssl)
demo_pkgs=(xvfb xauth x11-utils dbus gnome-keyring)
pkgs=("${build_pkgs[@]}")
case "$mode" in
  build) ;;
  test) pkgs+=("${test_pkgs[@]}") ;;
  demo) pkgs+=("${demo_pkgs[@]}") ;;
  toolchain) ;;
  *) echo "usage: $0 build|test|demo|toolchain" >&2; exit 2 ;;
esac

# ---- Go and Node.js: checked before anything uses them ----
need_node=20
go_min=$(sed -n 's/^go \([0-9][0-9.]*\)[[:space:]]*$/\1/p' go.mod)        # e.g. 1.26.0
go_pin=$(sed -n 's/^toolchain \(go[0-9][0-9.]*\)[[:space:]]*$/\1/p' go.mod) # e.g. go1.26.2, if any
go_pin=${go_pin:-go$go_min}
go_major=$(echo "$go_min" | cut -d. -f1,2)                                  # 1.26
# ver_ge A B: version A >= version B.
ver_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]; }
# The newest version of a Debian package in the configured repositories
# ("" when apt knows none); only asked when something is missing (it is slow).
apt_newest() {
  command -v apt-cache >/dev/null 2>&1 || return 0
  apt-cache madison "$1" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}' |
    sed 's/^[0-9]*://; s/[-+~].*//' | sort -V | tail -1
}
stop() { echo "setup: $*" >&2; exit 1; }
go_fix() {
  local deb; deb=$(apt_newest golang-go)
  if [ -n "$deb" ] && ver_ge "$deb" 1.21; then
    echo "apt-get install golang-go (Go $deb; it fetches $go_pin itself) or install Go $go_major from https://go.dev/dl, then run make again"
  elif [ -n "$deb" ]; then
    echo "install Go $go_major or newer from https://go.dev/dl (this distribution's golang-go is $deb, too old), then run make again"
  else
    echo "install Go $go_major or newer from https://go.dev/dl, then run make again"
  fi
}
node_fix() {
  local deb; deb=$(apt_newest nodejs)
  if [ -n "$deb" ] && ver_ge "$deb" "$need_node"; then
    echo "apt-get install nodejs npm (Node.js $deb), then run make again"
  elif [ -n "$deb" ]; then
    echo "this distribution's nodejs is $deb, too old: install Node.js $need_node LTS or newer from https://nodejs.org (or NodeSource's Debian packages), then run make again"
  else
    echo "install Node.js $need_node LTS or newer from https://nodejs.org, then run make again"
  fi
}
if ! command -v go >/dev/null 2>&1; then
  stop "TenantLens needs Go $go_major or newer and there is no go command on PATH: $(go_fix)"
fi
# `go version` outside the module reports the local toolchain itself.
have_go=$(cd / && GOTOOLCHAIN=local go version 2>/dev/null | sed -n 's/^go version go\([0-9][0-9.]*\).*/\1/p')
[ -n "$have_go" ] || stop "TenantLens needs Go $go_major or newer and 'go version' did not answer: $(go_fix)"
if ! ver_ge "$have_go" "$go_min"; then
  if ! ver_ge "$have_go" 1.21; then
    stop "TenantLens needs Go $go_major or newer; this is Go $have_go, too old to fetch it: $(go_fix)"
  fi
  if [ "${GOTOOLCHAIN:-}" = local ]; then
    stop "Go $have_go is older than the $go_min go.mod needs and GOTOOLCHAIN=local keeps it from fetching $go_pin: run make with GOTOOLCHAIN=auto, or $(go_fix)"
  fi
  echo "setup: Go $have_go is older than $go_min: using GOTOOLCHAIN=auto, which fetches $go_pin through the module proxy ($(go env GOPROXY 2>/dev/null))"
  export GOTOOLCHAIN=auto
  got=$(go version 2>/dev/null | sed -n 's/^go version go\([0-9][0-9.]*\).*/\1/p')
  if [ -z "$got" ] || ! ver_ge "$got" "$go_min"; then
    stop "Go $have_go could not fetch $go_pin through the module proxy (GOPROXY=$(go env GOPROXY 2>/dev/null)): $(go_fix)"
  fi
fi

if ! command -v node >/dev/null 2>&1; then
  stop "TenantLens needs Node.js $need_node or newer and there is no node command on PATH: $(node_fix)"
fi
have_node=$(node --version 2>/dev/null | sed -n 's/^v\([0-9][0-9.]*\).*/\1/p')
if [ -z "$have_node" ] || ! ver_ge "$have_node" "$need_node"; then
  stop "TenantLens needs Node.js $need_node or newer; this is Node.js ${have_node:-of unknown version}: $(node_fix)"
fi
if ! command -v npm >/dev/null 2>&1; then
  stop "Node.js $have_node is here but npm is not: install npm (apt-get install npm, or the npm that comes with Node.js from https://nodejs.org), then run make again"
fi
[ "$mode" != toolchain ] || exit 0

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

GOBIN_DIR=$(go env GOPATH)/bin
if ! "$GOBIN_DIR/wails" version 2>/dev/null | grep -q "$WAILS_VERSION"; then
  echo "setup: installing the Wails CLI $WAILS_VERSION"
  go install "github.com/wailsapp/wails/v2/cmd/wails@$WAILS_VERSION"
fi

# npm packages exactly as the lock file lists them (npm ci never rewrites
# it, so a fresh clone stays clean); reinstalled when the lock file changed
# since the last install. The lock holds every platform's optional packages
# (rollup, esbuild), so it installs on Linux, macOS and Windows alike.
stamp=frontend/node_modules/.tenantlens-lock
if [ ! -f "$stamp" ] || ! cmp -s frontend/package-lock.json "$stamp"; then
  echo "setup: installing npm packages (npm ci)"
  (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  cp frontend/package-lock.json "$stamp"
fi

# main.go embeds frontend/dist: until the first frontend build, a placeholder
# page lets the Go packages compile (vet, tests, bindings).
if [ ! -e frontend/dist/index.html ]; then
  mkdir -p frontend/dist
  printf '<!doctype html><title>TenantLens</title><p>The frontend has not been built yet: run make build.</p>\n' > frontend/dist/index.html
fi
