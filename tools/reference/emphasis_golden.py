#!/usr/bin/env python3
"""Golden output of AUTOMATIC1111's prompt emphasis parser for EmphasisParserGoldenTest.

The reference module is NOT part of this repository. Save stable-diffusion-webui's
`modules/prompt_parser.py` (or an excerpt holding `parse_prompt_attention` with its two regexes)
somewhere, e.g. /tmp/ref/prompt_parser.py, and run from the repository root:

    /usr/bin/python3 tools/reference/emphasis_golden.py /tmp/ref/prompt_parser.py \
        studio-engine/src/test/resources/golden/tokenizer/emphasis.json

The full module imports `lark` (prompt scheduling) at import time; it is stubbed when missing
because parse_prompt_attention does not use it.

Output: {prompt: [[text, weight], ...]} with ["BREAK", -1] for a chunk break. Weights are written
with Python's shortest round-trip repr, so the Java test compares them exactly. BREAK only appears
outside brackets here: inside brackets A1111 multiplies its -1 marker too (a known quirk that our
parser deliberately does not copy), which EmphasisParserTest covers separately.
"""
import importlib.util
import json
import sys
import types

PROMPTS = [
    "",
    "normal text",
    "an (important) word",
    "(unbalanced",
    "\\(literal\\]",
    "(unnecessary)(parens)",
    "a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).",
    "a (b:1.5) [c] ((d))",
    "[unbalanced square",
    "stray close) and ] brackets",
    "((a) b",
    "[[a] b",
    "(a [b) c] d",
    "[(a)] b",
    "((a:1.5):0.5) b",
    "(a: 1.3 ) (b:+1.5) (c:-0.5) (d:.5) (e:1.) (f:2)",
    "text: with colon and (a:b:1.2)",
    "a:1.2) without opener",
    "(masterpiece:1.2), best quality, [worst quality:1.4]",
    "a\\b lone backslash \\\\ double \\x end\\",
    "(a\\ b) \\)(c\\()",
    "a BREAK b",
    "BREAK at start",
    "ends with BREAK",
    "aBREAK BREAKb a_BREAK not breaks",
    "a\nBREAK\nb",
    "a BREAK BREAK b",
    "(a) BREAK (b)",
    "x:BREAK:y",
    "()",
    "[]",
    "(:1.5)",
    "(caf\u00e9:1.2) \u65e5\u672c (\u732b)",
    "((((((deep))))))",
    "[[[[shallow]]]]",
    "(a:1.1)(b)",
    "[a](b)[c]",
]


def load_reference(module_path):
    if importlib.util.find_spec("lark") is None:
        sys.modules["lark"] = types.SimpleNamespace(Lark=lambda *args, **kwargs: None)
    spec = importlib.util.spec_from_file_location("a1111_prompt_parser", module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: emphasis_golden.py PROMPT_PARSER_PY OUT_JSON")
    module_path, out_path = sys.argv[1:]
    parser = load_reference(module_path)
    golden = {prompt: parser.parse_prompt_attention(prompt) for prompt in PROMPTS}
    assert len(golden) == len(PROMPTS), "duplicate prompt"
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(golden, out, ensure_ascii=True, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
