#!/usr/bin/env bash
# End to end: the real kluis-app binary driven through tauri-driver + WebKitWebDriver under
# Xvfb, inside a private D-Bus session (the screen-lock test sends the screensaver signal on
# it). Screenshots of each main screen go to screenshots/ (ignored by git).
# KLUIS_E2E_ONLY=<pattern> runs only the tests whose names match it. KLUIS_E2E_PORT (default
# 4444; the native driver takes the next port) lets two runs share a machine, and
# KLUIS_E2E_APP a binary of one's own (the kluis CLI must sit beside it).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version '^2' --locked
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
export KLUIS_E2E_APP="${KLUIS_E2E_APP:-${CARGO_TARGET_DIR:-$root/target}/debug/kluis-app}"
export KLUIS_E2E_PORT="${KLUIS_E2E_PORT:-4444}"
[ -x "$KLUIS_E2E_APP" ] || { echo "build the app first: cargo build -p kluis-app"; exit 1; }
export KLUIS_E2E_SCREENSHOTS="$root/screenshots"
mkdir -p "$KLUIS_E2E_SCREENSHOTS"
work=$(mktemp -d)
# The desktop portal (started on the private D-Bus) may leave a FUSE mount in the test home.
trap 'fusermount -uz "$work/home/.cache/doc" 2>/dev/null || true; rm -rf "$work" 2>/dev/null || true' EXIT
# The app gets a home of its own, so we can check afterwards what it wrote there.
export KLUIS_E2E_DIR="$work" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
  XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$HOME"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
  tauri-driver --port "$KLUIS_E2E_PORT" --native-port "$((KLUIS_E2E_PORT + 1))" > "$KLUIS_E2E_DIR/tauri-driver.log" 2>&1 &
  driver=$!
  trap "kill $driver 2>/dev/null || true" EXIT
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$KLUIS_E2E_PORT) 2>/dev/null && break; sleep 0.1; done
  cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec ${KLUIS_E2E_ONLY:+--test-name-pattern="$KLUIS_E2E_ONLY"}
'
# Besides the vaults the tests chose, the app may write only its preferences (and WebKit its
# caches): none of it may contain case data.
echo "files the app wrote in its home (without GPU shader caches):"
(cd "$HOME" && find . \( -path ./.cache/doc -o -path ./.cache/mesa_shader_cache \) -prune \
  -o -type f -print 2>/dev/null | sort | sed 's/^/  /' | head -40) || true
if grep -rlaF --exclude-dir=doc -e "conflict over roosters" -e "Zorggroep De Linde" -e "Verzonnen notitie" \
  -e "Piet Verzonnen" -e "DE VRIES" "$HOME"; then
  echo "FAIL: case data found in the app's own files (above)"; exit 1
fi
echo "no case data outside the vault files"
