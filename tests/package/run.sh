#!/usr/bin/env bash
# Package test (issue 14): builds the debug .deb (`make bundle PACKAGE_PROFILE=debug`, no
# rebuild after `make build`), installs it on this machine with dpkg -i (CI runs as root on a
# fresh machine), checks the installed files and `kluis --version`, then under Xvfb, with a
# private HOME and a private D-Bus session, "double-clicks" a demo vault with xdg-open and
# checks that the installed app starts with that vault; a screenshot goes to screenshots/.
# Finally dpkg -r / -P and checks that the app is gone while the vault and the preferences
# in the test HOME are untouched. Everything is undone on failure too (trap).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
started=$(date +%s)
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
pkg=kluis
# Helpers, also for the shell under Xvfb (xvfb-run is a sh script: exported functions get lost).
helpers='
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
# Only the app processes this test started: the installed binary with the test HOME.
app_pids() {
  local d
  for d in /proc/[0-9]*; do
    [ "$(readlink "$d/exe" 2>/dev/null)" = /usr/bin/kluis-app ] || continue
    tr "\0" "\n" < "$d/environ" 2>/dev/null | grep -qxF "HOME=$KLUIS_PACKAGE_DIR/home" && echo "${d#/proc/}"
  done
  return 0
}'
eval "$helpers"

if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
  fail "package $pkg is already installed here; this test installs and removes it (dpkg -r $pkg first)"
fi

target=${CARGO_TARGET_DIR:-$root/target}
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
[ -n "$version" ] || fail "no workspace version in Cargo.toml"
make --no-print-directory bundle PACKAGE_PROFILE=debug PACKAGE_BUNDLES=deb
deb="$target/debug/bundle/deb/Kluis_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb"
ok "built $(basename "$deb") ($(du -m "$deb" | cut -f1) MiB)"

work=$(mktemp -d -t kluis-package-XXXXXX)
export KLUIS_PACKAGE_DIR="$work" KLUIS_HELPERS="$helpers"
installed=0
cleanup() {
  local rc=$?
  for p in $(app_pids); do kill "$p" 2>/dev/null || true; done
  fusermount -uz "$work/home/.cache/doc" 2>/dev/null || true
  if [ "$installed" -eq 1 ]; then $SUDO dpkg -P "$pkg" >/dev/null 2>&1 || true; fi
  rm -rf "$work" 2>/dev/null || true
  exit $rc
}
trap cleanup EXIT

# 1. Install and check the files.
$SUDO dpkg -i "$deb" >/dev/null
installed=1
ok "dpkg -i"
[ "$(dpkg-query -W -f='${Version}' "$pkg")" = "$version" ] || fail "installed version is not $version"
for f in /usr/bin/kluis-app /usr/bin/kluis; do [ -x "$f" ] || fail "$f missing"; done
desktop=$(dpkg -L "$pkg" | grep '^/usr/share/applications/.*\.desktop$') || fail "no desktop entry"
desktop-file-validate "$desktop" || fail "$desktop is not valid"
grep -qx 'MimeType=application/x-kluis-vault;' "$desktop" || fail "no MimeType in $desktop"
grep -qx 'Exec=kluis-app %f' "$desktop" || fail "Exec in $desktop does not take a file"
grep -qx 'Icon=kluis-app' "$desktop" || fail "no Icon in $desktop"
grep -q 'type="application/x-kluis-vault"' /usr/share/mime/packages/kluis.xml || fail "no MIME XML"
for s in 32x32 64x64 128x128 256x256 512x512; do
  [ -f "/usr/share/icons/hicolor/$s/apps/kluis-app.png" ] || fail "no $s icon"
done
zcat /usr/share/doc/kluis/changelog.gz | grep -q "^## $version" || fail "changelog lacks $version"
ok "files: binaries, $desktop (valid), MIME XML, 5 icon sizes, changelog"
[ "$(command -v kluis)" = /usr/bin/kluis ] || fail "kluis on PATH is $(command -v kluis), not /usr/bin/kluis"
[ "$(kluis --version)" = "kluis $version" ] || fail "kluis --version printed '$(kluis --version)'"
ok "kluis --version: $(kluis --version)"

# 2. Register the MIME type and the desktop entry (the packages' dpkg triggers do this too).
$SUDO update-mime-database /usr/share/mime
$SUDO update-desktop-database /usr/share/applications

# 3. A private HOME with a demo vault and preferences as an advisor would have them.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
  XDG_CACHE_HOME="$work/home/.cache"
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION KLUIS_VAULT
mkdir -p "$HOME/Documenten" "$XDG_CONFIG_HOME/nl.kluis.app"
vault="$HOME/Documenten/demo.kluis"
kluis demo --orgs 2 --dossiers 40 --years 1 --seed 1 "$vault" >/dev/null
printf '{"language":"nl","recent":[]}\n' > "$XDG_CONFIG_HOME/nl.kluis.app/preferences.json"
[ "$(xdg-mime query filetype "$vault")" = application/x-kluis-vault ] ||
  fail "xdg-mime sees $(xdg-mime query filetype "$vault") for a .kluis file"
default=$(xdg-mime query default application/x-kluis-vault)
[ "$default" = "$(basename "$desktop")" ] || fail "default app for .kluis is '$default'"
ok "xdg-mime: .kluis is application/x-kluis-vault, opened by $default"
sums() { (cd "$HOME" && find Documenten .config/nl.kluis.app -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(sums)

# 4. Double-click, simulated: xdg-open under Xvfb in a private D-Bus session.
shots="$root/screenshots"
mkdir -p "$shots"
export KLUIS_SHOT="$shots/package-unlock.png" KLUIS_VAULT_PATH="$vault"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x860x24" bash -c '
  set -euo pipefail
  eval "$KLUIS_HELPERS"
  xdg-open "$KLUIS_VAULT_PATH" > "$KLUIS_PACKAGE_DIR/xdg-open.log" 2>&1 &
  pid=""
  for _ in $(seq 200); do pid=$(app_pids | head -1); [ -n "$pid" ] && break; sleep 0.1; done
  [ -n "$pid" ] || { cat "$KLUIS_PACKAGE_DIR/xdg-open.log"; fail "xdg-open started no /usr/bin/kluis-app"; }
  mapfile -d "" args < "/proc/$pid/cmdline"
  [ "${args[1]:-}" = "$KLUIS_VAULT_PATH" ] || fail "the app was started with ${args[*]}"
  ok "xdg-open started /usr/bin/kluis-app (pid $pid) with the vault: ${args[*]}"
  win=""
  for _ in $(seq 300); do
    win=$(xwininfo -name Kluis -int 2>/dev/null | sed -n "s/.*Window id: \([0-9]*\).*/\1/p") && [ -n "$win" ] && break
    sleep 0.1
  done
  [ -n "$win" ] || fail "no window titled Kluis"
  sleep 4   # the web view renders the unlock screen
  import -window "$win" "$KLUIS_SHOT"
  kill "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
'
colours=$(convert "$KLUIS_SHOT" -format '%k' info:)
[ "$colours" -gt 64 ] || fail "the screenshot has $colours colours: blank?"
ok "window screenshot $KLUIS_SHOT ($colours colours)"

# 5. Uninstall: the app is gone, the advisor's vault and preferences are untouched.
files=$(dpkg -L "$pkg" | while read -r f; do [ -f "$f" ] && echo "$f"; done)
$SUDO dpkg -r "$pkg" >/dev/null
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q config-files; then $SUDO dpkg -P "$pkg" >/dev/null; fi
installed=0
for f in $files; do [ ! -e "$f" ] || fail "$f is still there after dpkg -r"; done
dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "installed" && fail "$pkg still installed"
[ "$(sums)" = "$before" ] || fail "the vault or the preferences changed"
ok "dpkg -r removed $(echo "$files" | wc -l) files; vault and preferences untouched"
echo "package test finished in $(($(date +%s) - started)) s"
