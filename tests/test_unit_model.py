"""The unit sequence model's chapter context and the real-report section check file."""
import importlib.util
from pathlib import Path

import numpy

from govspeech.records import read_records
from govspeech.unit_model import _chapter_context

ROOT = Path(__file__).resolve().parents[1]


def test_chapter_context_and_its_gradient():
    rng = numpy.random.default_rng(0)
    H = rng.normal(size=(5, 3)).astype("float32")
    chap = numpy.array([0, 0, 1, 1, 1])
    K, backprop = _chapter_context(H, chap)
    assert numpy.allclose(K[3, :3], H[2]) and numpy.allclose(K[3, 3:], H[2:].mean(axis=0))
    # the backward pass is the transpose of the forward map: <dK, K(H)> = <backprop(dK), H>
    dK = rng.normal(size=K.shape).astype("float32")
    assert numpy.isclose((dK * K).sum(), (backprop(dK) * H).sum(), rtol=1e-4)


def test_section_check_file_labels_every_line_of_the_real_reports(shared):
    spec = importlib.util.spec_from_file_location("section_check", ROOT / "scripts" / "section_check.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    rows = list(read_records(ROOT / "tests" / "section_check_real.jsonl"))
    assert len(rows) == 6
    for row in rows:
        data = (shared / "data" / "real" / row["file"]).read_bytes()
        rec = mod.gold_record(row, data)                    # raises if the text changed
        lines = [n + 1 for n, t in enumerate(data.decode("utf-8").split("\n")) if t.strip()]
        covered = [n for a, b, _ in row["lines"] for n in range(a, b + 1)]
        assert sorted(covered) == sorted(set(covered)) and set(lines) <= set(covered)
        assert {s["section"] for s in rec["sentences"]} >= {"REVIEW", "TASKS", "CLOSING"}


def test_directive_check_file_holds_checked_units_of_the_real_reports(shared):
    spec = importlib.util.spec_from_file_location("directive_check", ROOT / "scripts" / "directive_check.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    from govspeech.baselines import rule_units
    from govspeech.labels import DIRECTIVES
    rows = list(read_records(ROOT / "tests" / "directive_check_real.jsonl"))
    assert len(rows) == 6 and all(row["checked"] for row in rows)
    for rec in mod.gold_records(ROOT / "tests" / "directive_check_real.jsonl", shared / "data" / "real"):
        bounds = set(rule_units(rec["text"]))               # gold_records raises if the text changed
        units = [(s["start"], s["end"]) for s in rec["sentences"]]
        assert units == sorted(set(units)) and set(units) <= bounds
        assert {s["directive"] for s in rec["sentences"]} <= set(DIRECTIVES)
