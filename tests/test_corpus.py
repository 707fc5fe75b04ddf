"""The gold corpus: every record valid, the split by document, minima met."""
from govspeech.records import validate_record


def test_every_gold_record_is_valid(corpus_records):
    recs = [r for split in corpus_records.values() for r in split]
    assert recs, "no gold documents in corpus/src"
    for rec in recs:
        assert validate_record(rec) == [], rec["id"]


def test_ids_unique_and_splits_disjoint(corpus_records):
    ids = [r["id"] for split in corpus_records.values() for r in split]
    assert len(ids) == len(set(ids))
    texts = {s: {r["text"] for r in recs} for s, recs in corpus_records.items()}
    assert not texts["train"] & texts["test"]
    assert not texts["train"] & texts["dev"]


def test_corpus_minima(corpus_records):
    import importlib.util
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("build_corpus", Path(__file__).parents[1] / "scripts" / "build_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    counts = mod.count([r for split in corpus_records.values() for r in split])
    short = {k: (counts[k], need) for k, need in mod.MINIMA.items() if counts[k] < need}
    assert not short, short


def test_no_shared_text_copied(shared, corpus_records):
    """No 24-character passage of a seed or real text appears in the corpus."""
    grams = set()
    for d in ("seeds", "data/real"):
        for p in (shared / d).glob("*.txt"):
            t = "".join(p.read_text(encoding="utf-8").split())
            grams |= {t[i:i + 24] for i in range(0, max(0, len(t) - 24), 6)
                      if sum("\u4e00" <= c <= "\u9fff" for c in t[i:i + 24]) >= 18}
    for recs in corpus_records.values():
        for rec in recs:
            s = "".join(rec["text"].split())
            hits = [s[i:i + 24] for i in range(len(s) - 24) if s[i:i + 24] in grams]
            assert not hits, (rec["id"], hits[:3])
