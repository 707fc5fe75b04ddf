"""convert -> train -> package -> spacy.load in a new process -> annotate a
real seed speech: a broken link anywhere fails here."""
import json
import os
import subprocess
import sys

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
