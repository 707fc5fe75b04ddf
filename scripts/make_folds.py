"""Training sets with the real seed speeches, leave one out.

The seeds are the only real gold. The shipped model trains on the project's
train split plus every seed (`FOLDS/all/data`); each fold `FOLDS/<seed id>/data`
leaves one seed out, so every seed is scored by a model that never saw it
(ANNOTATION.md section 7, scripts/evaluate.py --folds). Without seeds, `all`
holds the train split alone.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import typer


def _fill(folder: Path, files: list[Path]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for f in files:
        shutil.copy(f, folder / f.name)


def main(train: Path = typer.Argument(..., help="The train split (.spacy)"),
         seeds: Path = typer.Argument(..., help="Folder of one .spacy file per seed speech (may be absent)"),
         out: Path = typer.Argument(..., help="Folder for the fold training sets")) -> None:
    seed_files = sorted(seeds.glob("*.spacy")) if seeds.exists() else []
    _fill(out / "all" / "data", [train] + seed_files)
    folds = []
    for held in seed_files:
        _fill(out / held.stem / "data", [train] + [f for f in seed_files if f != held])
        folds.append(held.stem)
    (out / "folds.json").write_text(json.dumps({"all": [train.name] + [f.name for f in seed_files],
                                                "held_out": folds}, indent=1), encoding="utf-8")
    typer.echo(f"{out}/all: train split + {len(seed_files)} seeds; {len(folds)} leave-one-out folds")


if __name__ == "__main__":
    typer.run(main)
