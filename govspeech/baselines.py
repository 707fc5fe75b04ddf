"""Rules-only baselines, scored beside the model in every evaluation.

Each takes a text (and, for the lexicon, the training records) and returns a
record, so it is scored by the same `scoring` code as the model:

- units: the contract's punctuation and line-break rules, plus a cut before
  an outline marker glued to the end of a sentence-less title;
- sections: cue words of headings switch the role, units inherit it;
- headings: outline markers at line starts or after a colon, depth by the
  order in which marker families first appear (a stack);
- directives: modal-keyword rules;
- entities: regular expressions for numbers and dates plus lexicons and
  suffix patterns for names, built from the training split.
"""
from __future__ import annotations

import re
from collections import Counter

from . import cues
from .labels import SECTIONS

_TERM = "。！？；!?;"
_CLOSE = "”’」』）)》\"'"
_MARKER_START = re.compile("|".join(p.pattern.lstrip("^") for _, p in cues.MARKER_FAMILIES))


def rule_units(text: str) -> list[tuple[int, int]]:
    """Unit offsets by punctuation, line breaks and glued line-start markers."""
    bounds, start, i, n = [], None, 0, len(text)
    while i < n:
        c = text[i]
        if c in "\r\n":
            if start is not None:
                bounds.append((start, i))
                start = None
            i += 1
            continue
        if start is None:
            if c.isspace():
                i += 1
                continue
            start = i
        if c in _TERM:
            j = i + 1
            while j < n and text[j] in _CLOSE:
                j += 1
            bounds.append((start, j))
            start = None
            i = j
            continue
        i += 1
    if start is not None:
        bounds.append((start, n))
    out = []
    for a, b in bounds:
        while b > a and text[b - 1].isspace():
            b -= 1
        # a heading glued to body text: cut after a short marked phrase that
        # is followed by a date-like or sentence-opening word
        m = _MARKER_START.match(text, a)
        if m:
            g = re.search(r"(今年以来|去年|一年来|近年来|当前|目前|[要必]|同志们[：:])", text[a + 6:b])
            seg_end = a + 6 + g.start() if g else None
            if seg_end and seg_end - a <= 30 and not re.search(r"[，,。；]", text[a:seg_end]):
                out.append((a, seg_end))
                a = seg_end
        out.append((a, b))
    return [(a, b) for a, b in out if b > a]


_SECTION_CUES = [
    ("PROBLEMS", ("问题", "不足", "差距", "短板")),
    ("REVIEW", ("回顾", "成绩", "成效", "一年来", "过去一年", "工作总结")),
    ("SITUATION", ("形势", "认识", "意义", "站位")),
    ("SAFEGUARDS", ("保障", "作风", "纪律", "责任", "组织领导", "自身建设", "落实", "督查")),
    ("CURRENT", ("当前", "近期", "几项具体工作", "几项工作", "再强调")),
    ("TASKS", ("任务", "重点", "工作", "推进", "抓好")),
]


def rule_sections(text: str, units: list[tuple[int, int]], headings: list[int]) -> list[str]:
    """Roles by cue words: headings switch the role, units inherit it."""
    n = len(units)
    roles = []
    role = "OPENING"
    seen_heading = False
    for i, (a, b) in enumerate(units):
        t = text[a:b]
        if any(c in t for c in cues.META_CUES) and (i < 8 or i > n - 6) and not seen_heading or \
                (i > n - 6 and any(c in t for c in ("版权", "ICP", "推荐", "上一篇", "下一篇"))):
            roles.append("META")
            continue
        if headings[i] == 1 or (headings[i] and not seen_heading):
            seen_heading = True
            role = next((r for r, cs in _SECTION_CUES if any(c in t for c in cs)), "TASKS")
        if i > n * 0.9 and any(t.startswith(c) for c in ("同志们，", "同志们,", "让我们")):
            role = "CLOSING"
        roles.append(role)
    return roles


def rule_headings(text: str, units: list[tuple[int, int]]) -> list[int]:
    """Depth by a stack of marker families in order of first appearance."""
    stack: list[str] = []
    out = []
    for a, b in units:
        fam = cues.marker_family(text[a:b])
        line_start = a == 0 or "\n" in text[max(0, a - 3):a]
        if fam is None:
            out.append(0)
            continue
        if fam in stack:
            del stack[stack.index(fam) + 1:]
        else:
            stack.append(fam)
        out.append(min(len(stack), 4) if (line_start or fam in ("yishi", "yiyao", "fangmian", "di")) else 0)
    return out


_WORK = ("抓好", "做好", "推进", "完成", "制定", "落实", "建立", "开展", "加快", "实施", "组织", "整改",
         "排查", "召开", "健全", "完善", "加大", "推动", "确保")


def rule_directive(t: str) -> str:
    has_modal = any(w in t for w in cues.MANDATORY + cues.ADVISORY) or t.startswith(_WORK)
    if not has_modal:
        return "NONE"
    if any(w in t for w in cues.PROHIBITION_CUES):
        return "PROHIBITION"
    if cues.NUMBER.search(t) and any(w in t for w in ("确保", "力争", "达到", "增长", "完成", "控制在", "突破", "以上")):
        return "TARGET"
    if any(w in t for w in _WORK):
        return "TASK"
    return "EXHORTATION"


# ----------------------------- entities ------------------------------------
_NUM = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[XＸ×*＊]+|——)"
_QUAL_PRE = r"(?:近|约|超|逾)?"
_QUAL_POST = r"(?:以上|左右|以内|以下)?"
PATTERNS = [
    ("PERCENT", rf"{_QUAL_PRE}{_NUM}(?:[、，,]{_NUM})*(?:%|％|个百分点){_QUAL_POST}|百分之[一二三四五六七八九十点]+"),
    ("MONEY", rf"{_QUAL_PRE}(?:{_NUM}|[一二三四五六七八九十百千]+)(?:万|亿|千)?(?:亿元|万元|元|个亿){_QUAL_POST}|亿元以上"),
    ("DATE", rf"(?:{_NUM}|[一二三四五六七八九十〇零]+)年(?:{_NUM}月)?(?:{_NUM}日)?(?:以来|前|底|初|末)?"
             rf"|{_NUM}月(?:{_NUM}日)?(?:前|底|中旬|上旬|下旬)?|今年(?:以来)?|去年|明年|上半年|下半年|年底|年初"
             rf"|[一二三四]季度|今天|昨天|近年来|“十[一二三四五六]五”(?:时期|期间)?"),
    ("QUANTITY", rf"{_QUAL_PRE}{_NUM}(?:万|千|百)?(?:个|项|家|人|次|件|户|所|名|座|条|公里|千米|平方米|亩|吨|辆|套|批|台|处|栋|间|张|场){_QUAL_POST}"),
    ("PERSON", r"(?:[XＸ×*]{1,3}|[\u4e00-\u9fff]{2,3})(?:同志)|[XＸ×*]{1,3}(?:书记|市长|县长|区长|省长|主任|部长)"),
    ("GPE", r"[XＸ×*]{1,3}(?:省|市|县|区|镇|乡)(?![政委])"),
    ("POLICY", r"“[^”]{1,20}”(?:专项行动|行动|工程|改革|制度|计划|战略|机制|模式|工作|活动|要求)?|《[^》]{1,40}》"),
]
DEPT_SUFFIX = re.compile(r"(?:[XＸ×*]{1,3}|[省市县区])?[\u4e00-\u9fff]{1,10}?"
                         r"(?:局|委员会|委|办公室|办|厅|中心|管委会|领导小组|政府|人大常委会)")


class LexiconNER:
    """Regex and lexicon entity baseline; the lexicon comes from training records."""

    def __init__(self, train_records=()):
        lex: dict[str, Counter] = {}
        for rec in train_records:
            for e in rec.get("entities", []):
                w = rec["text"][e["start"]:e["end"]]
                if len(w) >= 2:
                    lex.setdefault(w, Counter())[e["label"]] += 1
        self.lexicon = {w: c.most_common(1)[0][0] for w, c in lex.items()
                        if c.most_common(1)[0][0] in ("DEPT", "INDICATOR", "GPE", "PERSON", "POLICY")}
        words = sorted(self.lexicon, key=len, reverse=True)
        self.lex_re = re.compile("|".join(map(re.escape, words))) if words else None
        self.patterns = [(lab, re.compile(p)) for lab, p in PATTERNS]

    def __call__(self, text: str) -> list[dict]:
        taken = [False] * len(text)
        ents = []

        def add(a, b, lab):
            if b > a and not any(taken[a:b]):
                ents.append({"start": a, "end": b, "label": lab})
                for k in range(a, b):
                    taken[k] = True
        if self.lex_re:
            for m in self.lex_re.finditer(text):
                add(m.start(), m.end(), self.lexicon[m.group()])
        for lab, pat in self.patterns:
            for m in pat.finditer(text):
                add(m.start(), m.end(), lab)
        for m in DEPT_SUFFIX.finditer(text):
            if not re.search(r"会议|各|有关|相关|全", m.group()):
                add(m.start(), m.end(), "DEPT")
        return sorted(ents, key=lambda e: e["start"])


def baseline_record(text: str, ner: LexiconNER | None = None, rec_id: str = "") -> dict:
    """A full record predicted by the rules only."""
    units = rule_units(text)
    heads = rule_headings(text, units)
    roles = rule_sections(text, units, heads)
    assert all(r in SECTIONS for r in roles)
    sentences = [{"start": a, "end": b, "section": r, "directive": rule_directive(text[a:b]), "heading": h}
                 for (a, b), r, h in zip(units, roles, heads)]
    ents = ner(text) if ner else []
    # entities must stay inside one unit
    ends = [b for _, b in units]
    import bisect
    kept = []
    for e in ents:
        i = bisect.bisect_right(ends, e["start"])
        if i < len(units) and units[i][0] <= e["start"] and e["end"] <= units[i][1]:
            kept.append(e)
    return {"id": rec_id, "text": text, "meta": {"predicted_by": "rules baseline"},
            "sentences": sentences, "entities": kept}
