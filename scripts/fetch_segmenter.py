"""Fetch pkuseg's `mixed` model from the pkuseg==0.0.25 source distribution.

spacy-pkuseg ships no model; the sdist on PyPI carries it in
`pkuseg/models/default/`. The archive is cached, the model extracted to OUT.
The model's training data is for research use only (see README, model card).
"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import typer

MEMBERS = ("features.pkl", "weights.npz")


def main(out: Path = typer.Argument(Path("assets/pkuseg_mixed")),
         cache: Path = typer.Option(Path.home() / ".cache" / "govspeech", help="Where the sdist is kept")) -> None:
    if all((out / m).exists() for m in MEMBERS):
        typer.echo(f"segmenter model present: {out}")
        return
    cache.mkdir(parents=True, exist_ok=True)
    sdist = cache / "pkuseg-0.0.25.tar.gz"
    if not sdist.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "pkuseg==0.0.25", "--no-deps",
                        "--no-binary", ":all:", "--no-build-isolation", "-d", str(cache)], check=True)
    out.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist) as tar, tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        for m in tar.getmembers():
            if m.name.endswith(tuple(f"pkuseg/models/default/{x}" for x in MEMBERS)):
                m.name = Path(m.name).name
                tar.extract(m, tmp, filter="data")
        for name in MEMBERS:
            (Path(tmp) / name).replace(out / name)
    typer.echo(f"segmenter model -> {out}")


if __name__ == "__main__":
    typer.run(main)
