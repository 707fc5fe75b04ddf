"""convert -> train -> package -> spacy.load in a new process -> annotate a
real seed speech: a broken link anywhere fails here."""
import json
import os
import subprocess
import sys

import pytest

from govspeech.records import validate_record

LOAD_AND_ANNOTATE = r'''
import json, sys, spacy
from govspeech.docs import doc_to_record
nlp = spacy.load("zh_govspeech_tiny")
text = open(sys.argv[1], encoding="utf-8").read()
doc = nlp(text)
rec = doc_to_record(doc, "seed", with_tasks=True)
print(json.dumps({"pipeline": nlp.pipe_names, "record": rec,
                  "sents": sum(1 for _ in doc.sents), "outline": len(doc._.outline),
                  "file": spacy.util.get_package_path("zh_govspeech_tiny").as_posix()}, ensure_ascii=False))
'''


def test_alignment_is_counted(tiny_pipeline):
    rep = next(iter(tiny_pipeline["align"].values()))
    assert rep["entities"] > 0 and 0.9 <= rep["entity_share"] <= 1.0
    assert rep["entities"] - rep["entities_aligned"] == len(rep["misaligned_examples"]) or \
        len(rep["misaligned_examples"]) == 30


def test_packaged_pipeline_loads_in_new_process_and_annotates_a_seed(tiny_pipeline, shared):
    seed = sorted((shared / "seeds").glob("*.txt"))[0]
    env = dict(os.environ, PYTHONPATH=str(tiny_pipeline["site"]))
    proc = subprocess.run([sys.executable, "-c", LOAD_AND_ANNOTATE, str(seed)], capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["pipeline"] == ["tok2vec", "govspeech_units", "ner", "govspeech_entity_rules", "govspeech_headings",
                               "govspeech_sections", "govspeech_directives", "govspeech_tasks"]
    assert out["file"].startswith(str(tiny_pipeline["site"]))   # the installed package, not a path
    rec = out["record"]
    assert rec["text"] == seed.read_text(encoding="utf-8")
    assert validate_record(rec) == []
    assert len(rec["sentences"]) > 50 and out["sents"] >= len(rec["sentences"])
    assert isinstance(out["outline"], int)


def test_folds_leave_each_seed_out(tiny_pipeline):
    """The shipped model's training set holds every seed; each fold lacks
    exactly the seed it will score."""
    folds = tiny_pipeline["folds"]
    ids = tiny_pipeline["stand_ins"]
    meta = json.loads((folds / "folds.json").read_text())
    assert sorted(meta["held_out"]) == sorted(ids)
    assert sorted(p.name for p in (folds / "all" / "data").iterdir()) == sorted(["train.spacy"] + [f"{i}.spacy" for i in ids])
    for held in ids:
        names = {p.name for p in (folds / held / "data").iterdir()}
        assert f"{held}.spacy" not in names and "train.spacy" in names and len(names) == len(ids)


def test_evaluate_scores_each_seed_only_with_a_model_that_never_saw_it(tiny_pipeline, tmp_path, run_script):
    run = run_script
    work, model = tiny_pipeline["work"], tiny_pipeline["model"]
    args = ["scripts/evaluate.py", model, "--test", work / "dev.jsonl", "--train", work / "train.jsonl",
            "--seeds", work / "seeds.jsonl", "--predictions", tmp_path / "pred"]
    # no fold models: the seeds are not scored at all (the shipped model trained on them)
    out = run(args + ["--folds", tmp_path / "none", "--out", tmp_path / "a.json"])
    assert "skipped the seeds" in out.stdout
    assert not any(k.startswith("real seed") for k in json.loads((tmp_path / "a.json").read_text()))
    # one fold model per held-out document: the seeds are scored, apart from the test split
    folds = tmp_path / "folds"
    for doc_id in tiny_pipeline["stand_ins"]:
        (folds / doc_id).mkdir(parents=True)
        (folds / doc_id / "model-best").symlink_to(model, target_is_directory=True)
    run(args + ["--folds", folds, "--out", tmp_path / "b.json"])
    res = json.loads((tmp_path / "b.json").read_text())
    seeds = next(v for k, v in res.items() if k.startswith("real seed"))
    assert seeds["_docs"] == len(tiny_pipeline["stand_ins"])
    assert 0.0 <= seeds["model"]["ents_f"] <= 1.0 and "rules baseline" in seeds
    assert (tmp_path / "b.md").read_text().count("## ") == 2
    # the spread over fold trainings: one row per folder, the mean between min and max
    out = run(["scripts/fold_spread.py", folds, folds, "--seeds", work / "seeds.jsonl", "--out", tmp_path / "s.json"])
    rows = json.loads((tmp_path / "s.json").read_text())
    assert list(rows) == [str(folds)]                     # one folder given twice is one draw
    assert rows[str(folds)]["ents_f"] == pytest.approx(seeds["model"]["ents_f"])
    assert [line.split()[0] for line in out.stdout.splitlines()[-3:]] == ["mean", "min", "max"]
    with pytest.raises(subprocess.CalledProcessError) as err:
        run(["scripts/fold_spread.py", tmp_path / "none", "--seeds", work / "seeds.jsonl"])
    assert "no fold model held out" in err.value.stderr


def test_trained_sections_carry_the_order_of_parts(tiny_pipeline):
    """Training counts role transitions on the gold speeches into the section
    pipe; they travel with the model and decode with the configured weight."""
    import numpy
    import spacy
    from spacy.util import load_config
    from govspeech.unit_classifier import LABELS
    nlp = spacy.load(tiny_pipeline["model"])
    pipe = nlp.get_pipe("govspeech_sections")
    trans = numpy.array(pipe.cfg["transitions"])
    labels = LABELS["section"]
    assert trans.shape == (len(labels) + 1, len(labels))
    assert numpy.allclose(numpy.exp(trans).sum(axis=1), 1.0, atol=1e-3)
    tasks = labels.index("TASKS")
    assert trans[1 + tasks].argmax() == tasks          # a task passage goes on
    weight = load_config("configs/config.cfg")["components"]["govspeech_sections"]["transition_weight"]
    assert pipe.transition_weight == weight > 0


def test_seed_copies_weigh_the_seeds_in_every_training_set(tmp_path, run_script):
    (tmp_path / "seeds").mkdir()
    for name in ("train.spacy", "seeds/a.spacy", "seeds/b.spacy"):
        (tmp_path / name).write_bytes(b"")
    run_script(["scripts/make_folds.py", tmp_path / "train.spacy", tmp_path / "seeds", tmp_path / "folds",
                "--seed-copies", "3"])
    shipped = sorted(p.name for p in (tmp_path / "folds" / "all" / "data").iterdir())
    assert len(shipped) == 1 + 2 * 3 and shipped.count("train.spacy") == 1
    fold_a = sorted(p.name for p in (tmp_path / "folds" / "a" / "data").iterdir())
    assert fold_a == ["b.copy1.spacy", "b.copy2.spacy", "b.spacy", "train.spacy"]
    assert json.loads((tmp_path / "folds" / "folds.json").read_text())["seed_copies"] == 3
