#!/usr/bin/env bash
# Installs what a make target needs on a fresh Debian machine; idempotent and
# quiet when everything is already there.
#   scripts/setup.sh build   toolchain for building the app (WebKitGTK, Wails CLI, npm packages)
#   scripts/setup.sh test    build + test tools (Xvfb, gnome-keyring, Chromium, LibreOffice, ImageMagick)
#   scripts/setup.sh demo    build + Xvfb (for machines without a display)
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
  *) echo "usage: $0 build|test|demo" >&2; exit 2 ;;
esac

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
