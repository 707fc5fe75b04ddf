"""The heading outline of a speech (``doc._.outline``) and heading paths."""
from __future__ import annotations

import re

import numpy
from spacy.tokens import Doc, Span

from .cues import CN_NUM, marker_family
from .docs import doc_to_record


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
    """Nested headings of a processed doc (``doc._.outline``)."""
    return record_outline(doc_to_record(doc, scores=False))


def record_outline(rec: dict) -> list[dict]:
    """Nested headings of a record: depth, text, offsets, section role, children."""
    root: list[dict] = []
    stack: list[dict] = []
    for s in rec["sentences"]:
        if not s.get("heading"):
            continue
        item = {"depth": s["heading"], "text": rec["text"][s["start"]:s["end"]], "start": s["start"],
                "end": s["end"], "section": s["section"], "children": []}
        while stack and stack[-1]["depth"] >= item["depth"]:
            stack.pop()
        (stack[-1]["children"] if stack else root).append(item)
        stack.append(item)
    return root


# --- consistent depths: siblings of one enumeration share a depth ---------
_ORDINAL = re.compile(rf"^(?:[（(]?(?:第)?([{CN_NUM}]{{1,3}}|[0-9０-９]{{1,2}}))")
_SEQUENCE_WORDS = {"首先": 1, "其次": 2, "再次": 3, "最后": 99, "一方面": 1, "另一方面": 2}
# `最后，再强调几项当前工作` opens a closing block: not the last item of the
# enumeration before it, but a heading at chapter depth (note 9).
_CLOSING_OPENER = re.compile(r"^\s*(最后|另外|此外|关于当前[^，,：:。]{0,8})[，,]?\s*我?(再|还)?(强调|讲|说|提)")


# `…要高度重视，一方面，要…` answered by a unit opening `另一方面`: the
# marker inside the running paragraph opens an outline item (ANNOTATION.md).
_INLINE_FANGMIAN = re.compile(r"[，,：:]\s*(?=一方面[，,])")


def closing_opener(text: str) -> bool:
    return bool(_CLOSING_OPENER.match(text))


def _inline_items(texts: list[str], depths: list[int]) -> dict[int, str]:
    """Body units whose inline `一方面` is answered by a heading `另一方面`
    next, mapped to the text from the marker on."""
    out = {}
    for i in range(len(texts) - 1):
        m = _INLINE_FANGMIAN.search(texts[i])
        if m and not depths[i] and depths[i + 1] and texts[i + 1].lstrip().startswith("另一方面"):
            out[i] = texts[i][m.end():]
    return out


def _ordinal(text: str) -> int | None:
    t = text.lstrip()
    for w, n in _SEQUENCE_WORDS.items():
        if t.startswith(w):
            return n
    m = _ORDINAL.match(t)
    if not m:
        return None
    s = m.group(1)
    if s[0] in "0123456789０１２３４５６７８９":
        return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    if s == "十":
        return 10
    vals = [CN_NUM.index(c) + 1 for c in s if c in CN_NUM]
    if len(vals) == 2 and vals[0] == 10:
        return 10 + vals[1]
    return vals[0] if len(vals) == 1 else None


def enumeration_runs(texts: list[str]) -> list[list[int]]:
    """Indices of heading units that form one enumeration: items of the same
    marker family whose ordinals follow each other (一是, 二是, 三是...), and
    `首先`/`其次` runs continued by `第二，第三，`. An item 1 opens a new run;
    `——` items continue the latest `——` run; `最后` continues the latest
    `首先` run; a heading without a marker is a run of its own."""
    runs: list[list[int]] = []
    latest: dict[str, tuple[int, int]] = {}   # family -> (run index, last ordinal)
    for i, text in enumerate(texts):
        fam = marker_family(text)
        if fam is None or closing_opener(text):
            runs.append([i])
            continue
        n = 0 if fam == "dash" else _ordinal(text)
        prev = latest.get(fam)
        if fam in ("di", "shouxian") and n is not None and n > 1:
            # 首先, 第二, 第三 ... one enumeration written with two families
            other = latest.get("shouxian" if fam == "di" else "di")
            if other is not None and (prev is None or other[0] > prev[0]) and (n == other[1] + 1 or n == 99):
                prev = other
        if prev is not None and (fam == "dash" or (n is not None and (n == prev[1] + 1 or n == 99))):
            runs[prev[0]].append(i)
            entry = (prev[0], n if n is not None else prev[1] + 1)
            latest[fam] = entry
            for f in ("di", "shouxian"):
                if fam in ("di", "shouxian") and latest.get(f, (None,))[0] == prev[0]:
                    latest[f] = entry
        else:
            runs.append([i])
            latest[fam] = (len(runs) - 1, n if n is not None else 1)
    return runs


def consistent_depths(texts: list[str], probs: numpy.ndarray, same_family_restarts: bool = True) -> list[int]:
    """Heading depth per unit (0 = body) from the classifier's probabilities
    (units x depths 0..4), decoded under the outline's structure: all items
    of an enumeration share one depth, and a new enumeration can close any
    open level or open one level deeper than the innermost, never more. Among
    the depths the structure allows, the one with the highest summed
    log-probability over the run's items wins. With `same_family_restarts`,
    an enumeration that restarts a marker family still open above it
    (`第一，` again after `第一，第二，`) is its sibling, at the same depth: a
    speech does not nest a marker family inside itself. An enumeration whose
    items continue after a new one stays open around it, so the new one is
    deeper; a closing-block opener (`最后，再强调几项当前工作`) is depth 1.
    A body unit with an inline `，一方面，` answered by a heading `另一方面`
    next is that heading's first sibling."""
    depths = [int(row.argmax()) for row in probs]
    inline = _inline_items(texts, depths)
    if inline:
        probs = probs.copy()
        for i in inline:
            probs[i] = probs[i + 1]
            depths[i] = depths[i + 1]
        texts = [inline.get(i, t) for i, t in enumerate(texts)]
    heading_idx = [i for i, d in enumerate(depths) if d > 0]
    runs = enumeration_runs([texts[i] for i in heading_idx])
    run_of = {k: r for r, run in enumerate(runs) for k in run}
    run_last = {r: run[-1] for r, run in enumerate(runs)}
    logp = numpy.log(numpy.clip(probs, 1e-9, 1.0))
    run_depth: dict[int, int] = {}
    run_family: dict[int, str | None] = {}
    stack: list[tuple[int, int, str | None]] = []   # (run, depth, marker family), outermost first
    for k, i in enumerate(heading_idx):
        r = run_of[k]
        if r not in run_depth:
            members = [heading_idx[j] for j in runs[r]]
            fam = marker_family(texts[i])
            open_same = [d for (_, d, f) in stack if same_family_restarts and fam is not None and f == fam]
            # the deepest open enumeration with items still to come encloses this one
            floor = max((d for (q, d, _) in stack if run_last[q] > k), default=0)
            if closing_opener(texts[i]):
                run_depth[r] = 1
            elif open_same and open_same[-1] > floor:
                run_depth[r] = open_same[-1]
            else:
                allowed = range(min(floor + 1, 4), min(4, len(stack) + 1) + 1)
                scores = logp[members][:, list(allowed)].sum(axis=0)
                run_depth[r] = allowed[int(scores.argmax())]
            run_family[r] = fam
        d = run_depth[r]
        while stack and stack[-1][1] >= d:
            stack.pop()
        stack.append((r, d, run_family[r]))
        depths[i] = d
    return depths
