"""Entities as a token tagging problem: BILUO tags from the shared tok2vec,
decoded with Viterbi under the BILUO constraints.

spaCy's transition-based `ner` pays a fixed cost of about 20 µs per token in
its state loop, whatever its width; on this pipeline that was a third of the
run time. A softmax over BILUO tags costs a matrix product per document and
the constrained decoding keeps every output a well-formed entity sequence.
`govspeech_entity_tagger` is a drop-in for the pipe named `ner`: it sets
``doc.ents``, trains from the same gold and is scored by spaCy's NER scorer.
Which of the two the shipped pipeline uses is set in the config, and was
chosen on the dev split (README, model card).
"""
from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable, List, Optional

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.scorer import get_ner_prf
from spacy.tokens import Doc
from spacy.training import Example, biluo_tags_to_spans
from spacy.util import registry
from thinc.api import Maxout, Model, Softmax, chain, expand_window, with_array
from thinc.types import Floats2d

from .labels import ENTITY_LABELS


@registry.architectures("govspeech.EntityTagger.v1")
def build_entity_tagger(tok2vec: Model[List[Doc], List[Floats2d]], hidden_width: int = 64,
                        window_size: int = 1, maxout_pieces: int = 2,
                        nO: Optional[int] = None) -> Model[List[Doc], List[Floats2d]]:
    """Tag probabilities per token: a maxout layer over a window of token
    vectors (the tag of a token depends on its neighbours), then a softmax."""
    output = Softmax(nO=nO)
    head = chain(expand_window(window_size=window_size),
                 Maxout(nO=hidden_width, nP=maxout_pieces, dropout=0.1, normalize=True), output)
    model = chain(tok2vec, with_array(head))
    model.set_ref("output_layer", output)
    return model


def biluo_tag_set(labels: Iterable[str]) -> list[str]:
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in "BILU"]


def _transitions(tags: list[str]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Allowed moves between BILUO tags (as 0 / -inf), and allowed first and last tags."""
    n = len(tags)
    allowed = numpy.full((n, n), -numpy.inf, dtype="float32")
    start = numpy.full(n, -numpy.inf, dtype="float32")
    end = numpy.full(n, -numpy.inf, dtype="float32")
    for j, b in enumerate(tags):
        bp, _, bl = b.partition("-")
        if bp in ("O", "B", "U"):
            start[j] = 0.0
        if bp in ("O", "L", "U"):
            end[j] = 0.0
        for i, a in enumerate(tags):
            ap, _, al = a.partition("-")
            if ap in ("B", "I"):
                ok = bp in ("I", "L") and bl == al
            else:
                ok = bp in ("O", "B", "U")
            if ok:
                allowed[i, j] = 0.0
    return allowed, start, end


def viterbi(logp: numpy.ndarray, allowed: numpy.ndarray, start: numpy.ndarray, end: numpy.ndarray) -> list[int]:
    """Best tag sequence under the constraints. Stretches where every token
    is confidently `O` are cut out first: they need no search."""
    n = logp.shape[0]
    if n == 0:
        return []
    best = logp.argmax(axis=1)
    out = best.tolist()
    sure_o = (best == 0) & (logp[:, 0] > numpy.log(0.98))
    i = 0
    while i < n:
        if sure_o[i]:
            i += 1
            continue
        j = i
        while j < n and not sure_o[j]:
            j += 1
        out[i:j] = _viterbi_block(logp[i:j], allowed, start, end)
        i = j
    return out


def _viterbi_block(logp, allowed, start, end) -> list[int]:
    n, k = logp.shape
    score = logp[0] + start
    back = numpy.zeros((n, k), dtype="int32")
    for t in range(1, n):
        cand = score[:, None] + allowed
        back[t] = cand.argmax(axis=0)
        score = cand[back[t], numpy.arange(k)] + logp[t]
    score = score + end
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


class EntityTagger(TrainablePipe):
    """Sets ``doc.ents`` from BILUO tag probabilities per token."""

    def __init__(self, vocab, model: Model, name: str = "ner", *, labels: Iterable[str] = ENTITY_LABELS):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.cfg = {"labels": list(labels)}
        self._moves = None

    @property
    def labels(self) -> tuple:
        return tuple(self.cfg["labels"])

    @property
    def tags(self) -> list[str]:
        return biluo_tag_set(self.labels)

    def _constraints(self):
        if self._moves is None:
            self._moves = _transitions(self.tags)
        return self._moves

    def predict(self, docs: Iterable[Doc]) -> List:
        docs = list(docs)
        if not any(len(d) for d in docs):
            return [self.model.ops.alloc2f(len(d), len(self.tags)) for d in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], scores: List) -> None:
        allowed, start, end = self._constraints()
        tags = self.tags
        for doc, probs in zip(docs, scores):
            logp = numpy.log(numpy.clip(self.model.ops.to_numpy(probs), 1e-9, 1.0))
            path = viterbi(logp, allowed, start, end)
            doc.ents = biluo_tags_to_spans(doc, [tags[k] for k in path])

    def get_loss(self, examples: Iterable[Example], scores: List):
        index = {t: i for i, t in enumerate(self.tags)}
        grads, loss = [], 0.0
        for eg, probs in zip(examples, scores):
            truth = numpy.zeros(probs.shape, dtype="float32")
            mask = numpy.zeros((probs.shape[0], 1), dtype="float32")
            # misaligned gold tokens come back as None and missing ones as "-":
            # both are left out of the loss rather than taught as O
            for i, tag in enumerate(eg.get_aligned_ner()):
                if tag in index:
                    truth[i, index[tag]] = 1.0
                    mask[i] = 1.0
            d = (probs - self.model.ops.asarray2f(truth)) * self.model.ops.asarray2f(mask)
            grads.append(d)
            loss += float((d ** 2).sum())
        return loss, grads

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None,
                   labels: Optional[Iterable[str]] = None) -> None:
        if labels is not None:
            self.cfg["labels"] = list(labels)
        self._moves = None
        docs = [eg.predicted for eg in islice(get_examples(), 10)]
        self.model.get_ref("output_layer").set_dim("nO", len(self.tags))
        self.model.initialize(X=docs)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        return get_ner_prf(list(examples))

    def add_label(self, label: str) -> int:
        raise NotImplementedError("the entity tagger uses the contract's fixed label set")


_MODEL = {
    "@architectures": "govspeech.EntityTagger.v1", "hidden_width": 64, "window_size": 1, "maxout_pieces": 2,
    "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"},
}


@Language.factory("govspeech_entity_tagger", assigns=["doc.ents"], default_config={"model": _MODEL},
                  default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None})
def make_entity_tagger(nlp: Language, name: str, model: Model):
    """Entity recognizer as a BILUO tagger on the shared tok2vec."""
    return EntityTagger(nlp.vocab, model, name)
