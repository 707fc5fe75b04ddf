"""Training sets with the real seed speeches, leave one out.

The seeds are the only real gold. The shipped model trains on the project's
train split plus every seed (`FOLDS/all/data`); each fold `FOLDS/<seed id>/data`
leaves one seed out, so every seed is scored by a model that never saw it
(ANNOTATION.md section 7, scripts/evaluate.py --folds). Without seeds, `all`
holds the train split alone. `--seed-copies N` puts every seed in N times: the
seeds are the only real speeches among texts the project wrote, and weigh
little by size alone (about 7% of the characters).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer


def _fill(folder: Path, train: Path, seeds: list[Path], copies: int) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    shutil.copy(train, folder / train.name)
    for f in seeds:
        for k in range(copies):
            shutil.copy(f, folder / (f.name if k == 0 else f"{f.stem}.copy{k}{f.suffix}"))


def main(train: Path = typer.Argument(..., help="The train split (.spacy)"),
         seeds: Path = typer.Argument(..., help="Folder of one .spacy file per seed speech (may be absent)"),
         out: Path = typer.Argument(..., help="Folder for the fold training sets"),
         seed_copies: int = typer.Option(1, min=1, help="Times each seed speech is put in a training set")) -> None:
    seed_files = sorted(seeds.glob("*.spacy")) if seeds.exists() else []
    _fill(out / "all" / "data", train, seed_files, seed_copies)
    folds = []
    for held in seed_files:
        _fill(out / held.stem / "data", train, [f for f in seed_files if f != held], seed_copies)
        folds.append(held.stem)
    (out / "folds.json").write_text(json.dumps({"all": [train.name] + [f.name for f in seed_files],
                                                "seed_copies": seed_copies, "held_out": folds},
                                               indent=1), encoding="utf-8")
    typer.echo(f"{out}/all: train split + {len(seed_files)} seeds x {seed_copies}; "
               f"{len(folds)} leave-one-out folds")


if __name__ == "__main__":
    typer.run(main)
