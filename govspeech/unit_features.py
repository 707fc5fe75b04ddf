"""Hand-made features of sentence units, fed to the unit classifiers beside
the pooled token vectors: position in the speech, layout, outline markers and
cue words. They are inputs to a learned decision, not rules.
"""
from __future__ import annotations

import math
import weakref

import numpy
from spacy.tokens import Doc, Span

from . import cues
from .labels import DIRECTIVES, SECTIONS
from .extensions import doc_text

_CUE_SETS = (cues.OPENING_CUES, cues.REVIEW_CUES, cues.PROBLEM_CUES, cues.SITUATION_CUES,
             cues.SAFEGUARD_CUES, cues.CURRENT_CUES, cues.CLOSING_CUES, cues.META_CUES,
             cues.MANDATORY, cues.ADVISORY, cues.PROHIBITION_CUES, cues.DIRECTIVE_CUES)
N_RULE = 5 + len(SECTIONS) + len(DIRECTIVES)
N_FEATURES = (len(cues.MARKER_KEYS) + 1) + 5 + 6 + 4 + 6 + len(_CUE_SETS) + 3 + N_RULE


_MEMO: "weakref.WeakKeyDictionary[Doc, tuple]" = weakref.WeakKeyDictionary()


def unit_features(doc: Doc, units: list[Span]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """Feature matrix (units x N_FEATURES); per unit, the index of the
    nearest marked unit above it that stands at a line start (-1 if none):
    the heading whose block the unit most likely sits in; and per unit its
    chapter, counted by the rules' depth-1 headings (0 before the first): a
    chapter mostly keeps one role, which a window over neighbours cannot see
    in a long chapter. Computed once per doc and set of units: the three unit
    classifiers share it."""
    key = tuple((u.start, u.end) for u in units)
    hit = _MEMO.get(doc)
    if hit is not None and hit[0] == key:
        return hit[1]
    result = _unit_features(doc, units)
    _MEMO[doc] = (key, result)
    return result


def _unit_features(doc: Doc, units: list[Span]) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    n = len(units)
    X = numpy.zeros((n, N_FEATURES), dtype="float32")
    ctx = numpy.full(n, -1, dtype="int64")
    text = doc_text(doc)
    rules, heads = _rule_features(doc, units)
    chapter = numpy.cumsum(numpy.asarray([h == 1 for h in heads], dtype="int64"))
    family_rank: dict[str, int] = {}
    last_marked = -1
    for i, u in enumerate(units):
        f, col = X[i], 0
        ut = u.text
        fam = cues.marker_family(ut)
        if fam is not None and fam not in family_rank:
            family_rank[fam] = len(family_rank) + 1
        f[col + (cues.MARKER_KEYS.index(fam) if fam else len(cues.MARKER_KEYS))] = 1
        col += len(cues.MARKER_KEYS) + 1
        rank = family_rank.get(fam, 0) if fam else 0
        f[col + min(rank, 4)] = 1
        col += 5
        before = text[max(0, u.start_char - 3):u.start_char]
        after = text[u.end_char:u.end_char + 2]
        line_start = u.start_char == 0 or "\n" in before
        line_end = u.end_char >= len(text.rstrip()) or after[:1] in ("\n", "\r")
        last = ut.rstrip()[-1:] if ut.strip() else ""
        f[col:col + 6] = (line_start, line_end, line_start and line_end, last in "。！？!?",
                          last in "；;", last in "：:")
        col += 6
        L = len(ut)
        f[col:col + 4] = (L <= 12, 12 < L <= 30, 30 < L <= 80, math.log1p(L) / 6)
        col += 4
        pos = i / max(1, n - 1)
        f[col:col + 6] = (pos, pos < 0.05, pos < 0.15, pos > 0.85, pos > 0.95, i == n - 1)
        col += 6
        for cs in _CUE_SETS:
            f[col] = any(c in ut for c in cs)
            col += 1
        f[col:col + 3] = (bool(cues.NUMBER.search(ut)), ("%" in ut or "％" in ut or "百分点" in ut),
                          fam is not None and line_start)
        col += 3
        f[col:col + N_RULE] = rules[i]
        ctx[i] = last_marked
        if fam is not None and line_start:
            last_marked = i
    return X, ctx, chapter


def _rule_features(doc: Doc, units: list[Span]) -> tuple[numpy.ndarray, list[int]]:
    """The rules baseline's heading depth, section and directive, one-hot:
    what the rules say, for the model to learn when to trust them; and the
    rules' depths."""
    from .baselines import rule_directive, rule_headings, rule_sections
    text = doc_text(doc)
    bounds = [(u.start_char, u.end_char) for u in units]
    heads = rule_headings(text, bounds)
    roles = rule_sections(text, bounds, heads)
    out = numpy.zeros((len(units), N_RULE), dtype="float32")
    for i, (a, b) in enumerate(bounds):
        out[i, min(heads[i], 4)] = 1
        out[i, 5 + SECTIONS.index(roles[i])] = 1
        out[i, 5 + len(SECTIONS) + DIRECTIVES.index(rule_directive(text[a:b]))] = 1
    return out, heads
