"""Conversion between spaCy `Doc` objects and document records.

`record_to_doc` builds the reference (gold) doc for training: the segmenter's
tokens, split further wherever a gold unit or entity boundary falls inside a
token, so no gold annotation is lost; spaCy's `Example` alignment then maps
it onto the predicted tokens, and boundaries the segmenter cannot produce are
counted by `alignment_report`. `doc_to_record` writes a processed doc in the
record shape of ANNOTATION.md section 6.
"""
from __future__ import annotations

import bisect
from typing import Iterable

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from .extensions import doc_text, unit_start

UNIT_LABEL_ATTRS = ("section", "directive", "heading")


def _split_words(doc: Doc, cuts: set[int]) -> tuple[list[str], list[bool]]:
    words, spaces = [], []
    for tok in doc:
        a, text = tok.idx, tok.text
        pieces, last = [], 0
        for k in range(1, len(text)):
            if a + k in cuts:
                pieces.append(text[last:k])
                last = k
        pieces.append(text[last:])
        for p in pieces[:-1]:
            words.append(p)
            spaces.append(False)
        words.append(pieces[-1])
        spaces.append(bool(tok.whitespace_))
    return words, spaces


def record_to_doc(nlp: Language, rec: dict) -> Doc:
    """The gold doc of a record: tokens, unit boundaries and labels, entities."""
    text = rec["text"]
    base = nlp.make_doc(text)
    cuts = {b for s in rec["sentences"] for b in (s["start"], s["end"])}
    cuts |= {b for e in rec.get("entities", []) for b in (e["start"], e["end"])}
    words, spaces = _split_words(base, cuts)
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    starts = {s["start"] for s in rec["sentences"]}
    first = True
    for tok in doc:
        # whitespace between units belongs to the unit before it
        tok.is_sent_start = first or tok.idx in starts
        first = False
    doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"])
                for e in rec.get("entities", [])]
    for s in rec["sentences"]:
        span = doc.char_span(s["start"], s["end"])
        for attr in UNIT_LABEL_ATTRS:
            setattr(span._, attr, s[attr])
    doc.user_data["govspeech.id"] = rec.get("id")
    return doc


def unit_spans(doc: Doc) -> list[Span]:
    """The sentence units of a doc, without surrounding whitespace tokens."""
    n = len(doc)
    if not n:
        return []
    starts = doc.to_array(SENT_START).astype("int64") == 1 if doc.has_annotation("SENT_START") \
        else numpy.zeros(n, bool)
    starts[0] = True
    space = doc.to_array(IS_SPACE).astype(bool)
    bounds = numpy.flatnonzero(starts).tolist() + [n]
    units = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        while a < b and space[a]:
            a += 1
        while b > a and space[b - 1]:
            b -= 1
        if b > a:
            units.append(doc[a:b])
    return units


def unit_bounds(span: Span) -> tuple[int, int]:
    """Character offsets of a unit with edge whitespace removed."""
    start = unit_start(span)
    text = doc_text(span.doc)
    end = span.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def doc_to_record(doc: Doc, rec_id: str | None = None, meta: dict | None = None,
                  scores: bool = True, offset: int = 0, with_tasks: bool = False) -> dict:
    """A processed doc as a record; `offset` shifts offsets (chunked input)."""
    sentences = []
    for span in unit_spans(doc):
        a, b = unit_bounds(span)
        s = {"start": a + offset, "end": b + offset,
             "section": span._.section or "TASKS", "directive": span._.directive or "NONE",
             "heading": int(span._.heading or 0)}
        if scores:
            for attr in ("section_score", "directive_score", "heading_score", "strength"):
                v = getattr(span._, attr)
                if v is not None:
                    s[attr] = round(v, 4) if isinstance(v, float) else v
        sentences.append(s)
    # an entity must lie inside one unit and not start or end with whitespace
    # (ANNOTATION.md section 5); a statistical ner knows neither rule
    bounds = [(s["start"] - offset, s["end"] - offset) for s in sentences]
    ends = [b for _, b in bounds]
    entities = []
    for e in doc.ents:
        a, b = e.start_char, e.end_char
        i = bisect.bisect_right(ends, a)
        if (i < len(bounds) and bounds[i][0] <= a and b <= bounds[i][1]
                and not doc_text(doc)[a].isspace() and not doc_text(doc)[b - 1].isspace()):
            entities.append({"start": a + offset, "end": b + offset, "label": e.label_})
    rec = {"id": rec_id if rec_id is not None else doc.user_data.get("govspeech.id", ""),
           "text": doc_text(doc), "meta": dict(meta or {}),
           "sentences": sentences, "entities": entities}
    if with_tasks:
        rec["tasks"] = [dict(t, start=t["start"] + offset, end=t["end"] + offset) for t in doc._.tasks]
    return rec


def alignment_report(nlp: Language, records: Iterable[dict]) -> dict:
    """How many gold unit ends and entities fall on the segmenter's token boundaries."""
    out = {"entities": 0, "entities_aligned": 0, "units": 0, "units_aligned": 0,
           "misaligned_examples": []}
    for rec in records:
        doc = nlp.make_doc(rec["text"])
        starts = {t.idx for t in doc}
        ends = {t.idx + len(t.text) for t in doc}
        for e in rec.get("entities", []):
            out["entities"] += 1
            if e["start"] in starts and e["end"] in ends:
                out["entities_aligned"] += 1
            elif len(out["misaligned_examples"]) < 30:
                a, b = e["start"], e["end"]
                toks = [t.text for t in doc if t.idx < b and t.idx + len(t.text) > a]
                out["misaligned_examples"].append(
                    {"id": rec.get("id"), "label": e["label"], "span": rec["text"][a:b], "tokens": toks})
        for s in rec["sentences"]:
            out["units"] += 1
            if s["start"] in starts:
                out["units_aligned"] += 1
    return out
