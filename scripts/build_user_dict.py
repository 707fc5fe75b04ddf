"""Write the segmenter's domain user dictionary from the training split.

Names of departments, indicators and policies marked in the training records
(never dev or test) become dictionary words, so that gold entity boundaries
fall on token boundaries.
"""
from __future__ import annotations

import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.records import read_records  # noqa: E402
from govspeech.segmenter import user_dict_words  # noqa: E402


def main(train: Path = typer.Argument(Path("corpus/train.jsonl")),
         out: Path = typer.Argument(Path("assets/user_dict.txt"))) -> None:
    words = user_dict_words(read_records(train))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    typer.echo(f"{len(words)} words -> {out}")


if __name__ == "__main__":
    typer.run(main)
