"""Directive kinds on the six real work reports of ../shared/data/real, against
hand-labelled sentence units (tests/directive_check_real.jsonl).

The seeds are the only real gold with directives, and they are the held-out
score; this file is real text to choose model variants on, so it is a
selection set, not a held-out score. It holds offsets only (the texts stay in
../shared): per report, whole paragraphs taken at a stride, cut into units by
the contract's punctuation rules, each with its directive.

- `draft` picks the paragraphs and pre-labels them with the rules baseline;
- `sheet` writes one TSV per report (unit id, label, text) for a person to
  correct, outside the project; `apply` reads the corrected sheets back;
- `score` scores models and the rules baseline in the same run, like every
  directive figure (ANNOTATION.md section 7).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from govspeech.records import read_records, write_records  # noqa: E402
from section_check import checked_text, score_systems  # noqa: E402

app = typer.Typer(add_completion=False)
CHECKED = Path("tests/directive_check_real.jsonl")
REAL = Path("../shared/data/real")


def _text(row: dict, real: Path) -> str:
    return checked_text(row, (real / row["file"]).read_bytes())


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@app.command()
def draft(out: Path = typer.Argument(CHECKED), real: Path = typer.Option(REAL),
          sections: Path = typer.Option(Path("tests/section_check_real.jsonl")),
          per_report: int = typer.Option(90, help="about this many units per report")) -> None:
    """Pick whole paragraphs at a stride (page matter left out) and pre-label
    their units with the rules baseline."""
    from govspeech.baselines import rule_directive, rule_units
    rows = []
    for srow in read_records(sections):
        text = _text(srow, real)
        lines = _lines(text)
        body = [n for a, b, lab in srow["lines"] if lab != "META" for n in range(a, b + 1)
                if text[slice(*lines[n - 1])].strip()]
        units = {n: [u for u in rule_units(text[slice(*lines[n - 1])])] for n in body}
        total = sum(len(v) for v in units.values())
        stride = max(1, round(total / per_report))
        picked = []
        for k, n in enumerate(body):
            if k % stride == 0:
                a0 = lines[n - 1][0]
                picked += [[a0 + a, a0 + b, rule_directive(text[a0 + a:a0 + b])] for a, b in units[n]]
        rows.append({"file": srow["file"], "sha256": srow["sha256"], "units": picked, "checked": False})
        typer.echo(f"{srow['file']}: {len(picked)} units from every {stride}th paragraph")
    write_records(out, rows)


@app.command()
def sheet(folder: Path = typer.Argument(...), checked: Path = typer.Option(CHECKED),
          real: Path = typer.Option(REAL)) -> None:
    """One TSV per report to correct: id, label, text (kept outside the project)."""
    folder.mkdir(parents=True, exist_ok=True)
    for row in read_records(checked):
        text = _text(row, real)
        with open(folder / (Path(row["file"]).stem + ".tsv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, delimiter="\t", lineterminator="\n")
            for i, (a, b, lab) in enumerate(row["units"]):
                w.writerow([i, lab, text[a:b]])


@app.command()
def apply(folder: Path = typer.Argument(...), checked: Path = typer.Option(CHECKED),
          real: Path = typer.Option(REAL)) -> None:
    """Read corrected sheets back; a report whose sheet is complete is checked."""
    from govspeech.labels import DIRECTIVES
    rows = list(read_records(checked))
    for row in rows:
        path = folder / (Path(row["file"]).stem + ".tsv")
        if not path.exists():
            continue
        text = _text(row, real)
        got = {}
        with open(path, encoding="utf-8", newline="") as f:
            for rec in csv.reader(f, delimiter="\t"):
                i, lab = int(rec[0]), rec[1].strip()
                if lab not in DIRECTIVES:
                    raise typer.BadParameter(f"{path}: unit {i}: unknown label {lab!r}")
                a, b, _ = row["units"][i]
                if rec[2] != text[a:b]:
                    raise typer.BadParameter(f"{path}: unit {i}: the text was changed")
                got[i] = lab
        if len(got) != len(row["units"]):
            raise typer.BadParameter(f"{path}: {len(row['units']) - len(got)} units missing")
        row["units"] = [[a, b, got[i]] for i, (a, b, _) in enumerate(row["units"])]
        row["checked"] = True
    write_records(checked, rows)


def gold_records(checked: Path, real: Path) -> list[dict]:
    """Records whose units are the labelled units (directives only)."""
    out = []
    for row in read_records(checked):
        text = _text(row, real)
        out.append({"id": row["file"], "text": text,
                    "sentences": [{"start": a, "end": b, "directive": lab} for a, b, lab in row["units"]]})
    return out


@app.command()
def score(models: list[str] = typer.Argument(None, help="Pipelines to score (default: training/model-best)"),
          checked: Path = typer.Option(CHECKED), real: Path = typer.Option(REAL),
          out: Path = typer.Option(Path("training/directive_check_real.json"))) -> None:
    if not real.exists():
        typer.echo(f"{real} is absent: nothing to check")
        raise typer.Exit(0)
    gold = gold_records(checked, real)
    result = score_systems(gold, models or ["training/model-best"], "directives")
    for name, r in result.items():
        total, per_doc = r["all"], r["docs"]
        per = "  ".join(f"{k[:4]} {v:.3f}" for k, v in total["directives_per_type"].items())
        accs = "  ".join(f"{d[:9]} {r['directives_acc']:.3f}" for d, r in per_doc.items())
        typer.echo(f"{name[:28]:28s} macro {total['directives_macro_f']:.3f} binary "
                   f"{total['directives_binary_f']:.3f} acc {total['directives_acc']:.3f} | {per}\n"
                   f"{'':28s} acc per report | {accs}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    app()
