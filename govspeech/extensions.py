"""The custom attributes govspeech adds to spaCy objects.

Unit labels are stored per unit start character in ``doc.user_data`` (which
DocBin keeps), so they read the same from ``doc.sents`` spans, whose trailing
line breaks belong to the unit before, and from trimmed unit spans.
"""
from __future__ import annotations

import weakref

from spacy.tokens import Doc, Span

UNIT_ATTRS = ("section", "section_score", "directive", "directive_score",
              "heading", "heading_score", "strength")
_KEY = "govspeech.unit"


_TEXT: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc: spaCy rebuilds it from the tokens on
    every access, which the per-unit code paths would pay again and again."""
    text = _TEXT.get(doc)
    if text is None:
        text = _TEXT[doc] = doc.text
    return text


def unit_start(span: Span) -> int:
    """Character offset of the first non-whitespace character of a span."""
    for tok in span:
        if not tok.is_space:
            return tok.idx + (len(tok.text) - len(tok.text.lstrip()))
    return span.start_char


def _getter(name: str):
    def get(span: Span):
        return span.doc.user_data.get((_KEY, name, unit_start(span)))
    return get


def _setter(name: str):
    def set_(span: Span, value) -> None:
        span.doc.user_data[(_KEY, name, unit_start(span))] = value
    return set_


def register() -> None:
    for name in UNIT_ATTRS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name), setter=_setter(name))
    if not Doc.has_extension("outline"):
        from .outline import build_outline
        Doc.set_extension("outline", getter=build_outline)
    if not Doc.has_extension("tasks"):
        from .tasks import doc_tasks
        Doc.set_extension("tasks", getter=doc_tasks)
