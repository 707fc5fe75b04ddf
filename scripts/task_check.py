"""Owner and deadline precision/recall of the task records against a
hand-checked file (tests/task_check.jsonl).

`draft` writes candidate rows (directive units of the seeds and the test
split, every k-th one, owners and deadline pre-filled from the rules run on
gold entities) for a person to correct; `score` runs a pipeline on the same
documents and compares its task records with the corrected rows; a seed
speech is run through the leave-one-out fold model that never saw it
(`--folds`), the test split through the shipped model. A row's
owners and deadline are strings of the text; a unit the pipeline did not
label as a directive gives it no owners and no deadline.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.records import read_records, write_records  # noqa: E402

app = typer.Typer(add_completion=False)


def _gold_tasks(nlp, rec):
    from govspeech.docs import record_to_doc
    from govspeech.tasks import TaskDeriver
    doc = record_to_doc(nlp, rec)
    return TaskDeriver()(doc)._.tasks


@app.command()
def draft(out: Path = typer.Argument(Path("tests/task_check.jsonl")),
          sets: list[Path] = typer.Option([Path("../shared/gold/seeds.jsonl"), Path("corpus/test.jsonl")], "--set"),
          per_set: int = typer.Option(60), pkuseg_model: Path = typer.Option(Path("assets/pkuseg_mixed"))) -> None:
    from govspeech.segmenter import blank_pipeline
    nlp = blank_pipeline(pkuseg_model)
    rows = []
    for path in sets:
        recs = list(read_records(path))
        tasks = [(r, t) for r in recs for t in _gold_tasks(nlp, r)]
        step = max(1, len(tasks) // per_set)
        for r, t in tasks[::step][:per_set]:
            # offsets only: the texts stay in their own files (../shared for the seeds)
            rows.append({"set": path.stem, "doc": r["id"], "start": t["start"], "end": t["end"], "kind": t["kind"],
                         "owners": [o["text"] for o in t["owners"]],
                         "deadline": t["deadline"]["text"] if t["deadline"] else None, "checked": False})
    write_records(out, rows)
    typer.echo(f"{len(rows)} rows -> {out}")


def prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@app.command()
def score(model: str = typer.Argument("training/model-best"),
          checked: Path = typer.Option(Path("tests/task_check.jsonl")),
          sets: list[Path] = typer.Option([Path("../shared/gold/seeds.jsonl"), Path("corpus/test.jsonl")], "--set"),
          out: Path = typer.Option(Path("training/task_check.json")),
          gold: bool = typer.Option(False, "--gold", help="Derive tasks from the gold units and entities "
                                    "(scores the task rules alone, not the pipeline)"),
          folds: Path = typer.Option(Path("training/folds"), help="Fold models: a document with a model at "
                                     "FOLDS/<id>/model-best is run through it"),
          pkuseg_model: Path = typer.Option(Path("assets/pkuseg_mixed"))) -> None:
    import spacy
    from govspeech.docs import doc_to_record
    if gold:
        from govspeech.segmenter import blank_pipeline
        blank = blank_pipeline(pkuseg_model)
    loaded: dict = {}

    def nlp_for(doc_id: str):
        path = folds / doc_id / "model-best"
        path = str(path) if path.exists() else model
        if path not in loaded:
            loaded.clear()
            loaded[path] = spacy.load(path)
        return loaded[path]
    rows = list(read_records(checked))
    docs = {}
    for path in sets:
        if path.exists():
            for r in read_records(path):
                docs[(path.stem, r["id"])] = r
    preds = {}
    for key in sorted({(row["set"], row["doc"]) for row in rows}):
        if key in docs:
            rec = docs[key]
            preds[key] = (_gold_tasks(blank, rec) if gold else
                          doc_to_record(nlp_for(rec["id"])(rec["text"]), rec["id"], with_tasks=True)["tasks"])
    result = {}
    for group in sorted({row["set"] for row in rows}) + ["all"]:
        c = {k: 0 for k in ("own_tp", "own_pred", "own_gold", "dl_tp", "dl_pred", "dl_gold", "units")}
        for row in rows:
            if (group != "all" and row["set"] != group) or (row["set"], row["doc"]) not in preds:
                continue
            c["units"] += 1
            # the predicted task whose unit covers most of the checked unit
            best, cover = None, 0
            for t in preds[(row["set"], row["doc"])]:
                ov = min(t["end"], row["end"]) - max(t["start"], row["start"])
                if ov > cover:
                    best, cover = t, ov
            p_own = {o["text"] for o in best["owners"]} if best else set()
            g_own = set(row["owners"])
            c["own_tp"] += len(p_own & g_own)
            c["own_pred"] += len(p_own)
            c["own_gold"] += len(g_own)
            p_dl = best["deadline"]["text"] if best and best["deadline"] else None
            c["dl_tp"] += p_dl is not None and p_dl == row["deadline"]
            c["dl_pred"] += p_dl is not None
            c["dl_gold"] += row["deadline"] is not None
        if not c["units"]:
            continue
        op, orr, of = prf(c["own_tp"], c["own_pred"], c["own_gold"])
        dp, dr, df = prf(c["dl_tp"], c["dl_pred"], c["dl_gold"])
        result[group] = {"units": c["units"], "owner_p": op, "owner_r": orr, "owner_f": of,
                         "deadline_p": dp, "deadline_r": dr, "deadline_f": df, "owners_gold": c["own_gold"],
                         "deadlines_gold": c["dl_gold"]}
        typer.echo(f"{group:10s} units {c['units']:3d}  owner P {op:.3f} R {orr:.3f} ({c['own_gold']} gold)  "
                   f"deadline P {dp:.3f} R {dr:.3f} ({c['dl_gold']} gold)")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    app()
