"""Off-the-shelf taggers as entity peers, scored only on labels they express.

Each peer's part-of-speech tags are mapped to the labels they can stand for:

- jieba: `nt` (organisation) as DEPT, `nr` as PERSON, `ns` as GPE, `t` as DATE;
- THULAC: `ni` (organisation) as DEPT, `np` as PERSON, `ns` as GPE, `t` as DATE;

and in both, a number word (`m`, THULAC's `mq` too) followed by a unit as
PERCENT, MONEY or QUANTITY. A peer that is not installed returns None.
"""
from __future__ import annotations

import re
from functools import lru_cache

_NAMES = {"jieba": {"nt": "DEPT", "nr": "PERSON", "ns": "GPE", "t": "DATE"},
          "thulac": {"ni": "DEPT", "np": "PERSON", "ns": "GPE", "t": "DATE"}}
_NUMBERS = {"jieba": {"m"}, "thulac": {"m", "mq"}}
PEER_LABELS = {peer: ("DEPT", "PERCENT", "MONEY", "QUANTITY", "DATE", "PERSON", "GPE") for peer in _NAMES}
_UNIT_MONEY = re.compile(r"^(亿元|万元|元|个亿)")
_UNIT_PCT = re.compile(r"^(%|％|个百分点)")
_UNIT_QTY = re.compile(r"^(个|项|家|人|次|件|户|所|名|座|条|公里|平方米|亩|吨|辆|套|批|台|处)")


@lru_cache(maxsize=1)
def _thulac():
    import thulac
    return thulac.thulac()


def _tag(peer: str, text: str) -> list[tuple[str, str]] | None:
    try:
        if peer == "jieba":
            import jieba
            import jieba.posseg as pseg
            jieba.setLogLevel(60)
            return [(w.word, w.flag) for w in pseg.cut(text)]
        # THULAC drops or rewrites some whitespace: tag line by line
        out = []
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.strip():
                out += [(w, t) for w, t in _thulac().cut(body)]
            if len(body) < len(line):
                out.append((line[len(body):], "x"))
        return out
    except ImportError:
        return None


def _align(text: str, toks: list[tuple[str, str]]) -> list[tuple[int, str, str]]:
    """(start, word, tag) with each word found in `text` from where the last ended."""
    out, pos = [], 0
    for w, flag in toks:
        at = text.find(w, pos) if w else -1
        if at < 0 or at - pos > 5:
            continue
        out.append((at, w, flag))
        pos = at + len(w)
    return out


_NUMERIC = re.compile(r"^[0-9０-９.．%％]+$")


def _merge_numbers(words: list[tuple[int, str, str]], numbers: set[str]) -> list[tuple[int, str, str]]:
    """Join adjacent number pieces (THULAC cuts `12.5` into `12` `.` `5`)."""
    out: list[tuple[int, str, str]] = []
    for a, w, flag in words:
        numeric = flag in numbers or _NUMERIC.match(w)
        if out and numeric and out[-1][2] == "m" and out[-1][0] + len(out[-1][1]) == a \
                and (_NUMERIC.match(w) or out[-1][1][-1] in ".．"):
            out[-1] = (out[-1][0], out[-1][1] + w, "m")
        else:
            out.append((a, w, "m" if numeric and _NUMERIC.match(w) else flag))
    return out


def peer_entities(peer: str, text: str) -> list[dict] | None:
    """Entities of `text` by the peer tagger, or None if it is not installed."""
    toks = _tag(peer, text)
    if toks is None:
        return None
    names, numbers = _NAMES[peer], _NUMBERS[peer] | {"m"}
    words = _merge_numbers(_align(text, toks), numbers)
    out = []
    i = 0
    while i < len(words):
        a, w, flag = words[i]
        if flag in names:
            out.append({"start": a, "end": a + len(w), "label": names[flag]})
        elif flag in numbers:
            rest = text[a + len(w):a + len(w) + 4]
            for lab, pat in (("PERCENT", _UNIT_PCT), ("MONEY", _UNIT_MONEY), ("QUANTITY", _UNIT_QTY)):
                m = pat.match(rest)
                if m or (lab == "PERCENT" and w.endswith(("%", "％"))) or (flag == "mq" and pat.search(w[-3:])):
                    end = a + len(w) + (len(m.group()) if m else 0)
                    out.append({"start": a, "end": end, "label": lab})
                    while i + 1 < len(words) and words[i + 1][0] < end:
                        i += 1
                    break
        i += 1
    return out
