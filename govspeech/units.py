"""Sentence units (ANNOTATION.md section 1): rules for the plain cases, a
learned boundary classifier for headings and titles glued to body text.

The rules are exact where the contract is: a unit ends after a terminator
(with closing quotes or brackets that follow it) and at every line break.
Elsewhere (a heading glued to the next sentence, a title glued to
``同志们：``) the learned token classifier decides. It is spaCy's sentence
recognizer (``I``/``S`` per token on the shared tok2vec) with the rules laid
over its predictions, so ``doc.sents`` yields the units.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.pipeline.senter import SentenceRecognizer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Model

from .cues import CLOSERS, TERMINATORS

FORCE_START, FORCE_INSIDE, FREE = 1, -1, 0


def rule_boundaries(doc: Doc) -> numpy.ndarray:
    """Per token: 1 where a unit must start, -1 where it must not, 0 undecided."""
    out = numpy.zeros(len(doc), dtype="int8")
    after_end = True  # the first token starts a unit
    for tok in doc:
        text = tok.text
        if tok.is_space:
            out[tok.i] = FORCE_INSIDE
            if "\n" in text or "\r" in text:
                after_end = True
            continue
        if after_end:
            out[tok.i] = FORCE_START
            after_end = False
        elif text[0] in CLOSERS and tok.i > 0 and _ends_unit(doc[tok.i - 1].text):
            out[tok.i] = FORCE_INSIDE
        stripped = text.rstrip("".join(CLOSERS))
        if stripped and stripped[-1] in TERMINATORS:
            after_end = True
        elif text[-1] in CLOSERS and tok.i > 0 and stripped == "" and _ends_unit(doc[tok.i - 1].text):
            after_end = True
    # a closing quote after a terminator stays in the unit: undo the start
    for tok in doc:
        if out[tok.i] == FORCE_START and tok.i > 0 and all(c in CLOSERS for c in tok.text):
            prev = doc[tok.i - 1]
            if not prev.is_space and _ends_unit(prev.text):
                out[tok.i] = FORCE_INSIDE
                if tok.i + 1 < len(doc) and not doc[tok.i + 1].is_space:
                    out[tok.i + 1] = FORCE_START
    return out


def _ends_unit(text: str) -> bool:
    t = text.rstrip("".join(CLOSERS))
    return bool(t) and t[-1] in TERMINATORS


class UnitSegmenter(SentenceRecognizer):
    """Sentence units: contract rules plus a learned decision for glued cases."""

    def __init__(self, vocab, model: Model, name: str = "govspeech_units", *,
                 use_model: bool = True, scorer: Optional[Callable] = None):
        super().__init__(vocab, model, name, overwrite=True, scorer=scorer)
        self.cfg["use_model"] = use_model

    def set_annotations(self, docs: Iterable[Doc], batch_tag_ids) -> None:
        for doc, tag_ids in zip(docs, batch_tag_ids):
            if not len(doc):
                continue
            if hasattr(tag_ids, "get"):
                tag_ids = tag_ids.get()
            rules = rule_boundaries(doc)
            model = numpy.asarray(tag_ids) == 1 if self.cfg["use_model"] else numpy.zeros(len(doc), bool)
            start = numpy.where(rules == FORCE_START, True, numpy.where(rules == FORCE_INSIDE, False, model))
            start[0] = True
            # one array write: setting token by token re-checks the doc each time
            doc.from_array([SENT_START], numpy.where(start, 1, -1).astype("int32").astype("uint64").reshape(-1, 1))


def units_score(examples: Iterable[Example], **kwargs) -> dict:
    from .scoring import score_records
    from .docs import doc_to_record
    gold = [doc_to_record(eg.reference, scores=False) for eg in examples]
    pred = [doc_to_record(eg.predicted, scores=False) for eg in examples]
    s = score_records(gold, pred, parts=("units",))
    return {k: v for k, v in s.items() if k.startswith("units_")}


@Language.factory(
    "govspeech_units",
    assigns=["token.is_sent_start", "doc.sents"],
    default_config={
        "model": {
            "@architectures": "spacy.Tagger.v2",
            "nO": None,
            "normalize": False,
            "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"},
        },
        "use_model": True,
        "scorer": {"@scorers": "govspeech.units_scorer.v1"},
    },
    default_score_weights={"units_f": 1.0, "units_p": 0.0, "units_r": 0.0},
)
def make_unit_segmenter(nlp: Language, name: str, model: Model, use_model: bool, scorer):
    """Factory. `use_model=False` gives the rules-only segmenter (the baseline)."""
    return UnitSegmenter(nlp.vocab, model, name, use_model=use_model, scorer=scorer)


from spacy import registry  # noqa: E402


@registry.scorers("govspeech.units_scorer.v1")
def make_units_scorer():
    return units_score
