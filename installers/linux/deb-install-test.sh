#!/usr/bin/env bash
# Installs the .deb into a clean Debian chroot the way a user would (apt resolves its dependencies),
# then, as an ordinary user in that chroot:
#   - opens a PNG through the menu entry's Exec line under Xvfb, presses Ctrl+Enter to generate, and
#     screenshots the window to docs/screenshots/installed-deb.png;
#   - upgrades to a newer package version and checks that the user's models, outputs, autosave and
#     settings are byte-for-byte the same afterwards and the app still runs;
#   - removes the package and checks the user's data is still there.
#
#   sudo installers/linux/deb-install-test.sh [PACKAGE.deb] [CHROOT_DIR]
#
# Needs root, debootstrap, Xvfb, xdotool, x11-utils and imagemagick on this machine, and the Debian
# mirror: sudo apt-get install debootstrap xvfb xdotool x11-utils imagemagick
# The chroot is made once (debootstrap --variant=minbase bookworm) and reused; delete it to start over.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../common/lib.sh"

deb=${1:-$(ls "$REPO_ROOT"/installers/target/linux/latent-studio_*_amd64.deb 2>/dev/null | head -n 1)}
chroot_dir=${2:-/var/tmp/latent-studio-chroot}
suite=${DEBIAN_SUITE:-bookworm}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
display=:${XVFB_DISPLAY:-93}
shot="$REPO_ROOT/docs/screenshots/installed-deb.png"
[[ -f "$deb" ]] || die "no .deb given or found in installers/target/linux: run installers/linux/build.sh first"
[[ $EUID -eq 0 ]] || die "run as root (chroot, mounts, apt-get)"
for t in debootstrap Xvfb xdotool xprop import; do need "$t" "sudo apt-get install debootstrap xvfb xdotool x11-utils imagemagick"; done
fail() { echo "deb install test FAILED: $*" >&2; exit 1; }

if [[ ! -f "$chroot_dir/etc/debian_version" ]]; then
  timed "debootstrap $suite" debootstrap --variant=minbase "$suite" "$chroot_dir" "$mirror"
fi
mounted=()
mount_in() { mkdir -p "$chroot_dir$2"; mount "${@:3}" "$1" "$chroot_dir$2"; mounted=("$chroot_dir$2" "${mounted[@]}"); }
xvfb_pid=""
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  for m in "${mounted[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" || true; done
}
trap cleanup EXIT
mount_in proc /proc -t proc
mount_in /dev /dev --bind
mount_in /dev/pts /dev/pts --bind
mount_in /tmp/.X11-unix /tmp/.X11-unix --bind
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
in_chroot() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
as_user() { chroot --userspec=ada:ada "$chroot_dir" /usr/bin/env -i HOME=/home/ada USER=ada PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"; }

# 1. Install as apt would for a downloaded package: its Depends come from the mirror.
in_chroot dpkg -s latent-studio >/dev/null 2>&1 && in_chroot apt-get purge -y -q latent-studio >/dev/null
cp "$deb" "$chroot_dir/tmp/latent-studio.deb"
apt_log="$chroot_dir/tmp/apt-install.log"
timed "apt-get install .deb" in_chroot sh -c 'apt-get update -q >/dev/null &&
  apt-get install -y -q --no-install-recommends /tmp/latent-studio.deb >/tmp/apt-install.log 2>&1' \
  || fail "apt-get install failed: $(tail -n 8 "$apt_log")"
grep -E '^(Need to get|After this operation)' "$apt_log" || true
desktop=$(ls "$chroot_dir"/usr/share/applications/latent-studio*.desktop 2>/dev/null | head -n 1)
[[ -n "$desktop" ]] || fail "no menu entry in /usr/share/applications"
echo "menu entry $(basename "$desktop"):"; sed 's/^/  /' "$desktop"
grep -qx 'MimeType=image/png;' "$desktop" || fail "the menu entry does not offer to open PNG files"
grep -qx 'Categories=Graphics;2DGraphics;RasterGraphics;' "$desktop" || fail "wrong menu categories"
icon=$(sed -n 's/^Icon=//p' "$desktop")
[[ -f "$chroot_dir$icon" ]] || fail "the menu entry's icon $icon is not installed"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop" && echo "  desktop-file-validate: ok"; fi
exec_line=$(sed -n 's/^Exec=//p' "$desktop")

# 2. An ordinary user makes a picture on the command line, then opens it from the "menu".
in_chroot id ada >/dev/null 2>&1 || in_chroot useradd -m -s /bin/sh ada
as_user mkdir -p /home/ada/Pictures
launcher=${exec_line% %f}
timed "installed CLI generate" as_user "$launcher" generate --prompt "a red apple" --width 64 --height 64 --steps 4 \
  --out /home/ada/Pictures/apple.png 2>&1 | grep -v NNPACK | tail -n 2
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
start=$(date +%s)
# The launcher runs the JVM in its own process, so this pid is the app's.
app_pid=$(as_user DISPLAY="$display" sh -c "${exec_line/\%f//home/ada/Pictures/apple.png} >/tmp/studio-gui.log 2>&1 & echo \$!")
window=""
for _ in $(seq 1 90); do
  window=$(DISPLAY=$display xdotool search --limit 1 --name '^Latent Studio$' 2>/dev/null || true)
  [[ -n "$window" ]] && break
  sleep 1
done
[[ -n "$window" ]] || fail "no window after 90 s: $(tail -n 5 "$chroot_dir/tmp/studio-gui.log")"
log "window up after $(( $(date +%s) - start )) s: $(DISPLAY=$display xprop -id "$window" WM_CLASS)"
icon_sizes=$(DISPLAY=$display xprop -id "$window" _NET_WM_ICON | grep -o 'Icon ([0-9]* x [0-9]*)' | tr '\n' ' ' || true)
[[ -n "$icon_sizes" ]] || fail "the window has no icon (_NET_WM_ICON)"
echo "  window icons: $icon_sizes"
sleep 8
DISPLAY=$display xdotool windowfocus --sync "$window" key ctrl+Return || true
outputs=/home/ada/.local/share/latent-studio/outputs
for _ in $(seq 1 400); do
  [[ -n "$(find "$chroot_dir$outputs" -name '*.png' -print -quit 2>/dev/null)" ]] && break
  sleep 1
done
sleep 3
mkdir -p "$(dirname "$shot")"
DISPLAY=$display import -window root "$shot"
log "screenshot: $shot"
result=$(find "$chroot_dir$outputs" -name '*.png' -print -quit 2>/dev/null)
[[ -n "$result" ]] || fail "Ctrl+Enter in the installed window wrote no output"
echo "  the window's generation was saved to ${result#"$chroot_dir"}"
echo "files in the user's home after the first runs:"
(cd "$chroot_dir/home/ada" && find . -mindepth 1 -maxdepth 4 | sort | sed 's/^/  /')
kill "$app_pid" 2>/dev/null || true
sleep 2

# 3. Upgrade: the same files as a newer version. The user's data must come through unchanged.
# A desktop's menu definitions first, so the upgrade registers through xdg-desktop-menu (the bare
# chroot above took the fallback of copying the entry) and the removal below unregisters through it.
in_chroot apt-get install -y -q --no-install-recommends lxmenu-data >/dev/null
as_user sh -c 'mkdir -p ~/.local/share/latent-studio/models ~/.local/state/latent-studio ~/.config/latent-studio &&
  echo "my checkpoint" > ~/.local/share/latent-studio/models/mine.safetensors &&
  echo "{\"canvas\":1}" > ~/.local/state/latent-studio/session.json &&
  echo "theme=dark" > ~/.config/latent-studio/settings.properties'
sums() { (cd "$chroot_dir/home/ada" && find .local .config -type f -print0 | sort -z | xargs -0 sha256sum); }
before=$(sums)
old_version=$(in_chroot dpkg-query -W -f='${Version}' latent-studio)
new_version="$(awk -F. -v OFS=. '{ $NF = $NF + 1; print }' <<<"${old_version%-*}")-1"
repack=$(mktemp -d)
dpkg-deb -R "$deb" "$repack/pkg"
sed -i "s/^Version: .*/Version: $new_version/" "$repack/pkg/DEBIAN/control"
dpkg-deb -Zgzip -z1 -b "$repack/pkg" "$chroot_dir/tmp/latent-studio-upgrade.deb" >/dev/null
rm -rf "$repack"
timed "apt-get upgrade to $new_version" in_chroot apt-get install -y -q /tmp/latent-studio-upgrade.deb >/dev/null \
  || fail "the upgrade failed"
[[ "$(in_chroot dpkg-query -W -f='${Version}' latent-studio)" == "$new_version" ]] || fail "the upgrade did not install"
[[ "$(sums)" == "$before" ]] || fail "the upgrade changed the user's files"
[[ -f "$desktop" ]] || fail "the upgrade lost the menu entry"
as_user "$launcher" paths >/dev/null || fail "the upgraded app does not start"
echo "upgrade $old_version -> $new_version kept $(echo "$before" | wc -l) user files byte for byte"

# 4. Removing the package leaves the user's files alone.
in_chroot apt-get remove -y -q latent-studio >/dev/null || fail "apt-get remove failed"
[[ "$(sums)" == "$before" ]] || fail "removing the package touched the user's files"
[[ ! -e "$chroot_dir/opt/latent-studio" && ! -e "$desktop" ]] || fail "remove left the app or its menu entry behind"
echo "remove: app and menu entry gone, user files kept"
echo "deb install test passed"
