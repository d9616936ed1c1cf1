# Shared steps of the Linux and macOS package builds (bash; sourced, not run).
# Windows has the same steps in installers/windows/build.ps1.
#
# The jpackage input folder ("app" below) gets:
#   studio.jar, lib/*.jar   the app as `mvn package` leaves it in studio-app/target, except
#                           the pytorch-native jar, replaced by a stub holding only its properties file
#   lib/*.so|*.dylib        JavaFX's natives beside its jars, where JavaFX looks first
#   djl/                    libtorch and DJL's JNI library, unpacked by DJL itself (ENGINE_CACHE_DIR)
#   assets/                 icons and licences (and the trained default model once it lands)
# Nothing is unpacked into the user's home at run time, and the install folder can stay read-only.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="$REPO_ROOT/studio-app/target"

log() { printf '%s %s\n' "[$(date +%H:%M:%S)]" "$*" >&2; }
die() { printf 'build: %s\n' "$*" >&2; exit 2; }

# Runs a command and records how long it took in STEP_TIMES ("name seconds" lines).
STEP_TIMES=""
timed() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@"
  end=$(date +%s.%N)
  local took
  took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  STEP_TIMES+="$name ${took}"$'\n'
  log "$name: ${took} s"
}

# Size of a file or folder in MiB (1 decimal).
size_mib() { du -sk "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }

need() {
  local tool=$1 hint=$2
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: $hint"
}

# The version packages carry: the jar's Implementation-Version without -SNAPSHOT, or $APP_VERSION.
app_version() {
  if [[ -n "${APP_VERSION:-}" ]]; then echo "$APP_VERSION"; return; fi
  unzip -p "$TARGET/studio.jar" META-INF/MANIFEST.MF | tr -d '\r' \
    | sed -n 's/^Implementation-Version: *//p' | sed 's/-SNAPSHOT$//'
}

# mvn package, unless told the jar is already built (CI runs the smoke test after `mvn verify`).
maven_package() {
  need mvn "install Maven 3.8+ or pass --skip-maven after building studio-app/target/studio.jar"
  (cd "$REPO_ROOT" && mvn -B -q -DskipTests ${MAVEN_FLAGS:-} package)
}

check_built() {
  [[ -f "$TARGET/studio.jar" && -d "$TARGET/lib" ]] \
    || die "studio-app/target/studio.jar is missing: run 'mvn -B -DskipTests package' first (or drop --skip-maven)"
}

# jlink'd Java runtime with only the modules the app uses (common/runtime-modules.txt). Rebuilt only
# when the module list or the JDK changes, since it is the slowest step after compression.
build_runtime() {
  local out=$1
  local modules stamp
  modules=$(tr -d ' \n\r' < "$REPO_ROOT/installers/common/runtime-modules.txt")
  stamp="$modules $(java -version 2>&1 | head -n 1)"
  if [[ -f "$out/.stamp" && "$(cat "$out/.stamp")" == "$stamp" ]]; then
    log "runtime: reusing $out (same modules and JDK)"
    return
  fi
  rm -rf "$out"
  local strip_opt=()
  # jlink strips debug symbols with objcopy on Linux; skip if binutils is absent rather than fail.
  if [[ "$(uname)" != Linux ]] || command -v objcopy >/dev/null 2>&1; then strip_opt=(--strip-debug); fi
  jlink --add-modules "$modules" "${strip_opt[@]}" --no-header-files --no-man-pages \
    --strip-native-commands --compress=2 --output "$out"
  echo "$stamp" > "$out/.stamp"
}

# Fills the jpackage input folder. $1: the folder; $2: JavaFX's classifier (linux, mac, mac-aarch64);
# $3: the natives' suffix pattern (so, dylib).
stage_app() {
  local app=$1 fx=$2 ext=$3
  rm -rf "$app"
  mkdir -p "$app/lib" "$app/djl"
  cp "$TARGET/studio.jar" "$app/"
  local jar name
  for jar in "$TARGET"/lib/*.jar; do
    name=$(basename "$jar")
    case "$name" in
      javafx-*-"$fx".jar) cp "$jar" "$app/lib/" ;;
      javafx-*) ;;                                  # empty placeholder jars and other platforms'
      pytorch-native-*) stub_native_jar "$jar" "$app/lib/$name" ;;
      *) cp "$jar" "$app/lib/" ;;
    esac
  done
  local graphics
  graphics=$(ls "$app"/lib/javafx-graphics-*-"$fx".jar 2>/dev/null | head -n 1)
  [[ -n "$graphics" ]] || die "no javafx-graphics jar for '$fx' in $TARGET/lib: build with that platform's JavaFX"
  unzip -q -j -o "$graphics" "*.$ext" -d "$app/lib"

  # DJL unpacks libtorch exactly where, and under the names, it will look for it at run time.
  java -cp "$TARGET/lib/*" "$REPO_ROOT/installers/common/ExtractNatives.java" "$app/djl" 2>&1 \
    | grep -v -e NNPACK -e 'INFO ai.djl' >&2 || true
  local lib
  lib=$(find "$app/djl" -name "*torch.$ext" | head -n 1)
  [[ -n "$lib" ]] || die "DJL did not unpack libtorch into $app/djl (see the messages above)"
  if [[ "$ext" == so ]] && command -v strip >/dev/null 2>&1; then
    # The symbol tables are ~90 MB of libtorch_cpu.so and unused at run time (dynamic symbols stay).
    find "$app/djl" -name '*.so*' -type f -exec strip --strip-unneeded {} +
  fi

  mkdir -p "$app/assets"
  cp -R "$REPO_ROOT/assets/." "$app/assets/"
}

# A copy of DJL's pytorch-native jar with only native/lib/pytorch.properties, which DJL reads to name
# the libtorch build; the ~110 MB of libraries it held are already unpacked under djl/.
stub_native_jar() {
  local jar=$1 out=$2 tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -q "$jar" 'native/lib/pytorch.properties' 'META-INF/MANIFEST.MF' \
    && jar --create --file "$out" --manifest META-INF/MANIFEST.MF native)
  rm -rf "$tmp"
}
