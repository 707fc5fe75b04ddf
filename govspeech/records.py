"""The document record of ANNOTATION.md section 6: reading, writing, checking.

Gold corpus, batch output and evaluation all go through these functions, so a
prediction can be scored, corrected and trained on again.
"""
from __future__ import annotations

import bisect
import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from .labels import DIRECTIVES, ENTITY_LABELS, HEADING_DEPTHS, SECTIONS


def read_records(path: str | Path) -> Iterator[dict]:
    """Yield the records of a JSON Lines file, naming the line of a bad one."""
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as err:
                    raise ValueError(f"{path}:{n}: not a JSON record ({err})") from err


def atomic_write(path: str | Path, write) -> None:
    """Call `write(tmp)` on a temporary file beside `path`, then move it into
    place: a reader never sees a half-written file, and a failed write leaves
    the old one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_records(path: str | Path, records: Iterable[dict]) -> int:
    """Write records as JSON Lines, atomically."""
    n = 0

    def w(tmp):
        nonlocal n
        with open(tmp, "w", encoding="utf-8") as f:
            for rec in records:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    atomic_write(path, w)
    return n


def write_json(path: str | Path, obj) -> None:
    """Write one JSON document (a figures file), atomically."""
    def w(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=1)
    atomic_write(path, w)


def validate_record(rec: dict) -> list[str]:
    """Check the form of one record; return a list of problems (empty if fine).

    Checks form, not truth: offsets inside the text, no edge whitespace, units
    ordered, non-overlapping and covering every non-whitespace character,
    entities inside one unit and not overlapping, labels from the contract.
    """
    errs: list[str] = []
    rid = rec.get("id", "?")
    text = rec.get("text")
    if not isinstance(text, str):
        return [f"{rid}: text missing"]
    n = len(text)
    sents = rec.get("sentences") or []
    covered = [False] * n
    prev_end = 0
    for i, s in enumerate(sents):
        a, b = s.get("start"), s.get("end")
        where = f"{rid}: unit {i} [{a},{b})"
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= n):
            errs.append(f"{where}: offsets outside the text or empty")
            continue
        if a < prev_end:
            errs.append(f"{where}: overlaps or precedes the unit before")
        prev_end = max(prev_end, b)
        if text[a].isspace() or text[b - 1].isspace():
            errs.append(f"{where}: starts or ends with whitespace")
        if s.get("section") not in SECTIONS:
            errs.append(f"{where}: section {s.get('section')!r} not in the contract")
        if s.get("directive") not in DIRECTIVES:
            errs.append(f"{where}: directive {s.get('directive')!r} not in the contract")
        if s.get("heading") not in HEADING_DEPTHS:
            errs.append(f"{where}: heading {s.get('heading')!r} not in 0..4")
        for k in range(a, b):
            covered[k] = True
    missing = [k for k in range(n) if not covered[k] and not text[k].isspace()]
    if missing:
        k = missing[0]
        errs.append(f"{rid}: {len(missing)} non-whitespace chars outside every unit, first at {k}: {text[k:k+10]!r}")
    bounds = [(s["start"], s["end"]) for s in sents if isinstance(s.get("start"), int)]
    prev = None
    starts = [a for a, _ in bounds]
    for e in sorted(rec.get("entities") or [], key=lambda e: (e.get("start", -1), e.get("end", -1))):
        a, b, lab = e.get("start"), e.get("end"), e.get("label")
        where = f"{rid}: entity [{a},{b}) {lab}"
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= n):
            errs.append(f"{where}: offsets outside the text or empty")
            continue
        if lab not in ENTITY_LABELS:
            errs.append(f"{where}: label not in the contract")
        if text[a].isspace() or text[b - 1].isspace():
            errs.append(f"{where}: starts or ends with whitespace")
        i = bisect.bisect_right(starts, a) - 1
        if i < 0 or not (bounds[i][0] <= a and b <= bounds[i][1]):
            errs.append(f"{where} {text[a:b]!r}: not inside one unit")
        if prev is not None and a < prev[1]:
            errs.append(f"{where} {text[a:b]!r}: overlaps entity [{prev[0]},{prev[1]})")
        prev = (a, b)
    return errs
