"""Package a trained pipeline as `zh_govspeech` with `spacy package`.

`spacy package` does not list spacy-pkuseg or the govspeech library by
itself: both are written into the package's requirements here, with the model
card (labels, data, licences) as its description.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import typer

CARD = """Pipeline of the govspeech project for Chinese government speeches:
sentence units (`doc.sents`), section role, heading depth and directive kind of
every unit (`span._.section`, `span._.heading`, `span._.directive`, with scores
and `span._.strength`), nine entity labels (DEPT, INDICATOR, PERCENT, MONEY,
QUANTITY, DATE, PERSON, GPE, POLICY), the outline (`doc._.outline`) and task
records (`doc._.tasks`). Trained on texts written and annotated by the
project and on four real seed speeches (each put in three times); every seed
figure comes from a leave-one-out model that never saw the speech it scores,
and the test split is never trained on. The word segmenter is
pkuseg's `mixed` model (from the pkuseg 0.0.25 source distribution), whose
training data is licensed for research use only: the pipeline inherits that
restriction."""


def main(model: Path = typer.Argument(Path("training/model-best")),
         out: Path = typer.Argument(Path("packages")),
         name: str = typer.Option("govspeech"), version: str = typer.Option("0.1.0"),
         metrics: Path = typer.Option(Path("training/metrics.json"))) -> None:
    meta = json.loads((model / "meta.json").read_text(encoding="utf-8"))
    meta.update(name=name, version=version, description=CARD, author="govspeech project",
                license="MIT (code); segmenter model: research use only",
                requirements=["spacy-pkuseg>=1.0,<1.1", f"govspeech>={version}"])
    if metrics.exists():
        meta["govspeech_metrics"] = json.loads(metrics.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=1)
    subprocess.run([sys.executable, "-m", "spacy", "package", str(model), str(out), "--meta-path", f.name,
                    "--build", "wheel", "--force"], check=True)
    Path(f.name).unlink()


if __name__ == "__main__":
    typer.run(main)
