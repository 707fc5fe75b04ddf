"""Speed and memory of the whole pipeline on real texts, beside its floor.

Prints characters per second of: pkuseg alone (the segmenter every pipeline
run includes, so no pipeline can beat it), the rules baseline, the full
pipeline (`nlp.pipe`) with one process and with `n_process=2`, and the batch
path users run (`govspeech annotate`: reading, decoding, chunking, records and
task records) with one and two processes; peak resident memory per process;
model load time. Each figure is the best of `--runs` fresh subprocesses: noise
on a shared machine only ever slows a run down, and the pkuseg floor and the
pipeline are then compared at their own best.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import typer

WORKER = r'''
import json, resource, sys, time
mode, model, paths, repeat = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), int(sys.argv[4])
texts = [open(p, encoding="utf-8").read() for p in paths] * repeat
chars = sum(len(t) for t in texts)
t0 = time.time()
if mode == "pkuseg":
    import spacy_pkuseg
    seg = spacy_pkuseg.pkuseg(model)
    load = time.time() - t0; t0 = time.time()
    for t in texts:
        seg.cut(t)
elif mode == "rules":
    from govspeech.baselines import baseline_record
    load = 0.0
    for t in texts:
        baseline_record(t)
elif mode.startswith("cli"):
    # the batch path users run: read, decode, chunk, annotate, tasks, records
    import spacy, tempfile, pathlib
    from govspeech.annotate import annotate
    nlp = spacy.load(model)
    load = time.time() - t0
    nlp("预热。")
    inputs = [(f"{k}-{pathlib.Path(p).name}", pathlib.Path(p)) for k in range(repeat) for p in paths]
    t0 = time.time()
    with tempfile.TemporaryDirectory() as d:
        annotate(nlp, inputs, pathlib.Path(d) / "out.jsonl", n_process=int(mode[3:]), batch_size=1)
else:
    import spacy
    nlp = spacy.load(model)
    load = time.time() - t0
    n = int(mode)
    nlp("预热。")
    t0 = time.time()
    for _ in nlp.pipe(texts, n_process=n, batch_size=1):
        pass
secs = time.time() - t0
peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"chars": chars, "seconds": secs, "load": load, "peak_mb": peak_self, "child_peak_mb": peak_children}))
'''


def run(mode: str, model: str, paths: list[str], repeat: int, runs: int = 1) -> dict:
    best = None
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", WORKER, mode, model, json.dumps(paths), str(repeat)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if best is None or r["seconds"] < best["seconds"]:
            best = r
    return best


def main(model: str = typer.Option("zh_govspeech"),
         texts: Path = typer.Option(Path("../shared/data/real")),
         pkuseg_model: Path = typer.Option(Path("assets/pkuseg_mixed")),
         repeat: int = typer.Option(2, help="Pass over the texts this many times"),
         runs: int = typer.Option(3, help="Fresh runs per figure; the best is reported")) -> None:
    paths = sorted(str(p) for p in texts.glob("*.txt")) if texts.exists() else []
    if not paths:
        typer.echo(f"no texts in {texts}: nothing to measure")
        raise typer.Exit(0)
    modes = {"pkuseg alone": ("pkuseg", str(pkuseg_model)), "rules baseline": ("rules", model),
             "pipeline, 1 process": ("1", model), "pipeline, --n-process 2": ("2", model),
             "govspeech annotate, 1 process": ("cli1", model), "govspeech annotate, --n-process 2": ("cli2", model)}
    rows = {name: run(mode, m, paths, repeat, runs) for name, (mode, m) in modes.items()}
    floor = rows["pkuseg alone"]["chars"] / rows["pkuseg alone"]["seconds"]
    one = rows["pipeline, 1 process"]["chars"] / rows["pipeline, 1 process"]["seconds"]
    typer.echo(f"{len(paths)} texts x{repeat}, {rows['pkuseg alone']['chars']:,} characters; best of {runs} runs")
    typer.echo(f"{'run':34s} {'chars/s':>10s} {'vs pkuseg':>9s} {'peak MB/proc':>13s} {'load s':>7s}")
    for name, r in rows.items():
        rate = r["chars"] / r["seconds"]
        peak = max(r["peak_mb"], r["child_peak_mb"])
        typer.echo(f"{name:34s} {rate:10,.0f} {rate / floor:9.2f} {peak:13.0f} {r['load']:7.2f}")
    two = rows["pipeline, --n-process 2"]["chars"] / rows["pipeline, --n-process 2"]["seconds"]
    typer.echo(f"pipeline/pkuseg at 1 process: {one / floor:.2f}; 2 processes / 1 process: {two / one:.2f}")
    c1 = rows["govspeech annotate, 1 process"]
    c2 = rows["govspeech annotate, --n-process 2"]
    typer.echo(f"annotate/pkuseg at 1 process: {c1['chars'] / c1['seconds'] / floor:.2f}; "
               f"2 processes / 1 process: {(c2['chars'] / c2['seconds']) / (c1['chars'] / c1['seconds']):.2f}")


if __name__ == "__main__":
    typer.run(main)
