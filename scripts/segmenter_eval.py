"""Word segmentation F1 on SIGHAN 2005 gold (PKU and MSR test sets).

Scores the project's tokenizer (pkuseg `mixed` plus the re-cuts of
`govspeech.segmenter.recut`), pkuseg alone and jieba, each on the same lines:
a word is right when its start and end offsets match the gold's.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.segmenter import recut  # noqa: E402


def spans(words):
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def score(lines, cut):
    tp = npred = ngold = chars = 0
    t = time.time()
    for gold in lines:
        text = "".join(gold)
        pred = [w for w in cut(text) if w.strip()]
        g, p = spans(gold), spans(pred)
        tp += len(g & p)
        npred += len(p)
        ngold += len(g)
        chars += len(text)
    secs = time.time() - t
    prec, rec = tp / npred, tp / ngold
    return 2 * prec * rec / (prec + rec), chars / secs


def main(sighan: Path = typer.Option(Path("../shared/data/sighan")),
         pkuseg_model: Path = typer.Option(Path("assets/pkuseg_mixed"))) -> None:
    if not sighan.exists():
        typer.echo(f"{sighan} not found: nothing to score")
        raise typer.Exit(0)
    import spacy_pkuseg
    seg = spacy_pkuseg.pkuseg(str(pkuseg_model))
    systems = {"pkuseg mixed": seg.cut,
               "pkuseg mixed + govspeech re-cuts": lambda t: [p for w in seg.cut(t) for p in recut(w)]}
    try:
        import jieba
        jieba.setLogLevel(60)
        systems["jieba"] = lambda t: list(jieba.cut(t))
    except ImportError:
        pass
    typer.echo(f"{'system':34s} {'set':4s} {'word F1':>8s} {'chars/s':>9s}")
    for name in ("pku", "msr"):
        path = sighan / f"{name}_test_gold.utf8"
        lines = [line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for sys_name, cut in systems.items():
            f, rate = score(lines, cut)
            typer.echo(f"{sys_name:34s} {name:4s} {f:8.3f} {rate:9,.0f}")


if __name__ == "__main__":
    typer.run(main)
