"""Write records (batch output, predictions) as `.gsa` files for correction.

A predicted record becomes an inline-annotated document that an annotator
corrects by hand and adds to `corpus/src/` with a `split` header; the
`corpus` command then validates it and it is trained on like any gold.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.inline import to_inline  # noqa: E402
from govspeech.records import read_records  # noqa: E402


def main(records: Path = typer.Argument(..., help="JSON Lines records"),
         out: Path = typer.Argument(..., help="Folder for the .gsa files"),
         split: str = typer.Option("train", help="Split header the corrected documents will carry")) -> None:
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for rec in read_records(records):
        rec = dict(rec, meta={"split": split, **{k: v for k, v in (rec.get("meta") or {}).items()
                                                  if isinstance(v, (str, int, float)) and k != "split"}})
        name = re.sub(r"[^\w.-]+", "_", str(rec["id"])).strip("_") or f"doc{n}"
        (out / f"{name}.gsa").write_text(to_inline(rec), encoding="utf-8")
        n += 1
    typer.echo(f"{n} documents -> {out}")


if __name__ == "__main__":
    typer.run(main)
