"""The unit sequence model's chapter context and the real-report section check file."""
import importlib.util
from pathlib import Path

import numpy

from govspeech.docs import unit_spans
from govspeech.records import read_records
from govspeech.unit_model import _chapter_context, _last_clause, _pool

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


def test_last_clause_pool_is_the_same_in_training_and_prediction():
    """Prediction pools all units at once; training pools unit by unit to
    keep the max's argmax. Both must give the same rows."""
    import spacy
    from types import SimpleNamespace
    from thinc.api import NumpyOps
    nlp = spacy.blank("zh")
    doc = nlp("一、总体要求\n要树立正确的政绩观，杜绝装样子、搞花架子。各地要抓落实。\n（一）加强领导：")
    starts = {0, 7, 28, 36}
    for t in doc:
        t.is_sent_start = t.idx in starts
    units = unit_spans(doc)
    assert len(units) == 4
    a, b = units[1].start, units[1].end
    c, e = _last_clause(doc, a, b)
    assert doc[c:e].text == "杜绝装样子、搞花架子"
    assert doc[slice(*_last_clause(doc, units[3].start, units[3].end))].text == "（一）加强领导"
    model = SimpleNamespace(attrs={"n_pool": 3, "last_clause": True}, ops=NumpyOps())
    tv = [numpy.random.default_rng(1).normal(size=(len(doc), 4)).astype("float32")]
    train_rows = _pool(model, [doc], tv, is_train=True)[0]
    pred_rows = _pool(model, [doc], tv, is_train=False)[0]
    assert train_rows.shape == pred_rows.shape
    assert numpy.allclose(train_rows, pred_rows)
    assert numpy.allclose(pred_rows[1, 12:16], tv[0][c:e].mean(axis=0))


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


def test_precedence_layer_is_a_distribution_with_the_cross_entropy_gradient():
    from govspeech.precedence import PrecedenceSoftmax, precedence_grad, precedence_probs
    rng = numpy.random.default_rng(1)
    z = rng.normal(size=(4, 4))
    P = precedence_probs(1 / (1 + numpy.exp(-z)))
    assert P.shape == (4, 5) and numpy.allclose(P.sum(axis=1), 1.0)
    T = numpy.eye(5)[[0, 2, 3, 4]]
    T[1] = P[1]                          # a unit without gold: no gradient

    def loss(z):
        return -(T * numpy.log(precedence_probs(1 / (1 + numpy.exp(-z))))).sum()

    grad = precedence_grad(1 / (1 + numpy.exp(-z)), P, P - T)
    numeric = numpy.zeros_like(z)
    for idx in numpy.ndindex(*z.shape):
        step = numpy.zeros_like(z)
        step[idx] = 1e-6
        numeric[idx] = (loss(z + step) - loss(z - step)) / 2e-6
    assert numpy.allclose(grad, numeric, atol=1e-5)
    assert numpy.allclose(grad[1], 0.0)
    # gold TARGET says nothing of the kinds after it; gold EXHORTATION pushes
    # down the three before it and up its own
    assert grad[0, 1:].tolist() == [0.0, 0.0, 0.0]
    assert (grad[2, :3] > 0).all() and grad[2, 3] < 0
    # the layer learns: a few steps of descent raise the gold label's probability
    from thinc.api import Adam
    layer = PrecedenceSoftmax(5, 3)
    layer.initialize()
    X = rng.normal(size=(6, 3)).astype("float32")
    gold = numpy.eye(5, dtype="float32")[[1, 1, 3, 4, 0, 2]]
    first = (layer.predict(X) * gold).sum()
    opt = Adam(0.1)
    for _ in range(30):
        Y, backprop = layer.begin_update(X)
        backprop(Y - gold)
        layer.finish_update(opt)
    assert (layer.predict(X) * gold).sum() > first + 1.0
