"""Seed figures of several fold trainings side by side, with their mean and range.

One training of the fold models is one draw: seed figures move by several
points between trainings with the same settings. Train the folds again with
another `--seed` into a copy of `training/folds` (scripts/train_folds.py) and
pass every folder here; each seed speech is scored, as in
scripts/evaluate.py, only by the fold model that never saw it.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from statistics import mean

import spacy
import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.docs import doc_to_record  # noqa: E402
from govspeech.records import read_records  # noqa: E402
from govspeech.scoring import score_records  # noqa: E402

FIGURES = [("sections_acc", "section acc"), ("sections_macro_f", "section macro F1"),
           ("directives_macro_f", "directive macro F1"), ("directives_binary_f", "directive binary F1"),
           ("PROHIBITION", "PROHIBITION F1"), ("ents_f", "entity F1")]


def score_folds(folds: Path, gold: list[dict]) -> dict:
    preds = []
    for g in gold:
        path = folds / g["id"] / "model-best"
        if not path.exists():
            typer.echo(f"no fold model held out {g['id']} in {folds} (scripts/train_folds.py)", err=True)
            raise typer.Exit(1)
        preds.append(doc_to_record(spacy.load(path)(g["text"]), g["id"]))
    res = score_records(gold, preds)
    res["PROHIBITION"] = res["directives_per_type"].get("PROHIBITION", float("nan"))
    return {k: res[k] for k, _ in FIGURES}


def main(folds: list[Path] = typer.Argument(..., help="Folders of fold models (training/folds and copies)"),
         seeds: Path = typer.Option(Path("../shared/gold/seeds.jsonl")),
         out: Path = typer.Option(None, help="Write the figures as JSON here")) -> None:
    if not seeds.exists():
        typer.echo(f"skipped: {seeds} not found")
        raise typer.Exit(0)
    gold = list(read_records(seeds))
    rows = {str(f): score_folds(f, gold) for f in folds}
    typer.echo(f"{'':28s}" + "".join(f"{lab:>21s}" for _, lab in FIGURES))
    for name, r in rows.items():
        typer.echo(f"{name[-28:]:28s}" + "".join(f"{r[k]:21.3f}" for k, _ in FIGURES))
    for agg, fn in (("mean", mean), ("min", min), ("max", max)):
        typer.echo(f"{agg:28s}" + "".join(f"{fn(r[k] for r in rows.values()):21.3f}" for k, _ in FIGURES))
    if out:
        out.write_text(json.dumps(rows, indent=1), encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
