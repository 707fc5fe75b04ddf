"""The inline authoring format (`.gsa`) and its conversion to and from records.

Gold documents are written by hand in this format because offsets are not:
one line per sentence unit, entity spans marked inline as ``⟦text|LABEL⟧``.
`to_inline` writes any record (a prediction, say) back in this format, so a
prediction can be corrected by hand and trained on again.

    # id: gs-001
    # split: train
    # kind: plenary
    n OPENING NONE 0 | 同志们：
    n OPENING NONE 0 | ⟦今天|DATE⟧我们召开…
    g TASKS TASK 1 | 一、…          (glued to the unit before, same line)

The first field says what separates the unit from the one before it, one
character per piece: ``n`` newline, ``b`` blank line (two newlines), ``s`` a
space, ``w`` a full-width space, ``t`` a tab, ``g`` nothing (glued). Header
lines ``# key: value`` go to ``meta``; ``#`` lines after the first unit are
comments.
"""
from __future__ import annotations

import re
from pathlib import Path

from .labels import DIRECTIVES, ENTITY_LABELS, SECTIONS

SEPARATORS = {"n": "\n", "b": "\n\n", "s": " ", "w": "\u3000", "t": "\t", "g": ""}
MARK = re.compile(r"⟦([^⟦⟧]+?)\|([A-Z]+)⟧")
UNIT_LINE = re.compile(r"^([nbswtg]+) +([A-Z]+) +([A-Z]+) +(\d) \| ?(.*)$")


class InlineFormatError(ValueError):
    pass


def parse_inline(source: str, name: str = "<inline>") -> dict:
    """Turn one `.gsa` document into a record (ANNOTATION.md section 6)."""
    meta: dict = {}
    text_parts: list[str] = []
    pos = 0
    sentences, entities = [], []
    for lineno, line in enumerate(source.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            if not sentences:
                m = re.match(r"#\s*([\w-]+)\s*:\s*(.*)$", line)
                if m:
                    meta[m.group(1)] = m.group(2).strip()
            continue
        m = UNIT_LINE.match(line)
        if not m:
            raise InlineFormatError(f"{name}:{lineno}: not a unit line: {line[:40]!r}")
        sep_code, section, directive, heading, body = m.groups()
        where = f"{name}:{lineno}"
        if section not in SECTIONS:
            raise InlineFormatError(f"{where}: unknown section {section}")
        if directive not in DIRECTIVES:
            raise InlineFormatError(f"{where}: unknown directive {directive}")
        sep = "" if not sentences else "".join(SEPARATORS[c] for c in sep_code)
        text_parts.append(sep)
        pos += len(sep)
        start = pos
        out = []
        last = 0
        for em in MARK.finditer(body):
            out.append(body[last:em.start()])
            pos += len(body[last:em.start()])
            span, label = em.group(1), em.group(2)
            if label not in ENTITY_LABELS:
                raise InlineFormatError(f"{where}: unknown entity label {label}")
            entities.append({"start": pos, "end": pos + len(span), "label": label})
            out.append(span)
            pos += len(span)
            last = em.end()
        out.append(body[last:])
        pos += len(body[last:])
        unit_text = "".join(out)
        if "⟦" in unit_text or "⟧" in unit_text:
            raise InlineFormatError(f"{where}: unbalanced entity mark")
        text_parts.append(unit_text)
        sentences.append({"start": start, "end": pos, "section": section,
                          "directive": directive, "heading": int(heading)})
    rid = meta.pop("id", Path(name).stem)
    return {"id": rid, "text": "".join(text_parts), "meta": meta,
            "sentences": sentences, "entities": entities}


def to_inline(rec: dict) -> str:
    """Write a record in the inline format (inverse of `parse_inline`)."""
    text = rec["text"]
    lines = [f"# id: {rec['id']}"]
    lines += [f"# {k}: {v}" for k, v in (rec.get("meta") or {}).items() if isinstance(v, (str, int, float))]
    ents = sorted(rec.get("entities") or [], key=lambda e: e["start"])
    prev_end = 0
    for i, s in enumerate(rec["sentences"]):
        gap = text[prev_end:s["start"]]
        code = "".join({"\n": "n", " ": "s", "\u3000": "w", "\t": "t"}.get(c, "s") for c in gap) or "g"
        if i == 0:
            code = "n"
        parts, at = [], s["start"]
        for e in ents:
            if s["start"] <= e["start"] and e["end"] <= s["end"]:
                parts.append(text[at:e["start"]])
                parts.append(f"⟦{text[e['start']:e['end']]}|{e['label']}⟧")
                at = e["end"]
        parts.append(text[at:s["end"]])
        lines.append(f"{code} {s['section']} {s['directive']} {s['heading']} | {''.join(parts)}")
        prev_end = s["end"]
    return "\n".join(lines) + "\n"
