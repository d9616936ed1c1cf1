#!/usr/bin/env python3
"""Golden token ids for ClipTokenizerGoldenTest, produced by OpenAI CLIP's own tokenizer.

The reference module is NOT part of this repository. Save openai/CLIP's `clip/simple_tokenizer.py`
somewhere (e.g. /tmp/ref/simple_tokenizer.py) and run, from the repository root:

    /usr/bin/python3 tools/reference/tokenizer_golden.py /tmp/ref/simple_tokenizer.py \
        ../shared/fixtures/clip-tokenizer/bpe_simple_vocab_16e6.txt.gz \
        studio-engine/src/test/resources/golden/tokenizer/clip_ids.json

Needs the `regex` module (Debian: python3-regex). `ftfy` is not installable here, so it is stubbed
as the identity. Every prompt below is one that ftfy.fix_text leaves unchanged: NFC text, no
mojibake, no curly quotes, no ligatures, no half/full-width forms, no control characters other
than tab/newline, and HTML entities nested at most twice (ftfy's own unescaping followed by the
reference's two html.unescape calls then gives the same text as two calls alone).

The Java side reads the Hugging Face files (vocab.json, merges.txt) while this script has the
reference read the original .gz, so the test also checks that both vocab layouts agree.
"""
import importlib.util
import json
import sys
import types

PROMPTS = [
    "",
    "   ",
    "a photo of a cat",
    "A Photo Of A CAT, Highly Detailed!!!",
    "it's a dog's life, they're here, we've won, I'm ok, you'll see, he'd go, don't stop",
    "IT'S LOUD, THEY'RE LOUDER, WE'VE SHOUTED",
    "'s 't 're 've 'm 'll 'd",
    "rock'n'roll o'clock 'quoted' ''double''",
    "numbers 1234567890 and 3.14159 and 1,000,000 and 2nd 21st 4k 8K uhd 1920x1080",
    "caf\u00e9 na\u00efve r\u00e9sum\u00e9 Z\u00fcrich S\u00e3o Paulo \u00c5ngstr\u00f6m Fran\u00e7ois",
    "emoji \U0001F600\U0001F389 thumbs \U0001F44D\U0001F3FD heart \u2764\ufe0f family \U0001F468\u200d\U0001F469\u200d\U0001F467",
    "html &amp; entities &lt;tag&gt; &quot;quoted&quot; &#39;apos&#39; &#x1F600; &copy; 2024 a&nbsp;b",
    "double escaped &amp;amp; and &amp;lt;b&amp;gt; and &amp;#169;",
    "legacy &ampxyz &notit; &unknown; & alone &#0; &#xD800; &#128; &#150; &#99999999; &#x110000; &#1; &#X41;",
    "multiple   spaces\n\nnew lines\ttabs \u3000 ideographic\u00a0nbsp\u2003em space   end   ",
    "\n\t  leading and trailing whitespace \t\n",
    "pneumonoultramicroscopicsilicovolcanoconiosis supercalifragilisticexpialidocious",
    "abcdefghij" * 30,
    "\u4e00\u53ea\u732b\u5750\u5728\u684c\u5b50\u4e0a",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8 \uace0\uc591\uc774 \u0645\u0631\u062d\u0628\u0627 \u043f\u0440\u0438\u0432\u0435\u0442 \u041c\u0418\u0420",
    "\u039f\u0394\u039f\u03a3 \u03a3\u0399\u03a3\u03a5\u03a6\u039f\u03a3 \u03a3 end",
    "UPPERCASE MiXeD CaSe iPhone McDONALD",
    "<|endoftext|> literal <|startoftext|> tokens",
    "a<|endoftext|>b <|ENDOFTEXT|> <|endoftext <|endoftext|>|>",
    "hello... world?! (masterpiece:1.2), [blurry], {braces} @user #tag $5 100% a+b=c ~tilde` ^caret | pipe \\ backslash / slash _under_score_ --dash--",
    "Hello,World!How're you?I'm fine;thanks:bye.",
    "superscripts \u00b2\u00b3 fractions \u00bd\u00bc roman \u216b arabic-indic \u0663\u0664 circled \u2460",
    "long s '\u017f and kelvin \u212a sign",
    "combining ypogegrammeni x \u0345 y",
    "symbols \u2122 \u00ae \u00b0C \u20ac100 \u00a3 \u00a5 \u2192 \u2605\u2606 \u2026 \u2014 \u00bf\u00a1",
    "a " * 100,
    "masterpiece, best quality, 1girl, solo, long hair, looking at viewer, smile, blue eyes, "
    "blonde hair, dress, standing, outdoors, sky, day, cloud, tree, blue sky, grass, nature, "
    "scenery, forest, mountain, river, sunlight, wind, flowers, white dress, hat, sun hat",
]


def load_reference(module_path):
    # ftfy is not available here; see the module docstring for why identity is safe for PROMPTS.
    sys.modules.setdefault("ftfy", types.SimpleNamespace(fix_text=lambda text: text))
    spec = importlib.util.spec_from_file_location("clip_simple_tokenizer", module_path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: tokenizer_golden.py SIMPLE_TOKENIZER_PY BPE_VOCAB_GZ OUT_JSON")
    module_path, bpe_path, out_path = sys.argv[1:]
    tokenizer = load_reference(module_path).SimpleTokenizer(bpe_path)
    golden = {prompt: tokenizer.encode(prompt) for prompt in PROMPTS}
    assert len(golden) == len(PROMPTS), "duplicate prompt"
    with open(out_path, "w", encoding="utf-8") as out:
        json.dump(golden, out, ensure_ascii=True, indent=1)
        out.write("\n")


if __name__ == "__main__":
    main()
