"""Score a trained pipeline and the baselines on held-out documents.

Writes `training/metrics.json` and `training/metrics.md` with every figure of
ANNOTATION.md section 7, separately for the project's test split (texts the
project wrote, scored with the shipped model) and for the real seed speeches
(each scored with the leave-one-out fold model that did not train on it;
scripts/make_folds.py). Beside the model, on the same documents: the rules
baseline (`govspeech.baselines`, its lexicon from the same training documents)
and jieba's and THULAC's taggers as entity peers, on the labels they express.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import spacy
import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.baselines import LexiconNER, baseline_record  # noqa: E402
from govspeech.docs import doc_to_record  # noqa: E402
from govspeech.labels import ENTITY_LABELS  # noqa: E402
from govspeech.peers import PEER_LABELS, peer_entities  # noqa: E402
from govspeech.records import read_records  # noqa: E402
from govspeech.scoring import score_records  # noqa: E402

HEADLINE = [("units_f", "unit F1"), ("sections_acc", "section char acc"), ("sections_macro_f", "section macro F1"),
            ("headings_f", "heading F1"), ("headings_depth_acc", "heading depth acc"),
            ("directives_acc", "directive acc"), ("directives_macro_f", "directive macro F1"),
            ("directives_binary_f", "directive binary F1"), ("ents_p", "entity P"), ("ents_r", "entity R"),
            ("ents_f", "entity F1")]


def predict(nlp, records):
    texts = [r["text"] for r in records]
    return [doc_to_record(doc, r["id"], with_tasks="govspeech_tasks" in nlp.pipe_names)
            for doc, r in zip(nlp.pipe(texts, batch_size=4), records)]


def only_labels(records, labels):
    return [dict(r, entities=[e for e in r["entities"] if e["label"] in labels]) for r in records]


def evaluate_set(models, gold, lexicons):
    """Score the model(s) and the baselines on `gold`. `models` and `lexicons`
    map a document id to the model and lexicon that never saw that document
    (one shipped model for the test split; the fold models for the seeds)."""
    systems = {"model": [predict(models(g["id"]), [g])[0] for g in gold],
               "rules baseline": [baseline_record(g["text"], lexicons(g["id"]), g["id"]) for g in gold]}
    out = {name: score_records(gold, pred) for name, pred in systems.items()}

    for name, labels in PEER_LABELS.items():
        found = [peer_entities(name, g["text"]) for g in gold]
        if any(x is None for x in found):
            continue
        peer = [dict(g, entities=e) for g, e in zip(gold, found)]
        out[f"{name} (entities only)"] = score_records(only_labels(gold, labels), only_labels(peer, labels),
                                                       parts=("entities",))
    return out, systems["model"]


def fmt(v):
    return f"{v:.3f}" if isinstance(v, float) else ("–" if v is None else str(v))


def markdown(results: dict) -> str:
    lines = ["# Evaluation", "",
             "Written by `scripts/evaluate.py` (`spacy project run evaluate`). Scoring: ANNOTATION.md section 7.", ""]
    for set_name, res in results.items():
        if set_name.startswith("_"):
            continue
        lines += [f"## {set_name} ({res['_docs']} documents, {res['_chars']} characters)", "",
                  "| figure | " + " | ".join(k for k in res if not k.startswith("_")) + " |",
                  "|---|" + "---:|" * sum(1 for k in res if not k.startswith("_"))]
        systems = [k for k in res if not k.startswith("_")]
        for key, label in HEADLINE:
            lines.append(f"| {label} | " + " | ".join(fmt(res[s].get(key)) for s in systems) + " |")
        lines += ["", "Entities per label (P / R / F1, gold count):", "",
                  "| label | n | " + " | ".join(systems) + " |", "|---|---:|" + "---|" * len(systems)]
        for lab in ENTITY_LABELS:
            cells, n = [], 0
            for s in systems:
                t = res[s].get("ents_per_type", {}).get(lab)
                if t:
                    n = max(n, t["n"])
                cells.append(f"{t['p']:.2f} / {t['r']:.2f} / **{t['f']:.3f}**" if t else "–")
            lines.append(f"| {lab} | {n} | " + " | ".join(cells) + " |")
        lines += ["", "Directives per label (F1):", "", "| label | " + " | ".join(systems) + " |",
                  "|---|" + "---:|" * len(systems)]
        for lab in ("TARGET", "PROHIBITION", "TASK", "EXHORTATION", "NONE"):
            lines.append(f"| {lab} | " + " | ".join(fmt(res[s].get("directives_per_type", {}).get(lab)) for s in systems) + " |")
        lines += ["", "Sections per label (F1):", "", "| label | " + " | ".join(systems) + " |",
                  "|---|" + "---:|" * len(systems)]
        for lab in ("META", "OPENING", "REVIEW", "PROBLEMS", "SITUATION", "TASKS", "SAFEGUARDS", "CURRENT", "CLOSING"):
            lines.append(f"| {lab} | " + " | ".join(fmt(res[s].get("sections_per_type", {}).get(lab)) for s in systems) + " |")
        lines.append("")
    return "\n".join(lines)


def main(model: Path = typer.Argument(Path("training/model-best")),
         test: Path = typer.Option(Path("corpus/test.jsonl"), help="Held-out split of the project's own texts"),
         train: Path = typer.Option(Path("corpus/train.jsonl"), help="Training split (for the baseline's lexicon)"),
         seeds: Path = typer.Option(Path("../shared/gold/seeds.jsonl"), help="Real speeches with gold; skipped if absent"),
         folds: Path = typer.Option(Path("training/folds"), help="Leave-one-out fold models (scripts/train_folds.py): each seed is scored by the model that never saw it"),
         out: Path = typer.Option(Path("training/metrics.json")),
         predictions: Path = typer.Option(Path("training/predictions"), help="Folder for the model's predicted records")) -> None:
    from govspeech.records import write_records
    nlp = spacy.load(model)
    train_records = list(read_records(train))
    lexicon = LexiconNER(train_records)
    results = {}
    sets = [("test split (texts written by the project)", test, lambda _: nlp, lambda _: lexicon)]
    if seeds.exists():
        seed_gold = list(read_records(seeds))
        fold_models = {g["id"]: folds / g["id"] / "model-best" for g in seed_gold}
        missing = [i for i, p in fold_models.items() if not p.exists()]
        if missing:
            typer.echo(f"skipped the seeds: no fold model held out {missing} (spacy project run train-folds); "
                       "the shipped model trained on them")
        else:
            cache: dict = {}

            def fold_model(doc_id):
                if doc_id not in cache:
                    cache.clear()
                    cache[doc_id] = spacy.load(fold_models[doc_id])
                return cache[doc_id]

            def fold_lexicon(doc_id):
                return LexiconNER(train_records + [g for g in seed_gold if g["id"] != doc_id])

            sets.append(("real seed speeches (each scored by a fold model trained without it)", seeds,
                         fold_model, fold_lexicon))
    else:
        typer.echo(f"skipped the seeds: {seeds} not found")
    for name, path, models, lexicons in sets:
        if not path.exists():
            typer.echo(f"skipped {name}: {path} not found")
            continue
        gold = list(read_records(path))
        t = time.time()
        res, preds = evaluate_set(models, gold, lexicons)
        res["_docs"], res["_chars"] = len(gold), sum(len(g["text"]) for g in gold)
        results[name] = res
        write_records(predictions / f"{path.stem}.jsonl", preds)
        typer.echo(f"{name}: {len(gold)} docs in {time.time() - t:.1f}s")
        for s in (k for k in res if not k.startswith("_")):
            typer.echo(f"  {s:24s} " + "  ".join(f"{lab}={fmt(res[s].get(k))}" for k, lab in HEADLINE if res[s].get(k) is not None))
    results["_model"] = str(model)
    results["_seed_models"] = "leave-one-out fold models in " + str(folds)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    typer.echo(f"-> {out}, {out.with_suffix('.md')}")


if __name__ == "__main__":
    typer.run(main)
