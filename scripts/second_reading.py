"""A second reading of the seed speeches' directives against their gold.

`tests/seed_directives_second_reading.tsv` holds a directive for every unit
of the four seeds (doc id and offsets only: the texts stay in ../shared),
given by an annotator who followed ANNOTATION.md and the project's notes
and saw neither the seed gold nor any prediction. Scored against the gold
like a model (ANNOTATION.md section 7), it measures how far two careful
readings agree, the ceiling a model can be held to; the fold models'
predictions (training/predictions/seeds.jsonl) are scored on the same units
in the same run.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.records import read_records, write_json  # noqa: E402
from govspeech.scoring import score_records  # noqa: E402


def second_reading(gold: list[dict], sheet: Path) -> list[dict]:
    """The gold records with each unit's directive taken from the sheet;
    refused unless the sheet covers exactly the gold's units."""
    with sheet.open(encoding="utf-8") as f:
        labels = {(r["doc"], int(r["start"]), int(r["end"])): r["directive"]
                  for r in csv.DictReader(f, delimiter="\t")}
    units = {(g["id"], s["start"], s["end"]) for g in gold for s in g["sentences"]}
    if units != set(labels):
        raise ValueError(f"{sheet}: {len(units ^ set(labels))} units differ from the gold's")
    return [dict(g, sentences=[dict(s, directive=labels[(g["id"], s["start"], s["end"])])
                               for s in g["sentences"]]) for g in gold]


def main(gold: Path = typer.Argument(..., help="The seeds' gold records"),
         sheet: Path = typer.Option(Path("tests/seed_directives_second_reading.tsv")),
         predictions: Path = typer.Option(Path("training/predictions/seeds.jsonl"),
                                          help="The fold models' records of the seeds (scripts/evaluate.py)"),
         out: Path = typer.Option(Path("training/second_reading.json"))) -> None:
    if not gold.exists():
        typer.echo(f"{gold} is absent: nothing to compare")
        raise typer.Exit()
    gold_records = list(read_records(gold))
    systems = {"second reading": second_reading(gold_records, sheet)}
    if predictions.exists():
        by_id = {r["id"]: r for r in read_records(predictions)}
        systems["fold models"] = [by_id[g["id"]] for g in gold_records]
    result = {name: score_records(gold_records, pred, parts=("directives",)) for name, pred in systems.items()}
    for name, r in result.items():
        typer.echo(f"{name}: directive accuracy {r['directives_acc']:.3f}, macro F1 {r['directives_macro_f']:.3f}, "
                   f"binary F1 {r['directives_binary_f']:.3f}")
    write_json(out, result)


if __name__ == "__main__":
    typer.run(main)
