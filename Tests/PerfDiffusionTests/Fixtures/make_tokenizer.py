#!/usr/bin/env python3
"""Regenerates the tokenizer fixtures of PerfDiffusionTests.

Needs transformers (pip install transformers tokenizers); CI does not run this script, the
tests read its committed output:

- tokenizer/: a small CLIP-style byte-level BPE vocabulary in the classic Stable Diffusion
  layout (vocab.json, merges.txt, tokenizer_config.json, special_tokens_map.json), learnt
  here from a small caption corpus; the vocabulary is laid out as CLIP's is: the 256 byte
  symbols, the same with "</w>", one entry per merge, then the two special tokens.
- tokenizer-short/: the same vocabulary saved by transformers' CLIPTokenizer with
  pad_token "!" and model_max_length 16 (the Stable Diffusion 2 padding convention, and a
  short limit that makes truncation common); transformers 5 writes tokenizer.json.
- tokenizer_cases.json: for every prompt, the ids transformers' CLIPTokenizer gives with
  padding="max_length", truncation=True, and the tokens without special tokens, for both.

Deterministic: the same files on every run.
"""
import collections
import json
import os
import shutil

from transformers import CLIPTokenizer

HERE = os.path.dirname(os.path.abspath(__file__))
MERGES = 420

CORPUS = """
a photo of a red circle next to a blue square on a green background
the small yellow star above the big purple heart in the centre of the picture
an orange triangle at the left of a white diamond, a pink cross on the right
a black hexagon at the bottom and a grey moon at the top of the image
a bullseye circle, a checkered square, a polka dot heart and a two tone star
photograph painting drawing sketch render of a teddy bear dog cat toy sculpture
the quick brown fox jumps over the lazy dog while the cat sleeps on the sofa
it's a sunny day; we're walking through the park, they've seen the lake and I'll swim
high quality, detailed, 4k, 8k, trending on artstation, by greg rutkowski and alphonse mucha
portrait of an astronaut riding a horse on mars, digital art, cinematic lighting
a cozy cabin in the snowy mountains at night with stars and the milky way
watercolor landscape with rivers, trees, flowers, birds and a rainbow after the rain
""".split()


def bytes_to_unicode():
    """CLIP's reversible map from the 256 byte values to printable unicode characters."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    codes = printable[:]
    extra = 0
    for byte in range(256):
        if byte not in printable:
            printable.append(byte)
            codes.append(256 + extra)
            extra += 1
    return dict(zip(printable, (chr(code) for code in codes)))


def learn_merges(words, count):
    """Greedy BPE: repeatedly merges the most frequent adjacent pair (ties: smallest pair)."""
    encoder = bytes_to_unicode()
    frequencies = collections.Counter(words)
    symbols = {}
    for word in frequencies:
        chars = [encoder[b] for b in word.encode("utf-8")]
        symbols[word] = chars[:-1] + [chars[-1] + "</w>"]
    known = set(encoder.values()) | {c + "</w>" for c in encoder.values()}
    merges = []
    while len(merges) < count:
        pairs = collections.Counter()
        for word, parts in symbols.items():
            for left, right in zip(parts, parts[1:]):
                pairs[(left, right)] += frequencies[word]
        candidates = sorted((-n, pair) for pair, n in pairs.items() if pair[0] + pair[1] not in known)
        if not candidates:
            break
        left, right = candidates[0][1]
        merges.append((left, right))
        known.add(left + right)
        for word, parts in symbols.items():
            merged, i = [], 0
            while i < len(parts):
                if i + 1 < len(parts) and parts[i] == left and parts[i + 1] == right:
                    merged.append(left + right)
                    i += 2
                else:
                    merged.append(parts[i])
                    i += 1
            symbols[word] = merged
    return merges


def write_classic(folder, merges):
    os.makedirs(folder, exist_ok=True)
    alphabet = list(bytes_to_unicode().values())
    tokens = alphabet + [c + "</w>" for c in alphabet] + ["".join(m) for m in merges]
    tokens += ["<|startoftext|>", "<|endoftext|>"]
    vocab = {token: index for index, token in enumerate(tokens)}
    with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))
    # As Stable Diffusion 1.x folders on the Hub have them: special tokens written as
    # AddedToken objects, matched after normalisation ("normalized": true).
    def added(content):
        return {"__type": "AddedToken", "content": content, "lstrip": False, "normalized": True,
                "rstrip": False, "single_word": False}
    special = {"bos_token": added("<|startoftext|>"), "eos_token": added("<|endoftext|>"),
               "unk_token": added("<|endoftext|>"), "pad_token": "<|endoftext|>"}
    with open(os.path.join(folder, "special_tokens_map.json"), "w") as f:
        json.dump(special, f, indent=2, sort_keys=True)
    decoder = {str(vocab[t]): {**added(t), "special": True} for t in ("<|startoftext|>", "<|endoftext|>")}
    for entry in decoder.values():
        del entry["__type"]
    config = {"tokenizer_class": "CLIPTokenizer", "model_max_length": 77, "do_lower_case": True,
              "errors": "replace", "add_prefix_space": False, "added_tokens_decoder": decoder,
              "bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>",
              "unk_token": "<|endoftext|>", "pad_token": "<|endoftext|>"}
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump(config, f, indent=2, sort_keys=True)


PROMPTS = [
    "",
    " ",
    "a photo of a red circle",
    "A Photo Of A RED Circle",
    "a photo of a dog",
    "the quick brown fox jumps over the lazy dog",
    "   leading and trailing spaces   ",
    "tabs\tand\nnewlines\r\nand  double  spaces",
    "it's a dog's life, isn't it? we're here; they've gone; I'll stay; you'd go; I'm in",
    "IT'S LOUD: DON'T SHOUT",
    "quotes 'single' and \"double\" and `back`",
    "punctuation!!! ??? ... ,,, ;;; ::: --- ___ (()) [[]] {{}}",
    "a+b=c, 100% sure; #hashtag @mention $5 & more ~tilde^caret|pipe\\backslash/slash",
    "numbers 0 1 12 123 2024 3.14159 1,000,000 -42 +7 1e-5",
    "4k 8k uhd, 16:9, 1920x1080, v1.5",
    "café naïve résumé coöperate façade",
    "Ünïcödé ÀÉÎÕÜ ßtraße",
    "ﬁne ligature and e\u0301 combining accent",
    "emoji 😀🎨🖼️ and a ❤ heart",
    "日本語のテキスト and 中文 mixed with latin",
    "Ελληνικά ΣΟΦΙΑ σοφία and Кириллица",
    "العربية right to left",
    "zero\u200bwidth\u00a0no-break\u2003em space",
    "control\x07bell and\x00nul",
    "<|startoftext|> inside the prompt <|endoftext|> too",
    "a <|endoftext|>b",
    "A <|EndOfText|> b",
    "<|ENDOFTEXT|>!",
    "<|endoftext|>!",
    "x<|startoftext|>y<|endoftext|><|endoftext|>z",
    "<|endoftext",
    "!!<|endoftext|>",
    "a photo of a sks teddy bear",
    "a bullseye circle next to a checkered square",
    "watercolor, trending on artstation, highly detailed, 4k",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "x" * 5 + " " + "y" * 3,
    "a-b_c.d/e:f",
    "mixedCASEwords AndNumbers123abc456",
    "'s 't 're 've 'm 'll 'd ' '' '''",
    "hello,world.how are-you",
    " ".join(["a red circle next to a blue square"] * 8),
    " ".join(str(n) for n in range(100)),
    "a photo of " + "very " * 40 + "tall tree",
    "!",
    "\u3000ideographic space\u3000",
]


def cases(tokenizer):
    out = []
    for prompt in PROMPTS:
        ids = tokenizer(prompt, padding="max_length", max_length=tokenizer.model_max_length,
                        truncation=True)["input_ids"]
        out.append({"prompt": prompt, "ids": ids, "tokens": tokenizer.tokenize(prompt)})
    return out


def compact(value, depth=0):
    """JSON with one prompt case per line, so that a diff shows which prompts changed."""
    if isinstance(value, dict) and depth < 3:
        inner = ",\n".join(f"{json.dumps(k)}: {compact(v, depth + 1)}" for k, v in value.items())
        return "{\n" + inner + "\n}"
    if isinstance(value, list) and depth < 4:
        return "[\n" + ",\n".join(compact(v, depth + 1) for v in value) + "\n]"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main():
    merges = learn_merges([w.lower() for w in CORPUS], MERGES)
    classic = os.path.join(HERE, "tokenizer")
    write_classic(classic, merges)
    standard = CLIPTokenizer.from_pretrained(classic)
    short_dir = os.path.join(HERE, "tokenizer-short")
    shutil.rmtree(short_dir, ignore_errors=True)
    short = CLIPTokenizer.from_pretrained(classic, pad_token="!", model_max_length=16)
    short.save_pretrained(short_dir)
    short = CLIPTokenizer.from_pretrained(short_dir)
    result = {
        "generator": "transformers CLIPTokenizer",
        "variants": {
            "tokenizer": {"folder": "tokenizer", "cases": cases(standard)},
            "tokenizer-short": {"folder": "tokenizer-short", "cases": cases(short)},
        },
    }
    with open(os.path.join(HERE, "tokenizer_cases.json"), "w", encoding="utf-8") as f:
        f.write(compact(result) + "\n")


if __name__ == "__main__":
    main()
