"""Train one model per leave-one-out fold (scripts/make_folds.py).

Each fold trains with the same config and settings as the shipped model, on
the train split plus every seed but one, and chooses its best checkpoint on
the dev split; `FOLDS/<seed id>/model-best` then scores the seed it never saw.
Folds run as parallel processes (`--jobs`); logs go to `FOLDS/<id>/train.log`.
When every fold has trained, `FOLDS/trained.json` records the run: the
commands that score fold models depend on it, so they run again after a
retraining.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import typer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from govspeech.records import write_json  # noqa: E402


def main(folds: Path = typer.Argument(Path("training/folds")),
         config: Path = typer.Option(Path("configs/config.cfg")),
         dev: Path = typer.Option(Path("training/corpus/dev.spacy")),
         pkuseg_model: Path = typer.Option(Path("assets/pkuseg_mixed")),
         user_dict: Path = typer.Option(Path("assets/user_dict.txt")),
         max_steps: int = typer.Option(900),
         seed: int = typer.Option(0),
         jobs: int = typer.Option(2, help="Folds trained at once (one core each)")) -> None:
    held_out = json.loads((folds / "folds.json").read_text(encoding="utf-8"))["held_out"]
    record = {"config": str(config), "seed": seed, "max_steps": max_steps, "seconds": {}}
    if not held_out:
        typer.echo("no seed folds: nothing to train")
        write_json(folds / "trained.json", record)
        raise typer.Exit(0)

    def train(fold: str) -> tuple[str, int, float]:
        t = time.time()
        cmd = [sys.executable, "-m", "spacy", "train", str(config), "--output", str(folds / fold),
               "--paths.train", str(folds / fold / "data"), "--paths.dev", str(dev),
               "--paths.pkuseg_model", str(pkuseg_model), "--paths.user_dict", str(user_dict),
               "--training.max_steps", str(max_steps), "--system.seed", str(seed)]
        with open(folds / fold / "train.log", "w", encoding="utf-8") as log:
            rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT,
                                env={**os.environ, "OMP_NUM_THREADS": "1"}).returncode
        return fold, rc, time.time() - t

    failed = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for fold, rc, secs in pool.map(train, held_out):
            typer.echo(f"fold {fold}: {'ok' if rc == 0 else f'failed ({rc})'} in {secs:.0f}s")
            if rc:
                failed.append(fold)
            record["seconds"][fold] = round(secs)
    if failed:
        typer.echo(f"failed folds: {failed}; see {folds}/<id>/train.log", err=True)
        raise typer.Exit(1)
    write_json(folds / "trained.json", record)


if __name__ == "__main__":
    typer.run(main)
