#!/usr/bin/env bash
# Makes the README's examples of each mode with the built-in model, from the repository root:
#   mvn -B -q -DskipTests package && tools/examples/make-examples.sh
# Writes docs/examples/*.png; every PNG carries its parameters (A1111 'parameters' chunk).
set -euo pipefail
cd "$(dirname "$0")/../.."
studio() { java -jar "${STUDIO_JAR:-studio-app/target/studio.jar}" "$@"; }
out=docs/examples
mkdir -p "$out"

# 1. text to image
studio generate --prompt "red apple, noto style" --seed 3 --steps 20 --out "$out/txt2img.png"
# 2. img2img style transfer: the noto apple redrawn in the fluent style
studio generate --init "$out/txt2img.png" --strength 0.6 --prompt "red apple, fluent style" --seed 3 \
  --steps 20 --out "$out/img2img.png"
# 3. inpainting: repaint the right half of a grinning face as a red heart
studio generate --prompt "grinning face, twemoji style" --seed 5 --steps 20 --out "$out/inpaint-source.png"
java tools/examples/HalfMask.java "$out/inpaint-mask.png" 64 64
studio generate --init "$out/inpaint-source.png" --mask "$out/inpaint-mask.png" --mask-blur 2 --strength 1 \
  --prompt "red heart, twemoji style" --seed 5 --steps 20 --out "$out/inpaint.png"
# 4. outpainting: extend the apple 32 px to the right and 16 px down
studio outpaint --image "$out/txt2img.png" --right 32 --bottom 16 --prompt "red apple, noto style" \
  --seed 3 --steps 20 --out "$out/outpaint.png"
ls -la "$out"
