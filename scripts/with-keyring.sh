#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked
# gnome-keyring, so go-keyring talks to a real Secret Service.
set -euo pipefail
if [ -z "${TENANTLENS_IN_KEYRING:-}" ]; then
  rt=$(mktemp -d "${TMPDIR:-/tmp}/tl-xdg.XXXXXX")
  chmod 700 "$rt"
  mkdir -p "$rt/data"
  # A private keyring folder: a fresh login keyring unlocked with a known
  # password, whatever keyrings the machine already has.
  export XDG_RUNTIME_DIR="$rt" XDG_DATA_HOME="$rt/data" TENANTLENS_IN_KEYRING=1
  exec dbus-run-session -- "$0" "$@"
fi
echo -n tenantlens-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
