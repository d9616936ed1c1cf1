#!/usr/bin/env bash
# Renders assets/icons/latent-studio.svg into the PNG sizes, .ico and .icns every platform's package
# and the window use. Run after editing the SVG, then commit the results (IconAssetsTest fails when
# the committed PNGs no longer match the SVG). Needs a JDK 17 and `mvn package` (for JSVG in target/lib).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jsvg=$(ls "$root"/studio-app/target/lib/jsvg-*.jar 2>/dev/null | head -n 1 || true)
if [[ -z "$jsvg" ]]; then
  echo "render.sh: JSVG not found in studio-app/target/lib; run 'mvn -B -q -DskipTests package' first" >&2
  exit 2
fi
java -Djava.awt.headless=true -cp "$jsvg" "$root/installers/icons/RenderIcons.java" \
  "$root/assets/icons/latent-studio.svg" "$root/assets/icons"
