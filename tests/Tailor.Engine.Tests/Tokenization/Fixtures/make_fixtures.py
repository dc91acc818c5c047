#!/usr/bin/env python3
"""Regenerates the SentencePiece fixture used by SentencePieceFixtureTests.

Trains a tiny Llama-2-style SentencePiece BPE model (byte_fallback, identity
normalisation, whitespace kept as-is) on the text below and records the ids that
the reference implementation (Google's sentencepiece) produces for a few probe
strings. The C# TextTokenizer must reproduce these ids exactly.

Run with Debian's python (apt-get install python3-sentencepiece):
    /usr/bin/python3 make_fixtures.py
"""
import io
import json
import os

import sentencepiece as spm

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sentencepiece")

CORPUS = """
The quick brown fox jumps over the lazy dog.
A tokenizer turns text into a sequence of integer ids, and back again.
Tailor trains small language models on a single machine.
Byte pair encoding merges the most frequent pair of symbols, over and over.
SentencePiece treats the input as a raw stream and marks spaces with a special symbol.
When a character is not in the vocabulary, byte fallback spells it out as UTF-8 bytes.
Numbers like 12345 and 2024 are split into single digits.
The model reads the text, predicts the next token, and the loss goes down slowly.
Café, naïve, façade, résumé and jalapeño keep their accents.
Über den Wolken muss die Freiheit wohl grenzenlos sein.
El niño comió una manzana roja en la mañana.
Les élèves étudient la physique et la chimie à l'école.
Training data should be clean, varied and plentiful.
Evaluation measures perplexity on held-out text that the model never saw.
Generation samples one token at a time until it meets the end of sequence token.
	Indented lines start with a tab, and some lines have    several   spaces.
def add(a, b):
    return a + b
for i in range(10):
    print(i * i)
The weather today is sunny with a light breeze from the west.
She sells sea shells by the sea shore, and the shells she sells are sea shells.
How much wood would a woodchuck chuck if a woodchuck could chuck wood?
Peter Piper picked a peck of pickled peppers.
"""

PROBES = [
    "Hello world",
    "The quick brown fox jumps over the lazy dog.",
    "Café naïve jalapeño",
    "Numbers: 3.14159 and 42",
    "  leading and trailing spaces  ",
    "tabs\tand\nnewlines\n\n",
    "東京は日本の首都です",
    "مرحبا بالعالم",
    "emoji 😀 👍🏽 👨‍👩‍👧‍👦 🇯🇵",
    "",
]


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = [l for l in CORPUS.strip("\n").split("\n") if l.strip()]
    # Repeat so that the tiny corpus has enough counts for 400 pieces.
    sentences = lines * 20
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        model_type="bpe",
        vocab_size=400,
        byte_fallback=True,
        character_coverage=1.0,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        add_dummy_prefix=True,
        split_digits=True,
        allow_whitespace_only_pieces=True,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    data = model.getvalue()
    with open(os.path.join(OUT, "tokenizer.model"), "wb") as f:
        f.write(data)

    sp = spm.SentencePieceProcessor(model_proto=data)
    expected = []
    for text in PROBES:
        ids = sp.encode(text)
        expected.append({"text": text, "ids": ids, "decoded": sp.decode(ids)})
    header = {"vocab_size": sp.get_piece_size(), "bos_id": sp.bos_id(), "eos_id": sp.eos_id(), "unk_id": sp.unk_id()}
    with open(os.path.join(OUT, "expected_ids.json"), "w", encoding="utf-8") as f:
        # One case per line keeps the file small and its diffs readable.
        f.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=False) for c in expected))
        f.write("\n]}\n")

    # The HF layout around a Llama-2 style tokenizer.model.
    config = {
        "add_bos_token": True,
        "add_eos_token": False,
        "bos_token": {"content": "<s>", "lstrip": False, "normalized": False, "rstrip": False, "single_word": False},
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "pad_token": None,
        "model_max_length": 2048,
        "tokenizer_class": "LlamaTokenizer",
        "chat_template": "{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}",
    }
    with open(os.path.join(OUT, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
