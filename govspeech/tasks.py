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
from .extensions import doc_text

_MANDATORY = sorted(cues.MANDATORY, key=len, reverse=True)
_ADVISORY = sorted(cues.ADVISORY, key=len, reverse=True)
# Where a demand begins: the owner stands before it.
_DEMAND = re.compile("|".join(
    ("(?<![主重需只想必紧纲摘扼概提])要(?!求|点|素|害|闻)" if w == "要" else re.escape(w))
    for w in sorted(set(cues.MANDATORY + cues.ADVISORY + (
        "牵头", "负责", "抓好", "做好", "抓紧", "加快", "立即", "迅速", "全力", "认真", "切实", "持续", "进一步",
        "开展", "组织", "实行", "建立", "每月", "每季度", "每周")), key=len, reverse=True)))
_LEAD = re.compile(r"^(牵头|负责|为主|为责任单位|为牵头单位|具体负责|抓总|总负责|负总责|配合|协助|担任|任组长|任副组长|挂帅)")
_LEAD_BEFORE = re.compile(r"(由|会同|协同|联合)$")
# who is asked, named after the asking verb: `希望市政府一班人…`, `责成县住建局…`
_ADDRESSEE_BEFORE = re.compile(r"(希望|要求|责成|(?<![提申邀])请)$")
# a unit that opens with an organ deciding, reporting or having done something
# (`省委、省政府确定…`, `市审计局作了交流发言`) does not name who must act
_NOT_ACTOR = re.compile(r"^[^，,；;。：:！？]*?(?:确定|决定|明确|研究|已|将|作了|下达|反馈|转交|承办|经过|印发|出台|同意|"
                        r"通过|提出|召开|审议|批准|部署|强调|指出|要求|由|了)")
# an outline marker before a leading subject: `一是市发改委…`
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[是要、]|第[一二三四五六七八九十]{1,3}[，,、]|"
                     r"[（(][一二三四五六七八九十0-9]{1,3}[）)]|[0-9]{1,2}[.．、]|——)?\s*$")
# what may stand between coordinated owners: "市财政局、市税务局和县区政府"
_COORD = re.compile(r"^(、|，|,|和|及|与|以及|、各|同)$")
_NOT_DEADLINE = {"今天", "昨天", "上周", "去年", "上年", "前年", "近年来", "过去一年", "一年来", "近期"}
_DEADLINE = re.compile(r"(前|底|以前|之前|内|为止|截止|底前)")
# `…三年行动方案`: a date inside a programme's name; `连续两个季度`, `每季度`: a
# span or a frequency, not a time limit (note 32)
_NAME_AFTER = re.compile(r"^(?:行动|计划|方案|规划)")
_DURATION = re.compile(r"^[一二三四五六七八九十两0-9０-９]+年$")
_SPAN_BEFORE = re.compile(r"(?:连续|每|(?<![接临靠])近)$")
# a limit written a few characters after its date: `在9月秋季开学前投入使用`
_LATE_LIMIT = re.compile(r"^[^，,；;：:。！？!?]{0,6}?(?:之前|以前|前)")
_DATE_WORD = re.compile(r"[0-9０-９\u4e00-\u9fff]")     # not masks alone (`***`)
_QUAL_BEFORE = ("不低于", "不少于", "不超过", "不高于", "力争", "突破", "达到", "超过", "控制在", "保持在",
                "提高到", "提升到", "降低到", "降至", "压减到")
_QUAL_AFTER = ("以上", "以内", "以下", "左右", "之内")
_CLAUSE = re.compile(r"[，,；;：:。！？!?]")
_ADVERBS = re.compile(r"(同时|还|也|都|再|更|进一步|切实|一定|务必|首先|其次|特别是|尤其|就|则)")


def has_own_subject(span: Span, unit_ents: list[Span]) -> bool:
    """Whether the unit names who must act before its demand (`银行机构不得…`,
    `各地各部门要…`): such a unit does not take the owner of its paragraph or
    heading (note 21), even when its subject is no entity. A date, an
    adverb or a topic closed by a comma before the demand is no subject."""
    text = doc_text(span.doc)
    a = span.start_char
    m = _DEMAND.search(text, a, span.end_char)
    if m is None:
        return False
    clause = _without_dates_and_adverbs(_CLAUSE.split(text[a:m.start()])[-1], unit_ents)
    return len(re.sub(r"[^\u4e00-\u9fff]", "", clause)) >= 2


def _without_dates_and_adverbs(clause: str, unit_ents: list[Span]) -> str:
    """What stands before a demand once its dates and adverbs are taken out."""
    for e in unit_ents:
        if e.label_ == "DATE":
            clause = clause.replace(e.text, "")
    return _ADVERBS.sub("", clause)


def strength_of(text: str) -> str:
    """`mandatory` if a mandatory modal governs the demand, else `advisory`."""
    first_m = min((text.find(w) for w in _MANDATORY if w in text), default=-1)
    return "mandatory" if first_m >= 0 else "advisory"


def ents_by_unit(doc: Doc, units: list[Span]) -> list[list[Span]]:
    """The entities inside each unit, in one pass over ``doc.ents``.

    ``span.ents`` rebuilds the whole document's entity list on every call,
    which made task records quadratic in the length of a speech."""
    ents = list(doc.ents)
    out: list[list[Span]] = []
    k = 0
    for u in units:
        while k < len(ents) and ents[k].start < u.start:
            k += 1
        j = k
        while j < len(ents) and ents[j].end <= u.end:
            j += 1
        out.append(ents[k:j])
        k = j
    return out


def _owners_in(span: Span, unit_ents: list[Span], role: str) -> list[dict]:
    """Owner entities of one unit: the subject of the demand (with the
    entities coordinated with it), or named as lead or partner."""
    text = doc_text(span.doc)
    a, b = span.start_char, span.end_char
    ents = [e for e in unit_ents if e.label_ in OWNER_LABELS]
    # groups of coordinated entities: 县发改局、县住建局和县环保局
    groups: list[list] = []
    for ent in ents:
        if groups and _COORD.match(text[groups[-1][-1].end_char:ent.start_char]):
            groups[-1].append(ent)
        else:
            groups.append([ent])
    out = []
    for group in groups:
        last, first = group[-1], group[0]
        after = text[last.end_char:b]
        before = text[a:first.start_char]
        m = _DEMAND.search(after)
        subject = (m is not None and m.start() <= 6 and not _CLAUSE.search(after[:m.start()])
                   and "的" not in after[:m.start()]
                   and not before.rstrip().endswith(("在", "向", "对", "按照", "与", "和", "把", "将", "经")))
        clause_before = _CLAUSE.split(before)[-1]
        if subject and first.label_ == "GPE":
            # a place is an owner only as the clause's subject, not as the
            # object of a verb before it (`瞄准长三角、珠三角开展…`)
            subject = _bare(clause_before, unit_ents)
        # a unit that opens with its owners, whatever follows (`一是市发改委、
        # 市统计局以及工业口部门，本周重点任务是…`), or names them as addressed
        subject = subject or bool(_ADDRESSEE_BEFORE.search(clause_before)) or (
            first.label_ in ("DEPT", "PERSON") and _MARKER.match(before) is not None
            and "的" not in _CLAUSE.split(after)[0][:4] and not after.startswith(("和", "与", "对", "在"))
            and not _NOT_ACTOR.match(after))
        lead = bool(_LEAD.match(after.lstrip("、，, "))) or bool(_LEAD_BEFORE.search(before))
        for ent in group:
            ent_lead = lead or bool(_LEAD_BEFORE.search(text[a:ent.start_char]))
            if subject or ent_lead:
                out.append({"text": ent.text, "label": ent.label_, "start": ent.start_char, "end": ent.end_char,
                            "role": "lead" if ent_lead else role})
    return out


def _bare(clause: str, unit_ents: list[Span]) -> bool:
    """Whether only dates, adverbs and an outline marker stand in `clause`."""
    clause = _without_dates_and_adverbs(clause, unit_ents)
    return _MARKER.match(clause) is not None or not re.search(r"[\u4e00-\u9fff]", clause)


def _targets(span: Span, ents: list[Span]) -> list[dict]:
    text = doc_text(span.doc)
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


def _deadline(span: Span, ents: list[Span]) -> dict | None:
    """The date by which, or within which, the demand is to be done (note
    32): one with 前/底/内 first; else the first in or after the clause of the
    demand (`把今年作为项目年，各部门要…确保全年…`: 全年); else the first date
    that is not a past reference, a span, a frequency or part of a name."""
    text = doc_text(span.doc)
    dates = [e for e in ents if e.label_ == "DATE" and e.text not in _NOT_DEADLINE
             and not e.text.endswith("以来") and not text[e.end_char:e.end_char + 2].startswith("以来")
             and not (_DURATION.match(e.text) and _NAME_AFTER.match(text[e.end_char:e.end_char + 2]))
             and not _SPAN_BEFORE.search(text[max(0, e.start_char - 2):e.start_char])
             and _DATE_WORD.search(e.text)]
    if not dates:
        return None
    marked = [e for e in dates if _DEADLINE.search(e.text[-2:]) or _DEADLINE.match(text[e.end_char:e.end_char + 2])]
    if not marked:
        starts = [e.start_char for e in dates]
        marked = [e for e in dates if (lim := _LATE_LIMIT.match(text[e.end_char:e.end_char + 10]))
                  and not any(e.end_char <= a < e.end_char + lim.end() for a in starts)]
    m = _DEMAND.search(text, span.start_char, span.end_char)
    clause_start = span.start_char
    if m is not None:
        cuts = [span.start_char] + [k.end() for k in _CLAUSE.finditer(text, span.start_char, m.start())]
        clause_start = cuts[-1]
        # a date standing as the topic of the demand's clause (`下半年，全县…要…`)
        if len(cuts) > 1 and any(re.fullmatch(r"(?:在|到|从)?" + re.escape(e.text) + r"[，,]",
                                              text[cuts[-2]:cuts[-1]]) for e in dates):
            clause_start = cuts[-2]
    in_demand = [e for e in dates if e.start_char >= clause_start]
    best = (marked or in_demand or dates)[0]
    return {"text": best.text, "start": best.start_char, "end": best.end_char}


def doc_tasks(doc: Doc) -> list[dict]:
    """One task record per directive unit (``doc._.tasks``)."""
    units = unit_spans(doc)
    paths = heading_paths(units)
    text = doc_text(doc)
    ents = ents_by_unit(doc, units)
    index = {u.start: i for i, u in enumerate(units)}
    tasks = []
    para_first: Span | None = None
    for i, u in enumerate(units):
        if i == 0 or "\n" in text[units[i - 1].end_char:u.start_char]:
            para_first = u
        kind = u._.directive
        if not kind or kind == "NONE":
            continue
        owners = _owners_in(u, ents[i], "subject")
        inherit = not owners and not has_own_subject(u, ents[i])
        if inherit and para_first is not None and para_first is not u:
            owners = [dict(o, role="paragraph") for o in _owners_in(para_first, ents[index[para_first.start]], "subject")]
        if inherit and not owners:
            for h in reversed(paths[i]):
                if h is not u:
                    owners = [dict(o, role="heading") for o in _owners_in(h, ents[index[h.start]], "subject")]
                    if owners:
                        break
        a, b = unit_bounds(u)
        tasks.append({
            "no": len(tasks) + 1, "kind": kind,
            "strength": u._.strength or strength_of(u.text),
            "text": text[a:b], "start": a, "end": b,
            "owners": owners, "targets": _targets(u, ents[i]), "deadline": _deadline(u, ents[i]),
            "policies": [e.text for e in ents[i] if e.label_ == "POLICY"],
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
