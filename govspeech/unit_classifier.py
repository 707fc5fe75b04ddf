"""Trainable labelling of sentence units: section role, heading depth and
directive kind (ANNOTATION.md sections 2-4).

One pipe class, `UnitClassifier`, labels every unit of ``doc.sents`` with one
of a fixed label set and stores the label and its probability on the unit
(``span._.<attr>``, ``span._.<attr>_score``). Three factories configure it:
``govspeech_sections``, ``govspeech_headings`` and ``govspeech_directives``.
"""
from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable, List, Optional

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_examples
from thinc.api import Model, Optimizer

from . import cues
from .docs import doc_to_record, unit_spans
from .labels import DIRECTIVES, HEADING_DEPTHS, SECTIONS
from .scoring import score_records

LABELS = {"section": [*SECTIONS], "directive": [*DIRECTIVES], "heading": [str(d) for d in HEADING_DEPTHS]}
SCORE_PART = {"section": "sections", "directive": "directives", "heading": "headings"}


def _copy_gold_units(eg: Example) -> None:
    """Train on gold units: lay the reference unit starts onto the predicted doc."""
    pred = eg.predicted
    if pred.has_annotation("SENT_START") or not len(pred):
        return
    starts = {u.start_char for u in unit_spans(eg.reference)}
    flags = numpy.array([[1 if (i == 0 or (not t.is_space and t.idx in starts)) else -1]
                         for i, t in enumerate(pred)], dtype="int32").astype("uint64")
    pred.from_array([SENT_START], flags)


class UnitClassifier(TrainablePipe):
    """Label each sentence unit with one of `labels`, stored as `span._.<attr>`."""

    def __init__(self, vocab, model: Model, name: str, *, attr: str, transition_weight: float = 0.0,
                 review_chapters: bool = False, scorer: Optional[Callable] = None):
        self.vocab = vocab
        self.model = model
        self.name = name
        self.attr = attr
        self.scorer = scorer
        self.transition_weight = transition_weight
        self.review_chapters = review_chapters
        self.cfg = {"attr": attr, "labels": LABELS[attr], "transitions": None}

    @property
    def labels(self) -> tuple:
        return tuple(self.cfg["labels"])

    def _value(self, i: int):
        lab = self.cfg["labels"][i]
        return int(lab) if self.attr == "heading" else lab

    def predict(self, docs: Iterable[Doc]) -> List:
        docs = list(docs)
        if not any(len(d) for d in docs):
            return [self.model.ops.alloc2f(0, len(self.labels)) for _ in docs]
        return self.model.predict(docs)

    def set_annotations(self, docs: Iterable[Doc], scores: List) -> None:
        for doc, probs in zip(docs, scores):
            probs = self.model.ops.to_numpy(probs)
            units = unit_spans(doc)
            if self.attr == "heading":
                # one depth for all items of an enumeration (outline.consistent_depths)
                from .outline import consistent_depths
                choice = consistent_depths([u.text for u in units], probs)
            elif self.attr == "section":
                choice = passage_roles(doc, units, probs, transitions=self.cfg.get("transitions"),
                                       weight=self.transition_weight, review_chapters=self.review_chapters)
            elif self.attr == "directive":
                choice = directive_kinds(units, probs)
            else:
                choice = [int(row.argmax()) for row in probs]
            for span, row, k in zip(units, probs, choice):
                setattr(span._, self.attr, self._value(k))
                setattr(span._, f"{self.attr}_score", float(row[k]))
            if self.attr == "section":
                doc.spans["sections"] = section_runs(doc, units)

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optimizer | None = None,
               losses: dict | None = None) -> dict:
        examples = list(examples)
        validate_examples(examples, "UnitClassifier.update")
        for eg in examples:
            _copy_gold_units(eg)
        return super().update(examples, drop=drop, sgd=sgd, losses=losses)

    def get_loss(self, examples: Iterable[Example], scores: List):
        grads, loss = [], 0.0
        index = {lab: i for i, lab in enumerate(self.cfg["labels"])}
        for eg, probs in zip(examples, scores):
            gold = {u.start_char: getattr(u._, self.attr) for u in unit_spans(eg.reference)}
            truth = numpy.zeros(probs.shape, dtype="float32")
            mask = numpy.zeros((probs.shape[0], 1), dtype="float32")
            for i, u in enumerate(unit_spans(eg.predicted)):
                value = gold.get(u.start_char)
                if value is not None:
                    truth[i, index[str(value)]] = 1.0
                    mask[i] = 1.0
            truth = self.model.ops.asarray2f(truth)
            mask = self.model.ops.asarray2f(mask)
            d = (probs - truth) * mask
            grads.append(d)
            loss += float((d ** 2).sum())
        return loss, grads

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language | None = None) -> None:
        docs = []
        for eg in islice(get_examples(), 10):
            _copy_gold_units(eg)
            docs.append(eg.predicted)
        if self.attr == "section":
            self.cfg["transitions"] = section_transitions(
                [[u._.section for u in unit_spans(eg.reference)] for eg in get_examples()])
        self.model.set_dim("nO", len(self.labels))
        self.model.initialize(X=docs)

    def score(self, examples: Iterable[Example], **kwargs) -> dict:
        examples = list(examples)
        gold = [doc_to_record(eg.reference, scores=False) for eg in examples]
        pred = [doc_to_record(eg.predicted, scores=False) for eg in examples]
        part = SCORE_PART[self.attr]
        return {k: v for k, v in score_records(gold, pred, parts=(part,)).items()
                if k.startswith(part)}

    def add_label(self, label: str) -> int:
        raise NotImplementedError("unit classifiers use the contract's fixed label set")


def passage_roles(doc: Doc, units: list[Span], probs, max_units: int = 12,
                  transitions: Optional[numpy.ndarray] = None, weight: float = 0.0,
                  review_chapters: bool = False) -> list[int]:
    """Section role per unit, one per paragraph: a unit takes the role of the
    passage it sits in (ANNOTATION.md section 2), so the units of a line-broken
    paragraph share the role with the highest summed log-probability.
    Paragraphs longer than `max_units` (one-line texts) and paragraphs with a
    heading inside keep per-unit roles. With `transitions` (log-probabilities
    of a role after a role, row 0 the start; `section_transitions`) and a
    `weight` above 0 the roles of the passages are decoded jointly (Viterbi):
    a speech's parts come in a customary order. In the second half of a text,
    a line opening an appendix (cues.APPENDIX) starts page matter: META to
    the end. With `review_chapters`, the units of a chapter whose depth-1
    heading names a review of results (cues.REVIEW_CHAPTER) take a role of
    the review: REVIEW, PROBLEMS or SITUATION."""
    if not units:
        return []
    text = doc.text
    paragraphs, current = [], []
    for i, u in enumerate(units):
        if i and "\n" in text[units[i - 1].end_char:u.start_char]:
            paragraphs.append(current)
            current = []
        current.append(i)
    paragraphs.append(current)
    logp = numpy.log(numpy.clip(probs, 1e-9, 1.0))
    if review_chapters:
        outside = [k for k, lab in enumerate(LABELS["section"]) if lab not in REVIEW_ROLES]
        for i in review_chapter_units(units):
            logp[i, outside] = -1e4
    groups: list[list[int]] = []
    for para in paragraphs:
        if 1 < len(para) <= max_units and not any(units[i]._.heading for i in para[1:]):
            groups.append(para)
        else:
            groups.extend([i] for i in para)
    emit = numpy.vstack([logp[g].sum(axis=0) for g in groups])
    if transitions is not None and weight > 0:
        best = viterbi(emit, weight * numpy.asarray(transitions, dtype="float64"))
    else:
        best = [int(row.argmax()) for row in emit]
    choice = [0] * len(units)
    for g, k in zip(groups, best):
        for i in g:
            choice[i] = int(k)
    # in the second half, a line that opens an appendix (`名词解释`, `责任编辑`)
    # starts page matter: META to the end
    meta = LABELS["section"].index("META")
    for i in range(len(units) // 2, len(units)):
        a = units[i].start_char
        if (a == 0 or "\n" in text[max(0, a - 3):a]) and cues.APPENDIX.match(units[i].text):
            choice[i:] = [meta] * (len(units) - i)
            break
    return choice


REVIEW_ROLES = ("REVIEW", "PROBLEMS", "SITUATION")


def review_chapter_units(units: list[Span]) -> list[int]:
    """Indices of the units in chapters whose depth-1 heading names a review
    of results (`一、2025年工作回顾`, `一、肯定成绩，正视问题…`), heading
    included. All 38 such chapters of the corpus and the seeds hold only
    REVIEW, PROBLEMS and SITUATION units, however their sentences are worded
    (`开展…攻坚行动，新建标准厂房40万平方米`). A heading that also announces
    the plan (`…工作回顾和2026年工作安排`) opens no such chapter."""
    out, inside = [], False
    for i, u in enumerate(units):
        if u._.heading == 1:
            inside = bool(cues.REVIEW_CHAPTER.search(u.text)) and not cues.PLAN_CHAPTER.search(u.text)
        if inside:
            out.append(i)
    return out


def viterbi(emit: numpy.ndarray, trans: numpy.ndarray) -> list[int]:
    """Best label path: `emit` (steps x labels) log-scores, `trans` ((1 +
    labels) x labels) log-scores of a label after the start (row 0) or after
    a label (row 1 + previous)."""
    n, k = emit.shape
    score = trans[0] + emit[0]
    back = numpy.zeros((n, k), dtype="int64")
    for t in range(1, n):
        cand = score[:, None] + trans[1:]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emit[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def section_transitions(sequences: Iterable[list[str]], smoothing: float = 1.0) -> list[list[float]]:
    """Log-probabilities of a section role after the start (row 0) and after
    each role, counted over consecutive units of gold speeches, add-`smoothing`."""
    labels = LABELS["section"]
    index = {lab: i for i, lab in enumerate(labels)}
    counts = numpy.full((len(labels) + 1, len(labels)), smoothing, dtype="float64")
    for seq in sequences:
        prev = 0
        for lab in seq:
            if lab not in index:
                continue
            counts[prev, index[lab]] += 1
            prev = 1 + index[lab]
    return numpy.log(counts / counts.sum(axis=1, keepdims=True)).round(4).tolist()


PLAN_SECTIONS = ("TASKS", "SAFEGUARDS", "CURRENT")


def directive_kinds(units: list[Span], probs) -> list[int]:
    """Directive per unit: the model's, except where the contract or the
    unit's section settles it.

    - The contract's order of labels (ANNOTATION.md section 4: TARGET,
      PROHIBITION, TASK, EXHORTATION): a directive stating a time limit as a
      duration or a rank is a TARGET, and a TASK or EXHORTATION that states an
      explicit ban (`严禁新建楼堂馆所`) is a PROHIBITION. A unit the model reads
      as NONE is not touched by these, so reports (`10天内完成了…`) stay NONE.
    - A PROHIBITION rules an action out, so it has a word that negates or bans
      (cues.NEGATION); read without one (`办好…系列活动。`), the unit takes
      the model's next label.
    - Page matter (section META) is NONE.
    - The review of results (section REVIEW) reports what was done, however it
      is worded (`坚持…推进…`): NONE or, where the model reads a stance,
      EXHORTATION, never a demand of work (none of the corpus's or the seeds'
      1,349 REVIEW units is one).
    - In the plan (TASKS, SAFEGUARDS, CURRENT), a unit the model reads as NONE
      that opens with an action verb (cues.action_opening) is a TASK: the
      bare items of a work report (`加快数字经济高质量发展。`).
    """
    labels = LABELS["directive"]
    target, prohibition = labels.index("TARGET"), labels.index("PROHIBITION")
    none, exhortation, task = labels.index("NONE"), labels.index("EXHORTATION"), labels.index("TASK")
    choice = [int(row.argmax()) for row in probs]
    for i, u in enumerate(units):
        if u._.section == "META":                  # page matter is no speech
            choice[i] = none
            continue
        if u._.section == "REVIEW":
            choice[i] = none if probs[i][none] >= probs[i][exhortation] else exhortation
            continue
        if choice[i] == prohibition and not cues.NEGATION.search(u.text):
            row = numpy.array(probs[i], dtype="float32")
            row[prohibition] = -1
            choice[i] = int(row.argmax())
        if choice[i] == none and u._.section in PLAN_SECTIONS and cues.action_opening(u.text):
            choice[i] = task
        if labels[choice[i]] in ("NONE", "TARGET"):
            continue
        if cues.STATED_LIMIT.search(u.text) or cues.STATED_RANK.search(u.text):
            choice[i] = target
        elif cues.EXPLICIT_BAN.search(cues.QUOTED.sub("", u.text)):
            choice[i] = prohibition
    return choice


def section_runs(doc: Doc, units: list[Span]) -> list[Span]:
    """One span per run of units with the same section role, labelled with it."""
    runs: list[Span] = []
    start = None
    for i, u in enumerate(units):
        if start is None:
            start, label = u, u._.section
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is None or nxt._.section != label:
            runs.append(Span(doc, start.start, u.end, label=label or ""))
            start = None
    return runs


_MODEL = {
    "@architectures": "govspeech.UnitSequenceClassifier.v1",
    "hidden_width": 128, "conv_depth": 2, "window_size": 1, "dropout": 0.1,
    "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "*"},
}


def _factory(attr: str, name: str, weights: dict):
    @Language.factory(name, assigns=[f"span._.{attr}", f"span._.{attr}_score"],
                      default_config={"model": _MODEL}, default_score_weights=weights)
    def make(nlp: Language, name: str, model: Model):
        return UnitClassifier(nlp.vocab, model, name, attr=attr)
    make.__doc__ = f"Label each sentence unit's {attr} (span._.{attr})."
    return make


@Language.factory("govspeech_sections", assigns=["span._.section", "span._.section_score", "doc.spans"],
                  default_config={"model": _MODEL, "transition_weight": 0.0, "review_chapters": True},
                  default_score_weights={"sections_acc": 0.5, "sections_macro_f": 0.5})
def make_sections(nlp: Language, name: str, model: Model, transition_weight: float, review_chapters: bool):
    """Label each sentence unit's section role (span._.section). With
    `transition_weight` above 0 the roles are decoded jointly with the
    customary order of a speech's parts, counted on the training speeches;
    with `review_chapters` a chapter headed as a review of results keeps the
    review's roles (passage_roles)."""
    return UnitClassifier(nlp.vocab, model, name, attr="section", transition_weight=transition_weight,
                          review_chapters=review_chapters)


make_headings = _factory("heading", "govspeech_headings", {"headings_f": 0.5, "headings_depth_acc": 0.5})
make_directives = _factory("directive", "govspeech_directives",
                           {"directives_macro_f": 0.5, "directives_binary_f": 0.5})
