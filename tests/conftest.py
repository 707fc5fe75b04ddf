"""Shared fixtures. Texts in ../shared are referred to there; tests that need
them skip cleanly where the folder is absent."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GOVSPEECH_SHARED", ROOT.parent / "shared"))
PKUSEG = ROOT / "assets" / "pkuseg_mixed"


def run(args, **kw):
    return subprocess.run([sys.executable, *map(str, args)], cwd=ROOT, check=True,
                          capture_output=True, text=True, **kw)


@pytest.fixture(scope="session")
def run_script():
    """Run a project script (or `-m module`) with this interpreter from the repo root."""
    return run


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").exists():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared) -> list[dict]:
    from govspeech.records import read_records
    return list(read_records(shared / "gold" / "seeds.jsonl"))


@pytest.fixture(scope="session")
def pkuseg_model() -> Path:
    if not (PKUSEG / "weights.npz").exists():
        try:
            run(["scripts/fetch_segmenter.py", PKUSEG])
        except subprocess.CalledProcessError as err:
            pytest.skip(f"pkuseg model unavailable: {err.stderr[-300:]}")
    return PKUSEG


@pytest.fixture(scope="session")
def nlp_blank(pkuseg_model):
    from govspeech.segmenter import blank_pipeline
    return blank_pipeline(pkuseg_model)


@pytest.fixture(scope="session")
def corpus_records() -> dict[str, list[dict]]:
    from govspeech.inline import parse_inline
    out: dict[str, list[dict]] = {"train": [], "dev": [], "test": []}
    for p in sorted((ROOT / "corpus" / "src").glob("*.gsa")):
        rec = parse_inline(p.read_text(encoding="utf-8"), name=str(p))
        out[rec["meta"]["split"]].append(rec)
    return out


@pytest.fixture(scope="session")
def tiny_pipeline(tmp_path_factory, pkuseg_model, corpus_records) -> dict:
    """convert -> folds -> train (a few steps, small widths) -> package -> install.

    Two dev documents stand in for the seed speeches: converted one file per
    document and added to the training set by scripts/make_folds.py, as the
    project does with the real seeds. Returns the trained model dir, the
    package source dir, the folder the package is installed in and the folds."""
    from govspeech.records import write_records
    work = tmp_path_factory.mktemp("tiny")
    train, dev, stand_ins = corpus_records["train"][:3], corpus_records["dev"][:1], corpus_records["dev"][1:3]
    write_records(work / "train.jsonl", train)
    write_records(work / "dev.jsonl", dev)
    write_records(work / "seeds.jsonl", stand_ins)
    run(["scripts/build_user_dict.py", work / "train.jsonl", work / "user_dict.txt"])
    run(["scripts/convert.py", f"{work}/train.jsonl={work}/train.spacy", f"{work}/dev.jsonl={work}/dev.spacy",
         f"{work}/seeds.jsonl={work}/seeds/", f"{work}/absent.jsonl={work}/absent.spacy", "--pkuseg-model", pkuseg_model, "--user-dict", work / "user_dict.txt", "--report", work / "align.json"])
    run(["scripts/make_folds.py", work / "train.spacy", work / "seeds", work / "folds"])
    run(["-m", "spacy", "train", "configs/config.cfg", "--output", work / "training",
         "--paths.train", work / "folds" / "all" / "data", "--paths.dev", work / "dev.spacy",
         "--paths.pkuseg_model", pkuseg_model, "--paths.user_dict", work / "user_dict.txt",
         "--training.max_steps", "6", "--training.eval_frequency", "3",
         "--components.tok2vec.model.encode.width", "32", "--components.tok2vec.model.encode.depth", "1"])
    model = work / "training" / "model-last"
    (work / "packages").mkdir()
    run(["-m", "spacy", "package", model, work / "packages", "--name", "govspeech_tiny",
         "--version", "0.0.1", "--build", "none", "--force"])
    pkg = work / "packages" / "zh_govspeech_tiny-0.0.1"
    # install the package (with its dist-info, so spacy.load finds it by name)
    # into a folder of its own that a new process puts on its path
    run(["-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target", work / "site", pkg])
    return {"model": model, "package": pkg, "site": work / "site", "folds": work / "folds", "work": work,
            "stand_ins": [r["id"] for r in stand_ins],
            "align": json.loads((work / "align.json").read_text())}
