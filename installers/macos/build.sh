#!/usr/bin/env bash
# Builds "Latent Studio.app" and its .dmg with jpackage. Run on a Mac with Apple silicon (DJL ships
# libtorch 2.7.1 for osx-aarch64 only); it cannot run on the project's Linux machines and has not
# been tried yet.
#
#   installers/macos/build.sh                  # mvn package for macOS, runtime, .app and .dmg
#   installers/macos/build.sh --skip-maven     # studio-app/target already built on this Mac
#
# Needs JDK 17 (jpackage, jlink), Maven, unzip. Output in installers/target/macos/.
# Environment: APP_VERSION (macOS wants the first number >= 1, see below), MAVEN_FLAGS,
# MAC_SIGN_IDENTITY (a "Developer ID Application: ..." name in the keychain; unsigned when unset).
set -euo pipefail
source "$(dirname "$0")/../common/lib.sh"

skip_maven=false
[[ "${1:-}" == --skip-maven ]] && skip_maven=true
[[ "$(uname)" == Darwin ]] || die "this script builds macOS packages and must run on macOS"
need jpackage "install a full JDK 17"
need jlink "install a full JDK 17"

out="$REPO_ROOT/installers/target/macos"
mkdir -p "$out"
cd "$REPO_ROOT"

# Maven picks JavaFX's mac jars by itself; libtorch's classifier has to be named.
$skip_maven || MAVEN_FLAGS="${MAVEN_FLAGS:-} -Dlibtorch.classifier=osx-aarch64" timed "maven package" maven_package
check_built
fx=$(ls "$TARGET"/lib/javafx-graphics-*-mac*.jar 2>/dev/null | head -n 1 | sed -E 's/.*-(mac[^.]*)\.jar$/\1/')
[[ -n "$fx" ]] || die "no JavaFX mac jars in $TARGET/lib: build on the Mac (not with --skip-maven from Linux)"

version=$(app_version)
# CFBundleVersion: one to three integers, the first greater than zero.
[[ "$version" =~ ^[1-9][0-9]*(\.[0-9]+){0,2}$ ]] \
  || die "macOS needs a version whose first number is at least 1, got '$version': set APP_VERSION (e.g. 1.0.0)"

timed "stage app files" stage_app "$out/app" "$fx" dylib
timed "jlink runtime" build_runtime "$out/runtime"

sign=()
[[ -n "${MAC_SIGN_IDENTITY:-}" ]] && sign=(--mac-sign --mac-signing-key-user-name "$MAC_SIGN_IDENTITY")
common=(@installers/common/jpackage.args @installers/macos/jpackage.args --app-version "$version"
  --icon assets/icons/latent-studio.icns --input "$out/app" --runtime-image "$out/runtime" "${sign[@]}")
rm -rf "$out/image" "$out"/*.dmg
timed "jpackage app image" jpackage --type app-image "${common[@]}" --dest "$out/image"
timed "jpackage dmg" jpackage --type dmg "${common[@]}" --dest "$out"
{
  echo "runtime $(size_mib "$out/runtime") MiB, app $(size_mib "$out/image/Latent Studio.app") MiB"
  for f in "$out"/*.dmg; do echo "$(basename "$f") $(size_mib "$f") MiB"; done
  printf '%s' "$STEP_TIMES"
} | tee "$out/sizes.txt"
