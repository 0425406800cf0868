#!/usr/bin/env bash
# Draws the TenantLens icon (a lens over a bar chart on the brand blue) and
# writes build/appicon.png (1024 px, the source Wails uses for every
# platform) and build/windows/icon.ico (256..16 px: the exe's and the
# installer's icon). Needs ImageMagick 6 (apt-get install imagemagick).
# The outputs are committed; run this only to change the icon.
set -euo pipefail
cd "$(dirname "$0")/../.."
convert=/usr/bin/convert # /usr/local/bin/convert may be a stand-in, not ImageMagick
[ -x "$convert" ] || { echo "make-icon: needs ImageMagick: apt-get install imagemagick" >&2; exit 1; }
"$convert" -size 1024x1024 xc:none \
  -fill '#0f6cbd' -draw 'roundrectangle 64,64 960,960 180,180' \
  -fill none -stroke white -strokewidth 72 -draw 'circle 440,440 440,700' \
  -stroke white -strokewidth 110 -draw 'line 630,630 820,820' \
  -stroke none -fill white \
  -draw 'rectangle 330,470 390,560' -draw 'rectangle 410,400 470,560' -draw 'rectangle 490,330 550,560' \
  -depth 8 -strip build/appicon.png
"$convert" build/appicon.png -depth 8 -define icon:auto-resize=256,128,64,48,32,24,16 build/windows/icon.ico
echo "make-icon: wrote build/appicon.png and build/windows/icon.ico"
