"""Annotate sample speeches with the installed pipeline, in a new process.

The samples are the real seed speeches in ../shared/seeds; where that folder
is absent, the project's own test-split texts (written out from their
records) stand in, so the main job never depends on ../shared.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.records import read_records  # noqa: E402


def main(seeds: Path = typer.Option(Path("../shared/seeds")),
         fallback: Path = typer.Option(Path("corpus/test.jsonl")),
         out: Path = typer.Option(Path("output/samples.jsonl")),
         model: str = typer.Option("zh_govspeech")) -> None:
    if seeds.is_dir() and any(seeds.glob("*.txt")):
        inputs = seeds
    else:
        inputs = out.parent / "sample_inputs"
        inputs.mkdir(parents=True, exist_ok=True)
        for rec in read_records(fallback):
            (inputs / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
        typer.echo(f"{seeds} not found: annotating the test split's texts from {inputs}")
    cmd = [sys.executable, "-m", "govspeech", "annotate", str(inputs), "-o", str(out), "--model", model,
           "--format", "jsonl", "--format", "csv", "--format", "xlsx", "--format", "html"]
    raise typer.Exit(subprocess.run(cmd).returncode)


if __name__ == "__main__":
    typer.run(main)
