#!/usr/bin/env bash
# Builds the Linux app image and runs its launcher headless, as an installed user would:
#   1. `latent-studio --version` prints the version,
#   2. `latent-studio paths` finds the bundled assets inside the image and puts user data under XDG dirs,
#   3. `latent-studio generate` on the default model writes a 64x64 PNG with its parameters,
# and checks that nothing was written into the image or unpacked into the home folder.
#
#   installers/linux/smoke-test.sh               # runs mvn package first
#   installers/linux/smoke-test.sh --skip-maven  # after `mvn -B verify` (CI)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../common/lib.sh"

build_args=(--types app-image)
[[ "${1:-}" == --skip-maven ]] && build_args+=(--skip-maven)
start=$(date +%s)

"$here/build.sh" "${build_args[@]}"
image="$REPO_ROOT/installers/target/linux/image/latent-studio"
launcher="$image/bin/latent-studio"
[[ -x "$launcher" ]] || die "no launcher at $launcher"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
home="$work/home"
mkdir -p "$home"
touch "$work/before"
fail() { echo "smoke test FAILED: $*" >&2; exit 1; }

# A fresh user: HOME, the XDG dirs and Java's user.home all point into the scratch folder, and no
# display, so only the headless paths run.
run() {
  env -i PATH="$PATH" HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_STATE_HOME="$home/.local/state" \
    XDG_CONFIG_HOME="$home/.config" JAVA_TOOL_OPTIONS="-Duser.home=$home" "$launcher" "$@"
}

step() { local name=$1; shift; local t0; t0=$(date +%s.%N); "$@"; log "smoke: $name $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }')"; }

check_version() {
  local v
  v=$(run --version 2>/dev/null)
  [[ "$v" == "Latent Studio "* ]] || fail "--version printed '$v'"
  echo "  $v"
}

check_paths() {
  local p
  p=$(run paths 2>/dev/null) || fail "'paths' failed: $(run paths 2>&1 | tail -n 3)"
  echo "$p" | sed 's/^/  /'
  grep -qx "assets:  $image/lib/app/assets" <<<"$p" || fail "assets are not read from inside the image"
  grep -qx "models:  $home/.local/share/latent-studio/models" <<<"$p" || fail "models are not under XDG_DATA_HOME"
  grep -qx "state:   $home/.local/state/latent-studio" <<<"$p" || fail "autosave is not under XDG_STATE_HOME"
  grep -qx "config:  $home/.config/latent-studio" <<<"$p" || fail "settings are not under XDG_CONFIG_HOME"
}

check_generate() {
  local png="$work/out/apple.png"
  run generate --prompt "a red apple" --width 64 --height 64 --steps 4 --seed 7 --out "$png" \
    > "$work/generate.out" 2> "$work/generate.err" \
    || fail "generate exited $?: $(grep -v NNPACK "$work/generate.err" | tail -n 5)"
  [[ -s "$png" ]] || fail "generate wrote no $png"
  [[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] || fail "$png is not a PNG"
  # IHDR: width and height are the big-endian words at bytes 16..23.
  [[ "$(od -An -tu1 -j16 -N8 "$png" | tr -s ' ')" == " 0 0 0 64 0 0 0 64" ]] || fail "$png is not 64x64"
  grep -aq "Steps: 4" "$png" || fail "$png has no A1111 parameters chunk"
  echo "  $(tail -n 1 "$work/generate.err" | tr -d '\r')"
  echo "  wrote $png ($(stat -c %s "$png") bytes)"
}

check_untouched() {
  local changed
  changed=$(find "$image" -newer "$work/before" | head -n 5)
  [[ -z "$changed" ]] || fail "the app wrote into its install folder: $changed"
  for d in .djl.ai .openjfx; do
    [[ ! -e "$home/$d" ]] || fail "the app unpacked natives into ~/$d instead of using the packaged ones"
  done
  echo "  nothing written into the image; nothing unpacked into the home folder"
}

step "--version" check_version
step "paths" check_paths
step "generate 64x64, 4 steps" check_generate
check_untouched
echo "smoke test passed in $(( $(date +%s) - start )) s (build included)"
