"""Convert the hand-written gold (`corpus/src/*.gsa`) to records, check them, count them.

Writes `corpus/{train,dev,test}.jsonl` (split from each document's `split`
header) and `corpus/STATS.md`. With `--check FILE...` it only checks the named
files and prints their counts: the loop an annotator runs while writing.
Exit status 1 when any record fails the validator.
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.inline import InlineFormatError, parse_inline  # noqa: E402
from govspeech.labels import DIRECTIVES, ENTITY_LABELS, SECTIONS  # noqa: E402
from govspeech.records import validate_record, write_records  # noqa: E402

SPLITS = ("train", "dev", "test")
# Minimum counts the corpus must reach (issue: gold corpus).
MINIMA = {
    "documents": 40, "characters": 160_000,
    **{"DEPT": 800, "INDICATOR": 500, "PERCENT": 400, "MONEY": 150, "QUANTITY": 300,
       "DATE": 600, "PERSON": 150, "GPE": 300, "POLICY": 300},
    **{"TARGET": 250, "PROHIBITION": 120, "TASK": 1000, "EXHORTATION": 600},
    **{s: (60 if s == "META" else 100) for s in SECTIONS},
    "headings": 600,
}


def count(records: list[dict]) -> Counter:
    c: Counter = Counter()
    for r in records:
        c["documents"] += 1
        c["characters"] += len(r["text"])
        c.update(e["label"] for e in r["entities"])
        for s in r["sentences"]:
            c["units"] += 1
            c[s["section"]] += 1
            c[s["directive"]] += 1
            if s["heading"]:
                c["headings"] += 1
                c[f"heading depth {s['heading']}"] += 1
    return c


def load(path: Path) -> tuple[dict | None, list[str]]:
    try:
        rec = parse_inline(path.read_text(encoding="utf-8"), name=str(path))
    except (InlineFormatError, UnicodeDecodeError) as err:
        return None, [str(err)]
    errs = validate_record(rec)
    if rec["meta"].get("split") not in SPLITS:
        errs.append(f"{rec['id']}: meta split must be one of {SPLITS}")
    return rec, errs


def stats_table(by_split: dict[str, Counter]) -> str:
    total = sum(by_split.values(), Counter())
    keys = (["documents", "characters", "units", "headings"]
            + [f"heading depth {d}" for d in (1, 2, 3, 4)]
            + list(SECTIONS) + list(DIRECTIVES) + list(ENTITY_LABELS))
    lines = ["| count | " + " | ".join(SPLITS) + " | all | minimum | met |",
             "|---|" + "---:|" * (len(SPLITS) + 3)]
    for k in keys:
        need = MINIMA.get(k)
        met = "" if need is None else ("yes" if total[k] >= need else "**no**")
        lines.append(f"| {k} | " + " | ".join(str(by_split[s][k]) for s in SPLITS)
                     + f" | {total[k]} | {need or ''} | {met} |")
    return "\n".join(lines)


def main(
    src: Path = typer.Option(Path("corpus/src"), help="Folder of .gsa documents"),
    out: Path = typer.Option(Path("corpus"), help="Folder for split .jsonl and STATS.md"),
    check: list[Path] = typer.Option(None, "--check", help="Only check these files"),
) -> None:
    files = check or sorted(src.glob("*.gsa"))
    records, failures = [], 0
    for path in files:
        rec, errs = load(path)
        for e in errs[:20]:
            typer.echo(f"ERROR {e}", err=True)
        failures += bool(errs)
        if rec is not None:
            records.append(rec)
    if check:
        for rec in records:
            c = count([rec])
            typer.echo(f"{rec['id']}: " + ", ".join(f"{k} {v}" for k, v in sorted(c.items())))
        raise typer.Exit(1 if failures else 0)
    ids = Counter(r["id"] for r in records)
    dup = [i for i, n in ids.items() if n > 1]
    if dup:
        typer.echo(f"ERROR duplicate ids: {dup}", err=True)
        failures += 1
    by_split = {s: count([r for r in records if r["meta"].get("split") == s]) for s in SPLITS}
    for s in SPLITS:
        n = write_records(out / f"{s}.jsonl", (r for r in records if r["meta"].get("split") == s))
        typer.echo(f"{s}: {n} documents -> {out / f'{s}.jsonl'}")
    kinds = Counter((r["meta"].get("split"), r["meta"].get("kind")) for r in records)
    forms = Counter((r["meta"].get("split"), r["meta"].get("form")) for r in records)
    body = ["# Corpus statistics", "",
            "Written by `scripts/build_corpus.py` from `corpus/src/*.gsa`; do not edit.", "",
            stats_table(by_split), "", "## Kinds and forms per split", "",
            "| split | kinds | forms |", "|---|---|---|"]
    for s in SPLITS:
        k = ", ".join(f"{kk} {v}" for (sp, kk), v in sorted(kinds.items(), key=str) if sp == s)
        f = ", ".join(f"{ff} {v}" for (sp, ff), v in sorted(forms.items(), key=str) if sp == s)
        body.append(f"| {s} | {k} | {f} |")
    (out / "STATS.md").write_text("\n".join(body) + "\n", encoding="utf-8")
    typer.echo(f"{len(records)} documents, {failures} failing; statistics -> {out / 'STATS.md'}")
    raise typer.Exit(1 if failures else 0)


if __name__ == "__main__":
    typer.run(main)
