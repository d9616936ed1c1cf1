#!/usr/bin/env bash
# Runs the .rpm's scriptlets for real: installs OLD.rpm, upgrades to NEW.rpm and erases it with rpm
# inside the Debian chroot of deb-install-test.sh (no RPM distribution is reachable from here), and
# checks the menu entry after each step: present after the upgrade (RPM runs the old package's
# %preun after the new one's %post; jpackage's default %preun unregisters unconditionally) and gone
# after the erase.
#
#   sudo installers/linux/rpm-upgrade-test.sh OLD.rpm NEW.rpm [CHROOT_DIR]
#
# Make NEW.rpm with e.g. APP_VERSION=0.1.1 installers/linux/build.sh --skip-maven --types rpm.
# --nodeps: the chroot's libraries are Debian packages, unknown to rpm's own database.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../common/lib.sh"

old=${1:?usage: rpm-upgrade-test.sh OLD.rpm NEW.rpm [CHROOT_DIR]}
new=${2:?usage: rpm-upgrade-test.sh OLD.rpm NEW.rpm [CHROOT_DIR]}
chroot_dir=${3:-/var/tmp/latent-studio-chroot}
[[ $EUID -eq 0 ]] || die "run as root"
[[ -f "$chroot_dir/etc/debian_version" ]] || die "no chroot at $chroot_dir: run deb-install-test.sh first"
fail() { echo "rpm upgrade test FAILED: $*" >&2; exit 1; }
entry="$chroot_dir/usr/share/applications/latent-studio-latent-studio.desktop"

mount -t proc proc "$chroot_dir/proc"
trap 'umount "$chroot_dir/proc"' EXIT
in_chroot() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive "$@"; }
[[ "$(in_chroot dpkg-query -W -f='${Status}' latent-studio 2>/dev/null || true)" != *" installed" ]] \
  || die "the .deb is installed in the chroot; remove it first"
in_chroot apt-get install -y -q --no-install-recommends rpm xdg-utils >/dev/null
cp "$old" "$chroot_dir/tmp/old.rpm"
cp "$new" "$chroot_dir/tmp/new.rpm"
in_chroot rpm -q latent-studio >/dev/null 2>&1 && in_chroot rpm -e --nodeps latent-studio

timed "rpm -i $(basename "$old")" in_chroot rpm -i --nodeps /tmp/old.rpm
[[ -f "$entry" ]] || fail "no menu entry after install"
timed "rpm -U $(basename "$new")" in_chroot rpm -U --nodeps /tmp/new.rpm
[[ "$(in_chroot rpm -q latent-studio)" == latent-studio-"$(rpm -qp --qf '%{VERSION}-%{RELEASE}' "$new")"* ]] \
  || fail "the upgrade did not install $(basename "$new")"
[[ -f "$entry" ]] || fail "the upgrade removed the menu entry"
in_chroot /opt/latent-studio/bin/latent-studio --version || fail "the upgraded app does not start"
timed "rpm -e" in_chroot rpm -e latent-studio
[[ ! -e "$entry" && ! -e "$chroot_dir/opt/latent-studio" ]] || fail "erase left the app or its menu entry behind"
rm -f "$chroot_dir/tmp/old.rpm" "$chroot_dir/tmp/new.rpm"
echo "rpm upgrade test passed: install, upgrade (menu entry kept) and erase"
