"""Convert record files (ANNOTATION.md shape) to `.spacy` training files.

`IN.jsonl=OUT.spacy` writes one file; `IN.jsonl=OUT_DIR/` writes one file per
document, named by its id (the seed speeches, for leave-one-out folds). A
missing input is skipped with a message, so the project runs without
`../shared`.

Each document becomes one gold Doc (`govspeech.docs.record_to_doc`): the
segmenter's tokens, split at gold boundaries that fall inside a token. The
share of gold entities and units on the segmenter's own token boundaries, and
every entity that is not, is written to the alignment report: nothing is
dropped without a count.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from spacy.tokens import DocBin

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.docs import alignment_report, record_to_doc  # noqa: E402
from govspeech.records import read_records  # noqa: E402
from govspeech.segmenter import blank_pipeline  # noqa: E402


def _write(docs, path: Path) -> None:
    db = DocBin(store_user_data=True)
    for doc in docs:
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)


def main(inputs: list[str] = typer.Argument(..., help="IN.jsonl=OUT.spacy or IN.jsonl=OUT_DIR/ pairs"),
         pkuseg_model: Path = typer.Option(Path("assets/pkuseg_mixed")),
         user_dict: Path = typer.Option(Path("assets/user_dict.txt")),
         report: Path = typer.Option(Path("training/alignment.json"))) -> None:
    nlp = blank_pipeline(pkuseg_model, user_dict if user_dict.exists() else None)
    summary = {}
    for pair in inputs:
        src, _, dst = pair.partition("=")
        if not Path(src).exists():
            typer.echo(f"skipped {src}: not found")
            continue
        records = list(read_records(src))
        docs = [record_to_doc(nlp, rec) for rec in records]
        if dst.endswith("/"):
            for rec, doc in zip(records, docs):
                _write([doc], Path(dst) / f"{rec['id']}.spacy")
        else:
            _write(docs, Path(dst))
        rep = alignment_report(nlp, records)
        rep["entity_share"] = rep["entities_aligned"] / max(1, rep["entities"])
        rep["unit_share"] = rep["units_aligned"] / max(1, rep["units"])
        summary[src] = rep
        typer.echo(f"{src}: {len(records)} docs -> {dst}; entities on token boundaries "
                   f"{rep['entities_aligned']}/{rep['entities']} ({rep['entity_share']:.2%}), "
                   f"unit starts {rep['units_aligned']}/{rep['units']} ({rep['unit_share']:.2%})")
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
