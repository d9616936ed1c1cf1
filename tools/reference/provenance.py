"""Records which script, and which inputs, made each golden fixture, as SHA-256 hashes.

    /usr/bin/python3 tools/reference/provenance.py            # rewrite golden/PROVENANCE.json
    /usr/bin/python3 tools/reference/provenance.py --check    # exit 1 when anything differs

GoldenProvenanceTest checks the same hashes on every build: a reference script (or a module it imports)
edited without regenerating its fixtures, a fixture edited by hand, or a fixture no entry accounts for all
fail it, with the command that regenerates. Run this after regenerating, never instead of it.
Standard library only, so it runs where torch does not.
"""
import argparse
import fnmatch
import hashlib
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TOOLS = "tools/reference"
GOLDEN = "studio-engine/src/test/resources/golden"

# (fixture patterns under golden/, generating script, fixtures it reads, how it is run); the first matching
# entry owns a file. The commands are those of tools/reference/README.md.
ENTRIES = [
    (["controlnet/canny-*.png"], "canny_reference.py", [],
     "tools/reference/canny_reference.py --out " + GOLDEN + "/controlnet"),
    (["blocks/*"], "sd_reference.py", [], "tools/reference/sd_reference.py --out " + GOLDEN + "/blocks"),
    (["sd15_keys.json"], "sd15_keys.py", [], "tools/reference/sd15_keys.py --out " + GOLDEN + "/sd15_keys.json"),
    (["sdxl_keys.json"], "sdxl_reference.py", [],
     "tools/reference/sdxl_reference.py --sgm GENERATIVE_MODELS --keys " + GOLDEN + "/sdxl_keys.json"),
    (["sdxl/*"], "sdxl_reference.py", ["blocks/tiny-sd2.safetensors"],
     "tools/reference/sdxl_reference.py --sgm GENERATIVE_MODELS --out " + GOLDEN + "/sdxl"),
    (["img2img/*"], "img2img_reference.py", ["blocks/tiny-sd1.safetensors", "blocks/sd1_txt2img_euler.io.safetensors"],
     "tools/reference/img2img_reference.py --blocks " + GOLDEN + "/blocks --out " + GOLDEN + "/img2img"),
    (["taesd/*"], "taesd_reference.py", [], "tools/reference/taesd_reference.py --taesd TAESD"),
    (["lora/*"], "lora_reference.py", ["blocks/tiny-sd1.safetensors", "blocks/sd1_txt2img_euler.io.safetensors"],
     "tools/reference/lora_reference.py --blocks " + GOLDEN + "/blocks --out " + GOLDEN + "/lora"),
    (["controlnet/*"], "controlnet_reference.py",
     ["blocks/tiny-sd1.safetensors", "blocks/sd1_txt2img_euler.io.safetensors"],
     "tools/reference/controlnet_reference.py --controlnet CONTROLNET --blocks " + GOLDEN + "/blocks --out "
     + GOLDEN + "/controlnet"),
    (["sampling/lcm.json"], "lcm_reference.py", [], "tools/reference/lcm_reference.py"),
    (["sampling/*"], "samplers_reference.py", [], "tools/reference/samplers_reference.py"),
    (["variation/*"], "variation_reference.py", [],
     "tools/reference/variation_reference.py > " + GOLDEN + "/variation/blend.json"),
    (["tokenizer/emphasis.json"], "emphasis_golden.py", [], "tools/reference/emphasis_golden.py"),
    (["tokenizer/*"], "tokenizer_golden.py", [], "tools/reference/tokenizer_golden.py"),
]


def sha256(path):
    h = hashlib.sha256()
    with open(os.path.join(ROOT, path), "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def local_imports(script):
    """The script and the tools/reference modules it imports, transitively, as repository paths."""
    seen = []
    todo = [script]
    while todo:
        name = todo.pop()
        path = TOOLS + "/" + name
        if path in seen or not os.path.exists(os.path.join(ROOT, path)):
            continue
        seen.append(path)
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            for line in f:
                m = re.match(r"\s*(?:from\s+(\w+)\s+import|import\s+([\w, ]+))", line)
                if not m:
                    continue
                names = [m.group(1)] if m.group(1) else [n.strip() for n in m.group(2).split(",")]
                todo.extend(n + ".py" for n in names if n)
    return sorted(seen)


def fixtures():
    base = os.path.join(ROOT, GOLDEN)
    out = []
    for d, _, files in os.walk(base):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), base).replace(os.sep, "/")
            if rel != "PROVENANCE.json":
                out.append(rel)
    return sorted(out)


def owner(rel):
    for i, (patterns, *_rest) in enumerate(ENTRIES):
        # "dir/*" owns everything below dir, as the script writes whole folders
        if any(fnmatch.fnmatch(rel, p) or (p.endswith("/*") and rel.startswith(p[:-1])) for p in patterns):
            return i
    return None


def record():
    entries = []
    owned = {i: [] for i in range(len(ENTRIES))}
    for rel in fixtures():
        i = owner(rel)
        if i is None:
            sys.exit("no entry of provenance.py owns golden/" + rel + "; add one")
        owned[i].append(rel)
    for i, (patterns, script, inputs, command) in enumerate(ENTRIES):
        if not owned[i]:
            continue
        entries.append({
            "command": "/usr/bin/python3 " + command,
            "scripts": {p: sha256(p) for p in local_imports(script)},
            "inputs": {GOLDEN + "/" + p: sha256(GOLDEN + "/" + p) for p in inputs},
            "outputs": {GOLDEN + "/" + p: sha256(GOLDEN + "/" + p) for p in owned[i]},
        })
    return {"format": "latent-studio-golden-provenance-1",
            "note": "written by tools/reference/provenance.py; checked by GoldenProvenanceTest", "entries": entries}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare with the recorded file instead of writing it")
    args = ap.parse_args()
    path = os.path.join(ROOT, GOLDEN, "PROVENANCE.json")
    now = record()
    if args.check:
        with open(path, encoding="utf-8") as f:
            recorded = json.load(f)
        if recorded != now:
            sys.exit("golden/PROVENANCE.json is out of date: regenerate the fixtures whose scripts changed")
        print("golden provenance up to date")
        return
    with open(path, "w", encoding="utf-8") as f:
        json.dump(now, f, indent=1, sort_keys=False)
        f.write("\n")
    print("wrote", path, "with", len(now["entries"]), "entries")


if __name__ == "__main__":
    main()
