#!/usr/bin/env bash
# make test-package: builds the Windows installer with make package-windows
# and checks what a Windows user would get, without Windows:
#   - the installer is a PE32 Nullsoft installer named for wails.json's version,
#     whose version resource carries that version and whose manifest asks for
#     no administrator rights (RequestExecutionLevel user -> asInvoker)
#   - tenantlens.exe is a 64-bit GUI PE whose version resource carries the
#     version, product and company, with build/windows/icon.ico embedded
#   - the installer holds exactly that tenantlens.exe (byte for byte), its
#     uninstaller and the WebView2 bootstrapper (listed with 7-Zip)
# Not in make test: it builds the frontend and the Windows exe (minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
export TMPDIR=${TMPDIR:-$PWD/.cache/tmp}
mkdir -p "$TMPDIR"
start=$SECONDS

command -v 7z >/dev/null 2>&1 || {
  echo "test-package: installing p7zip-full (7z lists the installer's contents)"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends p7zip-full >/dev/null
}

scripts/package-windows.sh
built=$((SECONDS - start))

version=$(sed -n 's/^ *"productVersion": *"\([^"]*\)".*/\1/p' wails.json | head -1)
inst=build/bin/TenantLens-$version-amd64-installer.exe
exe=build/bin/tenantlens.exe
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
# has FILE KEY VALUE: the UTF-16 strings of FILE have KEY followed by VALUE
# (how a VS_VERSIONINFO string table stores its pairs).
has() { strings -el "$1" | grep -A1 -x "$2" | grep -x -- "$3" >/dev/null; }

[ -f "$inst" ] && ok "installer written: $inst ($(du -h "$inst" | cut -f1))" || { bad "no $inst"; echo "0 passed, 1 failed"; exit 1; }
ft=$(file -b "$inst")
echo "     file: $ft"
[[ "$ft" == PE32\ executable* ]] && ok "installer is PE32" || bad "installer is not PE32: $ft"
[[ "$ft" == *"Nullsoft Installer"* ]] && ok "installer is a Nullsoft Installer" || bad "installer is not NSIS: $ft"
has "$inst" ProductVersion "$version" && ok "installer ProductVersion $version" || bad "installer ProductVersion is not $version"
has "$inst" FileDescription "TenantLens $version installer" && ok "installer FileDescription" || bad "installer FileDescription"
strings "$inst" | grep 'level="asInvoker"' >/dev/null && ok "installer asks for no administrator rights (asInvoker)" ||
  bad "installer manifest does not request asInvoker (per-user install)"

ft=$(file -b "$exe")
echo "     file: $ft"
[[ "$ft" == "PE32+ executable (GUI) x86-64"* ]] && ok "tenantlens.exe is a 64-bit GUI PE" || bad "tenantlens.exe: $ft"
for kv in "ProductVersion=$version" "FileVersion=$version" "ProductName=TenantLens" "CompanyName=TenantLens" \
          "OriginalFilename=tenantlens.exe"; do
  has "$exe" "${kv%%=*}" "${kv#*=}" && ok "tenantlens.exe $kv" || bad "tenantlens.exe lacks $kv"
done
# The icon: every image of build/windows/icon.ico is embedded byte for byte.
if python3 - "$exe" build/windows/icon.ico <<'PY'
import struct, sys
exe = open(sys.argv[1], 'rb').read(); ico = open(sys.argv[2], 'rb').read()
n = struct.unpack_from('<HHH', ico)[2]
missing = [i for i in range(n)
           if ico[struct.unpack_from('<I', ico, 6 + 16*i + 12)[0]:][:struct.unpack_from('<I', ico, 6 + 16*i + 8)[0]] not in exe]
sys.exit(1 if n == 0 or missing else 0)
PY
then ok "tenantlens.exe embeds all images of build/windows/icon.ico"; else bad "tenantlens.exe does not embed build/windows/icon.ico"; fi

list=$(7z l -ba "$inst" 2>/dev/null || true)
for f in tenantlens.exe uninstall.exe '$PLUGINSDIR/MicrosoftEdgeWebview2Setup.exe'; do
  printf '%s\n' "$list" | grep " ${f//\$/\\\$}\$" >/dev/null && ok "installer holds $f" || bad "installer lacks $f"
done
x=$(mktemp -d "$TMPDIR/pkgcheck.XXXXXX")
7z e -y -o"$x" "$inst" tenantlens.exe >/dev/null
if cmp -s "$x/tenantlens.exe" "$exe"; then ok "installer's tenantlens.exe is build/bin/tenantlens.exe byte for byte"
else bad "installer's tenantlens.exe differs from build/bin/tenantlens.exe"; fi
rm -rf "$x"

echo "test-package: make package-windows took ${built}s; all checks $((SECONDS - start))s"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
