"""Consistency report over the gold corpus, for the annotator's review pass.

Lists what a reviewer should look at, not errors: names labelled differently
in different places, occurrences of a marked name left unmarked, generic
groups marked, TARGET units without a stated quantity, PROHIBITION cues in
units with another label, outline markers at line starts not labelled as
headings. The validator (build_corpus.py) checks form; this points at truth.
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech import cues  # noqa: E402
from govspeech.records import read_records  # noqa: E402

GENERIC = ("各部门", "有关部门", "各地各部门", "政府系统", "相关部门", "各级政府", "各县（市）区")
QTY = re.compile(r"[0-9０-９XＸ×*＊]|百分之|[一二三四五六七八九十百千万]+(?:个|万|亿|元|项|家|人)|全覆盖|清零|过半|不垫底|前[一二三四五六七八九十]")


def main(files: list[Path] = typer.Argument(None)) -> None:
    files = files or [Path("corpus/train.jsonl"), Path("corpus/dev.jsonl"), Path("corpus/test.jsonl")]
    recs = [r for f in files for r in read_records(f)]
    labels: dict[str, Counter] = defaultdict(Counter)
    for r in recs:
        for e in r["entities"]:
            labels[r["text"][e["start"]:e["end"]]][e["label"]] += 1
    typer.echo("## names with more than one label")
    for w, c in sorted(labels.items(), key=lambda x: -sum(x[1].values())):
        if len(c) > 1:
            typer.echo(f"  {w}: {dict(c)}")
    typer.echo("## marked names left unmarked elsewhere (>=3 chars)")
    names = sorted((w for w in labels if len(w) >= 3 and sum(labels[w].values()) >= 2), key=len, reverse=True)
    pat = re.compile("|".join(map(re.escape, names)))
    for r in recs:
        covered = [False] * len(r["text"])
        for e in r["entities"]:
            for k in range(e["start"], e["end"]):
                covered[k] = True
        for m in pat.finditer(r["text"]):
            if not any(covered[m.start():m.end()]):
                ctx = r["text"][max(0, m.start() - 8):m.end() + 8].replace("\n", " ")
                typer.echo(f"  {r['id']}@{m.start()} {m.group()} ({labels[m.group()].most_common(1)[0][0]}): …{ctx}…")
    typer.echo("## generic groups marked")
    for r in recs:
        for e in r["entities"]:
            if r["text"][e["start"]:e["end"]] in GENERIC:
                typer.echo(f"  {r['id']}@{e['start']} {r['text'][e['start']:e['end']]}")
    typer.echo("## units to re-read")
    for r in recs:
        t = r["text"]
        for s in r["sentences"]:
            u = t[s["start"]:s["end"]]
            why = []
            if s["directive"] == "TARGET" and not QTY.search(u) and not re.search(r"[0-9０-９]+(天|日|小时|分钟|个工作日)内", u):
                why.append("TARGET without a stated quantity")
            if s["directive"] not in ("PROHIBITION",) and any(w in u for w in ("严禁", "不得", "禁止")) and s["directive"] != "TARGET":
                why.append(f"{s['directive']} with a prohibition cue")
            if s["section"] == "REVIEW" and s["directive"] == "TARGET":
                why.append("TARGET in REVIEW")
            line_start = s["start"] == 0 or t[s["start"] - 1] == "\n"
            if line_start and not s["heading"] and s["section"] != "META" and cues.marker_family(u) in (
                    "cn_dun", "cn_paren", "num_paren", "num_dot"):
                why.append("marker at line start, heading 0")
            if why:
                typer.echo(f"  {r['id']}@{s['start']} [{s['section']} {s['directive']} {s['heading']}] "
                           f"{'; '.join(why)}: {u[:70]}")


if __name__ == "__main__":
    typer.run(main)
