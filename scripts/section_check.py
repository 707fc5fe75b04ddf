"""Section roles on the six real work reports of ../shared/data/real, against
hand-assigned roles per paragraph (tests/section_check_real.jsonl).

A work report is one paragraph per line and keeps one role per paragraph, so
the check file gives line ranges and a role (offsets only: the texts stay in
../shared). The figures are character accuracy and macro F1 of the section
roles, scored like every section figure (ANNOTATION.md section 7), for each
model given and for the rules baseline, in the same run. These reports are
long real texts no model trained on; they were used to choose between model
variants, so they are a selection set, not a held-out score.
"""
from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.records import read_records  # noqa: E402

app = typer.Typer(add_completion=False)


def checked_text(row: dict, data: bytes) -> str:
    """The text of a checked report, refused if it is not the one that was labelled."""
    if hashlib.sha256(data).hexdigest() != row["sha256"]:
        raise ValueError(f"{row['file']}: the text differs from the one that was labelled")
    return data.decode("utf-8")


def score_systems(gold: list[dict], models: list[str], part: str) -> dict:
    """Per system (the rules baseline, then each model): the `part` figures
    over all reports and per report, scored like every figure (ANNOTATION.md
    section 7)."""
    import spacy
    from govspeech.baselines import baseline_record
    from govspeech.docs import doc_to_record
    from govspeech.scoring import score_records
    systems = {"rules baseline": [baseline_record(g["text"], None, g["id"]) for g in gold]}
    for name in models:
        nlp = spacy.load(name)
        systems[name] = [doc_to_record(doc, g["id"]) for g, doc in zip(gold, nlp.pipe(g["text"] for g in gold))]
    return {name: {"all": score_records(gold, pred, parts=(part,)),
                   "docs": {g["id"]: score_records([g], [p], parts=(part,)) for g, p in zip(gold, pred)}}
            for name, pred in systems.items()}


def gold_record(row: dict, data: bytes) -> dict:
    """A record whose units are the labelled lines (sections only)."""
    text = checked_text(row, data)
    starts, pos = [], 0
    for line in text.split("\n"):
        starts.append((pos, pos + len(line)))
        pos += len(line) + 1
    sentences = []
    for a, b, label in row["lines"]:
        for n in range(a, b + 1):
            s, e = starts[n - 1]
            if text[s:e].strip():
                sentences.append({"start": s, "end": e, "section": label})
    return {"id": row["file"], "text": text, "sentences": sentences}


@app.command()
def main(models: list[str] = typer.Argument(None, help="Pipelines to score (default: training/model-best)"),
         checked: Path = typer.Option(Path("tests/section_check_real.jsonl")),
         real: Path = typer.Option(Path("../shared/data/real")),
         out: Path = typer.Option(Path("training/section_check_real.json"))) -> None:
    if not real.exists():
        typer.echo(f"{real} is absent: nothing to check")
        raise typer.Exit(0)
    gold = [gold_record(row, (real / row["file"]).read_bytes()) for row in read_records(checked)]
    result = score_systems(gold, models or ["training/model-best"], "sections")
    for name, r in result.items():
        total, per_doc = r["all"], r["docs"]
        cells = "  ".join(f"{d[:9]} {r['sections_acc']:.3f}" for d, r in per_doc.items())
        typer.echo(f"{name[:28]:28s} acc {total['sections_acc']:.3f} macro {total['sections_macro_f']:.3f} | {cells}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    app()
