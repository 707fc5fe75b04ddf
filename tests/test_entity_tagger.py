"""The BILUO entity tagger: constrained decoding and a small learning run."""
import numpy
import pytest
import spacy
from spacy.training import Example

from govspeech.entity_tagger import _transitions, biluo_tag_set, viterbi

TAGS = biluo_tag_set(["DEPT", "PERCENT"])


def _logp(rows):
    """Log-probabilities with the given tag as the (only) likely one per token."""
    out = numpy.full((len(rows), len(TAGS)), numpy.log(0.01 / len(TAGS)), dtype="float32")
    for i, tag in enumerate(rows):
        out[i, TAGS.index(tag)] = numpy.log(0.9)
    return out


def _valid(path):
    tags = [TAGS[k] for k in path]
    open_label = None
    for t in tags:
        prefix, _, label = t.partition("-")
        if open_label is None:
            assert prefix in ("O", "B", "U"), tags
            if prefix == "B":
                open_label = label
        else:
            assert prefix in ("I", "L") and label == open_label, tags
            if prefix == "L":
                open_label = None
    assert open_label is None, tags
    return tags


def test_decoding_never_yields_a_broken_entity():
    allowed, start, end = _transitions(TAGS)
    # the argmax sequence is ill-formed twice: an I after O, and a B never closed
    logp = _logp(["O", "I-DEPT", "L-DEPT", "O", "B-PERCENT", "O"])
    tags = _valid(viterbi(logp, allowed, start, end))
    assert tags[1:3] == ["B-DEPT", "L-DEPT"]


def test_decoding_keeps_a_well_formed_sequence():
    allowed, start, end = _transitions(TAGS)
    rows = ["B-DEPT", "I-DEPT", "L-DEPT", "O", "O", "U-PERCENT"]
    assert [TAGS[k] for k in viterbi(_logp(rows), allowed, start, end)] == rows


def test_label_change_inside_an_entity_is_not_allowed():
    allowed, start, end = _transitions(TAGS)
    tags = _valid(viterbi(_logp(["B-DEPT", "L-PERCENT", "O"]), allowed, start, end))
    assert tags[0].split("-")[-1] == tags[1].split("-")[-1] or tags[0] == "U-DEPT"


@pytest.fixture(scope="module")
def trained():
    spacy.util.fix_random_seed(0)   # the weights must not depend on what ran before
    nlp = spacy.blank("zh")   # character tokens: enough to learn spans
    nlp.add_pipe("tok2vec", config={"model": {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 32, "attrs": ["NORM", "SHAPE"],
                  "rows": [500, 50], "include_static_vectors": False},
        "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 32, "window_size": 1,
                   "maxout_pieces": 2, "depth": 2}}})
    nlp.add_pipe("govspeech_entity_tagger", name="ner", config={"model": {
        "@architectures": "govspeech.EntityTagger.v1", "hidden_width": 32,
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 32, "upstream": "tok2vec"}}})
    data = [("市财政局要确保增长8%。", [(0, 4, "DEPT"), (9, 11, "PERCENT")]),
            ("县教育局要确保达到95%。", [(0, 4, "DEPT"), (9, 12, "PERCENT")]),
            ("今年各地要抓好落实。", [])]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": ents}) for t, ents in data]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        nlp.update(examples, sgd=optimizer)
    return nlp, examples


def test_tagger_learns_entities_and_scores_them(trained):
    nlp, examples = trained
    doc = nlp("市财政局要确保增长8%。")
    assert [(e.text, e.label_) for e in doc.ents] == [("市财政局", "DEPT"), ("8%", "PERCENT")]
    scores = nlp.evaluate(examples)
    assert scores["ents_f"] > 0.9 and "DEPT" in scores["ents_per_type"]


def test_tagger_survives_empty_and_serializes(trained, tmp_path):
    nlp, _ = trained
    assert list(nlp("").ents) == []
    nlp.to_disk(tmp_path / "m")
    again = spacy.load(tmp_path / "m")
    assert [(e.text, e.label_) for e in again("市财政局要确保增长8%。").ents] == \
        [(e.text, e.label_) for e in nlp("市财政局要确保增长8%。").ents]
