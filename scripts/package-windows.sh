#!/usr/bin/env bash
# make package-windows: the Windows installer, cross-built on Linux.
#   1. installs what it needs (scripts/setup.sh build; Debian's nsis for makensis)
#   2. builds the frontend and build/bin/tenantlens.exe with Wails: the exe's
#      properties (product, version, company, icon) come from wails.json and
#      build/windows/{info.json,icon.ico}; `tenantlens version` is stamped
#      with -ldflags like make build
#   3. runs makensis on build/windows/installer/project.nsi, writing
#      build/bin/TenantLens-<version>-amd64-installer.exe
# The release version is wails.json's info.productVersion (numeric x.y.z, as
# Windows' version resources need); `tenantlens version` says
# <version>+<git describe> unless HEAD is tagged v<version>.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export TMPDIR=${TMPDIR:-$root/.cache/tmp}
mkdir -p "$TMPDIR"

scripts/setup.sh build
if ! command -v makensis >/dev/null 2>&1; then
  echo "package-windows: installing nsis (makensis)"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nsis >/dev/null
fi

version=$(sed -n 's/^ *"productVersion": *"\([^"]*\)".*/\1/p' wails.json | head -1)
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "package-windows: wails.json info.productVersion is '$version': set it to a numeric x.y.z version (Windows needs one)" >&2
  exit 1
fi
describe=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
stamp=$version
[ "$describe" = "v$version" ] || stamp="$version+$describe"

wails=$(go env GOPATH)/bin/wails
echo "package-windows: building the frontend and tenantlens.exe $version (tenantlens version: $stamp)"
log=$TMPDIR/package-windows.log
(cd frontend && npm run build --silent) >"$log" 2>&1 ||
  { cat "$log"; echo "package-windows: the frontend build (npm run build) failed (output above)" >&2; exit 1; }
"$wails" build -platform windows/amd64 -ldflags "-X tenantlens/backend/config.Version=$stamp" \
  -o tenantlens.exe -s -m -nosyncgomod -skipbindings -trimpath >"$log" 2>&1 ||
  { cat "$log"; echo "package-windows: wails build -platform windows/amd64 failed (output above)" >&2; exit 1; }
exe=$root/build/bin/tenantlens.exe

# Microsoft's WebView2 bootstrapper ships inside the Wails module (it is what
# `wails build -nsis` puts in its installers): nothing is downloaded.
wails_dir=$(go list -m -f '{{.Dir}}' github.com/wailsapp/wails/v2)
webview2=$wails_dir/internal/webview2runtime/MicrosoftEdgeWebview2Setup.exe
[ -f "$webview2" ] || { echo "package-windows: $webview2 is missing: run go mod download github.com/wailsapp/wails/v2" >&2; exit 1; }

out=$root/build/bin/TenantLens-$version-amd64-installer.exe
rm -f "$out"
echo "package-windows: makensis build/windows/installer/project.nsi"
makensis -V2 -DVERSION="$version" -DAPP_BINARY="$exe" -DWEBVIEW2_SETUP="$webview2" -DOUTFILE="$out" \
  build/windows/installer/project.nsi
[ -f "$out" ] || { echo "package-windows: makensis wrote no installer" >&2; exit 1; }
echo "package-windows: $(file -b "$out" | cut -c1-80)"
echo "package-windows: wrote ${out#"$root"/} ($(du -h "$out" | cut -f1))"
