"""Score a trained pipeline and the baselines on held-out documents.

Writes `training/metrics.json` and `training/metrics.md` with every figure of
ANNOTATION.md section 7, separately for the project's test split (texts the
project wrote) and for the real seed speeches (never trained on). Beside the
model, on the same documents: the rules baseline (`govspeech.baselines`) and
jieba's tagger as an entity peer, on the labels it can express.
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
from govspeech.peers import PEER_LABELS, jieba_entities  # noqa: E402
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


def evaluate_set(nlp, gold, lexicon_ner):
    systems = {"model": predict(nlp, gold),
               "rules baseline": [baseline_record(g["text"], lexicon_ner, g["id"]) for g in gold]}
    out = {name: score_records(gold, pred) for name, pred in systems.items()}
    jb = [jieba_entities(g["text"]) for g in gold]
    if all(x is not None for x in jb):
        labels = PEER_LABELS["jieba"]
        peer = [dict(g, entities=e) for g, e in zip(gold, jb)]
        out["jieba (entities only)"] = score_records(only_labels(gold, labels), only_labels(peer, labels),
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
         out: Path = typer.Option(Path("training/metrics.json")),
         predictions: Path = typer.Option(Path("training/predictions"), help="Folder for the model's predicted records")) -> None:
    from govspeech.records import write_records
    nlp = spacy.load(model)
    lexicon = LexiconNER(read_records(train))
    sets = {"test split (texts written by the project)": test, "real seed speeches": seeds}
    results = {}
    for name, path in sets.items():
        if not path.exists():
            typer.echo(f"skipped {name}: {path} not found")
            continue
        gold = list(read_records(path))
        t = time.time()
        res, preds = evaluate_set(nlp, gold, lexicon)
        res["_docs"], res["_chars"] = len(gold), sum(len(g["text"]) for g in gold)
        results[name] = res
        write_records(predictions / f"{path.stem}.jsonl", preds)
        typer.echo(f"{name}: {len(gold)} docs in {time.time() - t:.1f}s")
        for s in (k for k in res if not k.startswith("_")):
            typer.echo(f"  {s:24s} " + "  ".join(f"{lab}={fmt(res[s].get(k))}" for k, lab in HEADLINE if res[s].get(k) is not None))
    results["_model"] = str(model)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    out.with_suffix(".md").write_text(markdown(results), encoding="utf-8")
    typer.echo(f"-> {out}, {out.with_suffix('.md')}")


if __name__ == "__main__":
    typer.run(main)
