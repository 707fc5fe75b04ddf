"""Off-the-shelf taggers as entity peers, scored only on labels they express.

jieba's part-of-speech tagger: `nt` (organisation) as DEPT; a number word
(`m`) followed by a unit as PERCENT, MONEY or QUANTITY; `t` (time) as DATE;
`nr` as PERSON, `ns` as GPE. Returns None when jieba is not installed.
"""
from __future__ import annotations

import re

PEER_LABELS = {"jieba": ("DEPT", "PERCENT", "MONEY", "QUANTITY", "DATE", "PERSON", "GPE")}
_UNIT_MONEY = re.compile(r"^(亿元|万元|元|个亿)")
_UNIT_PCT = re.compile(r"^(%|％|个百分点)")
_UNIT_QTY = re.compile(r"^(个|项|家|人|次|件|户|所|名|座|条|公里|平方米|亩|吨|辆|套|批|台|处)")


def jieba_entities(text: str) -> list[dict] | None:
    try:
        import jieba
        import jieba.posseg as pseg
    except ImportError:
        return None
    jieba.setLogLevel(60)
    out, pos = [], 0
    toks = [(w.word, w.flag) for w in pseg.cut(text)]
    starts = []
    for w, _ in toks:
        starts.append(pos)
        pos += len(w)
    i = 0
    while i < len(toks):
        w, flag = toks[i]
        a = starts[i]
        if flag == "nt":
            out.append({"start": a, "end": a + len(w), "label": "DEPT"})
        elif flag == "nr":
            out.append({"start": a, "end": a + len(w), "label": "PERSON"})
        elif flag == "ns":
            out.append({"start": a, "end": a + len(w), "label": "GPE"})
        elif flag == "t":
            out.append({"start": a, "end": a + len(w), "label": "DATE"})
        elif flag == "m":
            rest = text[a + len(w):a + len(w) + 4]
            tail = w
            for lab, pat in (("PERCENT", _UNIT_PCT), ("MONEY", _UNIT_MONEY), ("QUANTITY", _UNIT_QTY)):
                m = pat.match(rest)
                if m or (lab == "PERCENT" and tail.endswith(("%", "％"))):
                    end = a + len(w) + (len(m.group()) if m else 0)
                    out.append({"start": a, "end": end, "label": lab})
                    while i + 1 < len(toks) and starts[i + 1] < end:
                        i += 1
                    break
        i += 1
    return out
