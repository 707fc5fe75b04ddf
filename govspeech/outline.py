"""The heading outline of a speech (``doc._.outline``) and heading paths."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from .docs import unit_bounds, unit_spans


def heading_paths(units: list[Span]) -> list[list[Span]]:
    """For each unit, the headings that enclose it, outermost first (a
    heading's own path ends with itself)."""
    stack: list[Span] = []
    out = []
    for u in units:
        depth = int(u._.heading or 0)
        if depth:
            while stack and int(stack[-1]._.heading) >= depth:
                stack.pop()
            stack.append(u)
        out.append(list(stack))
    return out


def build_outline(doc: Doc) -> list[dict]:
    """Nested headings: depth, text, offsets, section role, children."""
    root: list[dict] = []
    stack: list[dict] = []
    for u in unit_spans(doc):
        depth = int(u._.heading or 0)
        if not depth:
            continue
        a, b = unit_bounds(u)
        item = {"depth": depth, "text": doc.text[a:b], "start": a, "end": b,
                "section": u._.section, "children": []}
        while stack and stack[-1]["depth"] >= depth:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(item)
        stack.append(item)
    return root
