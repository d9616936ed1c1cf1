#!/usr/bin/env bash
# Builds Latent Studio's Linux packages with jpackage, from the repository root or anywhere:
#
#   installers/linux/build.sh                     # mvn package, runtime, app image, .deb and .rpm
#   installers/linux/build.sh --skip-maven --types app-image
#
# Output in installers/target/linux/: runtime/ (jlink'd Java), image/latent-studio/ (the app image),
# latent-studio_<version>-1_amd64.deb and latent-studio-<version>-1.x86_64.rpm, and sizes.txt with the
# measured sizes and step times. Needs JDK 17 (jpackage, jlink), Maven, unzip; binutils to strip
# libtorch; fakeroot + dpkg-deb for the .deb; rpmbuild for the .rpm. On Debian/Ubuntu:
#   sudo apt-get install fakeroot dpkg-dev rpm binutils unzip
#
# Options: --skip-maven (use studio-app/target as it is), --types "app-image deb rpm" (any subset).
# Environment: APP_VERSION (default: the jar's version without -SNAPSHOT), MAVEN_FLAGS (e.g. -o),
# DEB_MAINTAINER ("Name <email>"). For quick test builds, DPKG_DEB_COMPRESSOR_TYPE=gzip
# DPKG_DEB_COMPRESSOR_LEVEL=1 (dpkg 1.21.10+) makes the .deb in a fraction of xz's time.
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

skip_maven=false
types="app-image deb rpm"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-maven) skip_maven=true ;;
    --types) types=${2:?--types needs a list, e.g. \"app-image deb\"}; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
  shift
done
for t in $types; do
  case "$t" in app-image|deb|rpm) ;; *) die "unknown package type '$t': use app-image, deb or rpm" ;; esac
done

need jpackage "install a full JDK 17 (jpackage is in the JDK, not the JRE)"
need jlink "install a full JDK 17"
need unzip "sudo apt-get install unzip"
[[ " $types " == *" deb "* ]] && { need dpkg-deb "sudo apt-get install dpkg-dev"; need fakeroot "sudo apt-get install fakeroot"; }
[[ " $types " == *" rpm "* ]] && need rpmbuild "sudo apt-get install rpm (or dnf install rpm-build)"

out="$REPO_ROOT/installers/target/linux"
mkdir -p "$out"
cd "$REPO_ROOT"

$skip_maven || timed "maven package" maven_package
check_built
version=$(app_version)
[[ "$version" =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || die "version '$version' is not N[.N[.N]]: set APP_VERSION"
log "Latent Studio $version"

timed "stage app files" stage_app "$out/app" linux so
timed "jlink runtime" build_runtime "$out/runtime"

# Every package is made from the same input and runtime; jpackage copies them in (seconds).
common=(@installers/common/jpackage.args --name latent-studio --app-version "$version"
  --icon assets/icons/latent-studio-256.png --input "$out/app" --runtime-image "$out/runtime")
rm -rf "$out/image"
timed "jpackage app image" jpackage --type app-image "${common[@]}" --dest "$out/image"
image="$out/image/latent-studio"

package() {
  local type=$1
  rm -rf "$out/tmp-$type"
  local extra=()
  [[ "$type" == deb ]] && extra=(--linux-deb-maintainer "${DEB_MAINTAINER:-Latent Studio <packages@latent-studio.invalid>}")
  jpackage --type "$type" "${common[@]}" @installers/linux/jpackage.args "${extra[@]}" \
    --temp "$out/tmp-$type" --dest "$out"
  rm -rf "$out/tmp-$type"
}
for t in deb rpm; do
  if [[ " $types " == *" $t "* ]]; then
    rm -f "$out"/*."$t"
    timed "jpackage $t" package "$t"
  fi
done

{
  echo "Latent Studio $version, built $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores"
  echo "sizes (MiB):"
  echo "  runtime (jlink)   $(size_mib "$out/runtime")"
  echo "  app image         $(size_mib "$image")"
  echo "    of which libtorch $(size_mib "$image/lib/app/djl")"
  for t in deb rpm; do
    [[ " $types " == *" $t "* ]] || continue
    for f in "$out"/*."$t"; do echo "  $(basename "$f")  $(size_mib "$f")"; done
  done
  echo "step times (s):"
  printf '%s' "$STEP_TIMES" | sed 's/^/  /'
} | tee "$out/sizes.txt"
