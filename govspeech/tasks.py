"""Task records (督查台账) derived from directive units.

`govspeech_tasks` is a rules component placed after the directive classifier:
it sets ``span._.strength`` on each directive unit from the modal words that
govern it, and ``doc._.tasks`` derives one record per directive unit: kind,
strength, owners, targets (indicator, value, qualifier), deadline, policies,
section and heading path, text and offsets. The rules read the entities the
`ner` found; they are documented in ANNOTATION-NOTES.md (task records).
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import cues
from .docs import unit_bounds, unit_spans
from .labels import OWNER_LABELS, VALUE_LABELS
from .outline import heading_paths

_MANDATORY = sorted(cues.MANDATORY, key=len, reverse=True)
_ADVISORY = sorted(cues.ADVISORY, key=len, reverse=True)
# Where a demand begins: the owner stands before it.
_DEMAND = re.compile("|".join(sorted(set(cues.MANDATORY + cues.ADVISORY + (
    "牵头", "负责", "抓好", "做好", "抓紧", "加快", "立即", "迅速", "全力", "认真", "切实", "持续", "进一步")),
    key=len, reverse=True)))
_LEAD = re.compile(r"^(牵头|负责|为主|为责任单位|为牵头单位|具体负责|抓总|总负责|配合|协助)")
_LEAD_BEFORE = re.compile(r"由$")
_DEADLINE = re.compile(r"(前|底|以前|之前|内|为止|截止|底前|完成|到位)")
_QUAL_BEFORE = ("不低于", "不少于", "不超过", "不高于", "力争", "突破", "达到", "超过", "控制在", "保持在",
                "提高到", "提升到", "降低到", "降至", "压减到")
_QUAL_AFTER = ("以上", "以内", "以下", "左右", "之内")
_CLAUSE = re.compile(r"[，,；;：:。！？!?]")


def strength_of(text: str) -> str:
    """`mandatory` if a mandatory modal governs the demand, else `advisory`."""
    first_m = min((text.find(w) for w in _MANDATORY if w in text), default=-1)
    return "mandatory" if first_m >= 0 else "advisory"


def _owners_in(span: Span, role: str) -> list[dict]:
    """Owner entities of one unit: subject of the demand, or named as lead."""
    text = span.doc.text
    a, b = span.start_char, span.end_char
    out = []
    for ent in span.ents:
        if ent.label_ not in OWNER_LABELS:
            continue
        after = text[ent.end_char:b]
        before = text[a:ent.start_char]
        m = _DEMAND.search(after)
        is_subject = (m is not None and m.start() <= 6 and not _CLAUSE.search(after[:m.start()])
                      and "的" not in after[:m.start()] and not before.rstrip().endswith(("在", "向", "对", "按照", "与", "和")))
        is_lead = bool(_LEAD.match(after.lstrip("、，, "))) or bool(_LEAD_BEFORE.search(before))
        if is_subject or is_lead:
            out.append({"text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char,
                        "role": "lead" if is_lead else role})
    # coordinated owners ("市财政局、市税务局要…"): keep the whole list
    return out


def _targets(span: Span) -> list[dict]:
    text = span.doc.text
    ents = list(span.ents)
    out = []
    for i, ent in enumerate(ents):
        if ent.label_ not in VALUE_LABELS:
            continue
        indicator = None
        for prev in reversed(ents[:i]):
            gap = text[prev.end_char:ent.start_char]
            if prev.label_ == "INDICATOR" and len(gap) <= 20 and not re.search(r"[；;。]", gap):
                indicator = prev.text
                break
        before = text[max(span.start_char, ent.start_char - 6):ent.start_char]
        qual = next((q for q in _QUAL_BEFORE if before.endswith(q) or q in before[-4:]), None)
        tail = next((q for q in _QUAL_AFTER if ent.text.endswith(q) or text[ent.end_char:].startswith(q)), None)
        out.append({"indicator": indicator, "value": ent.text, "value_label": ent.label_,
                    "qualifier": "".join(q for q in (qual, tail) if q) or None})
    return out


def _deadline(span: Span) -> dict | None:
    text = span.doc.text
    dates = [e for e in span.ents if e.label_ == "DATE"]
    if not dates:
        return None
    scored = sorted(dates, key=lambda e: (not _DEADLINE.match(text[e.end_char:e.end_char + 2])
                                          and not _DEADLINE.search(e.text), -e.start_char))
    best = scored[0]
    return {"text": best.text, "start": best.start_char, "end": best.end_char}


def doc_tasks(doc: Doc) -> list[dict]:
    """One task record per directive unit (``doc._.tasks``)."""
    units = unit_spans(doc)
    paths = heading_paths(units)
    text = doc.text
    tasks = []
    para_first: Span | None = None
    for i, u in enumerate(units):
        if i == 0 or "\n" in text[units[i - 1].end_char:u.start_char]:
            para_first = u
        kind = u._.directive
        if not kind or kind == "NONE":
            continue
        owners = _owners_in(u, "subject")
        if not owners and para_first is not None and para_first is not u:
            owners = [dict(o, role="paragraph") for o in _owners_in(para_first, "subject")]
        if not owners:
            for h in reversed(paths[i]):
                if h is not u:
                    owners = [dict(o, role="heading") for o in _owners_in(h, "subject")]
                    if owners:
                        break
        a, b = unit_bounds(u)
        tasks.append({
            "no": len(tasks) + 1, "kind": kind,
            "strength": u._.strength or strength_of(u.text),
            "text": text[a:b], "start": a, "end": b,
            "owners": owners, "targets": _targets(u), "deadline": _deadline(u),
            "policies": [e.text for e in u.ents if e.label_ == "POLICY"],
            "section": u._.section,
            "heading_path": [text[slice(*unit_bounds(h))] for h in paths[i] if h is not u],
        })
    return tasks


class TaskDeriver:
    """Sets ``span._.strength`` on directive units; tasks derive from it."""

    def __init__(self, name: str = "govspeech_tasks"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for u in unit_spans(doc):
            if u._.directive and u._.directive != "NONE":
                u._.strength = strength_of(u.text)
        return doc


@Language.factory("govspeech_tasks", assigns=["span._.strength"],
                  requires=["doc.ents", "doc.sents"])
def make_task_deriver(nlp: Language, name: str):
    """Factory of the task-record step (no trainable weights)."""
    return TaskDeriver(name)
