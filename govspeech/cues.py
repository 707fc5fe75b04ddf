"""Surface cues of the genre: outline markers, terminators, modal words.

Shared by the learned components (as features), the rules baselines and the
strength rules, so that a cue is defined once.
"""
from __future__ import annotations

import re

TERMINATORS = set("。！？；!?;")
CLOSERS = set("”’」』）)》\"'")

CN_NUM = "一二三四五六七八九十"
# Outline marker families, tried in order; the name is the family key.
MARKER_FAMILIES: list[tuple[str, re.Pattern]] = [
    ("cn_dun", re.compile(rf"^[{CN_NUM}]{{1,3}}[、.．]")),               # 一、
    ("cn_paren", re.compile(rf"^[（(][{CN_NUM}]{{1,3}}[）)]")),          # （一）
    ("num_paren", re.compile(r"^[（(][0-9０-９]{1,2}[）)]")),            # （1）
    ("num_circ", re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩]")),                          # ①
    ("num_dot", re.compile(r"^[0-9０-９]{1,2}[.．、](?![0-9０-９])")),      # 1.
    ("di", re.compile(rf"^第[{CN_NUM}]{{1,3}}[，,、：:是]")),              # 第一，
    ("shouxian", re.compile(r"^(首先|其次|再次|最后|此外)[，,：:]")),       # 首先，
    ("yishi", re.compile(rf"^[{CN_NUM}]是")),                            # 一是
    ("yiyao", re.compile(rf"^[{CN_NUM}]要")),                            # 一要
    ("fangmian", re.compile(r"^(一方面|另一方面)")),                     # 一方面
    ("dash", re.compile(r"^——")),                                        # ——
]
MARKER_KEYS = [name for name, _ in MARKER_FAMILIES]
# A marker right after a colon inside a unit opens an outline item too.
AFTER_COLON = re.compile(r"[：:]\s*(?=(" + "|".join(
    p.pattern.lstrip("^") for _, p in MARKER_FAMILIES if _ in ("yishi", "yiyao", "di", "cn_dun", "num_dot", "fangmian")) + "))")


def marker_family(text: str) -> str | None:
    """The outline marker family a unit opens with, or None."""
    t = text.lstrip()
    for name, pat in MARKER_FAMILIES:
        if pat.match(t):
            return name
    m = AFTER_COLON.search(t)
    if m:
        return marker_family(t[m.end():])
    return None


# Modal words that make a directive mandatory or advisory (span._.strength).
MANDATORY = ("必须", "务必", "确保", "坚决", "一定要", "严禁", "决不", "绝不", "不得",
             "禁止", "不准", "不允许", "一律", "限期", "坚定不移", "毫不动摇")
ADVISORY = ("要", "应", "应当", "力争", "鼓励", "争取", "努力", "积极", "尽快", "逐步",
            "推动", "支持", "引导", "可以", "宜")
PROHIBITION_CUES = ("严禁", "不得", "禁止", "不准", "决不", "绝不", "坚决不", "不允许", "杜绝", "不能", "不搞")
DIRECTIVE_CUES = ("要", "必须", "确保", "务必", "力争", "争取", "抓好", "做好", "推进", "加快",
                  "落实", "完成", "加强", "强化", "坚持", "提高", "树立", "增强")
# A chapter heading that names a review of results (`一、2025年工作回顾`,
# `一、肯定成绩，正视问题…`, `一、2024年全县农业农村工作取得新成效`), and one
# that also announces the plan (`一、总结过去一年工作，部署今年任务`), which
# is no review chapter alone.
REVIEW_CHAPTER = re.compile(r"工作回顾|简要回顾|工作总结|发展成就|(?:肯定|看待|正视)[^，。；,;]{0,8}(?:成绩|成效)"
                            r"|(?:取得|工作)[^，。；,;]{0,8}成效|成效明显|过去一年|去年[^，。；,;]{0,12}(?:成效|成绩)")
PLAN_CHAPTER = re.compile(r"安排|部署|打算|重点工作|工作任务|主要任务|目标任务")
REVIEW_CUES = ("一年来", "过去一年", "去年", "取得", "成效", "完成了", "实现了", "增长", "下降")
PROBLEM_CUES = ("不足", "差距", "问题", "不平衡", "不到位", "薄弱", "短板", "困难", "滞后", "不够")
SITUATION_CUES = ("形势", "充分认识", "重大意义", "机遇", "挑战", "面临", "当前")
SAFEGUARD_CUES = ("责任", "纪律", "作风", "督查", "考核", "问责", "廉洁", "两个确立", "两个维护", "组织领导")
CURRENT_CUES = ("当前工作", "近期", "春耕", "防火", "防汛", "节日", "春节", "信访", "安全生产")
OPENING_CUES = ("同志们：", "同志们:", "今天召开", "这次会议", "刚才", "下面，我", "下面,我", "各位代表")
CLOSING_CUES = ("让我们", "会议就开到这里", "同志们，", "同志们,")
META_CUES = ("当前位置", "来源", "版权所有", "推荐访问", "发布时间", "首页", "ICP", "打印", "关闭", "字号", "分享")
# What a web page appends after a speech's close: an editor's glossary or
# notes, credits, links. From such a line on the text is no speech (META).
APPENDIX = re.compile(r"^\s*(?:名词解释|名词注释|注释[:：]?\s*$|附[:：]|附件[:：]?|相关链接|相关附件|相关文档|责任编辑|扫一扫)")
NUMBER = re.compile(r"[0-9０-９XＸ×*＊]+|百分之|[一二三四五六七八九十百千万亿]+(?:个|万|亿|元|项|家|%|％)")

# A stated result that makes a directive a TARGET whatever else it asks
# (ANNOTATION.md section 4: TARGET comes first): a time limit given as a
# duration (`一个工作周办结`, `3个工作日内答复`) or a rank (`确保全省不垫底`,
# `进入全省前五`). In a report (`10天内完成了…`) the unit stays NONE.
STATED_LIMIT = re.compile(r"[0-9０-９XＸ一二三四五六七八九十两]+个?(?:工作日|工作周|个月|日|天|小时|分钟|周)"
                          r"(?:之内|以内|内)?(?:要|必须|全部)?(?:办结|办完|到位|完成|答复|反馈|处置)")
STATED_RANK = re.compile(r"不垫底|(?:进入|保持|位居|跻身)[^，。；]{0,12}前[0-9０-９XＸ一二三四五六七八九十]+|第一方阵|不落后")
# An explicit ban on an action (ANNOTATION.md section 4, PROHIBITION comes
# before TASK and EXHORTATION): `严禁`, `禁止`, `不准`, `决不允许`; not the
# idioms `令行禁止`, `没有明令禁止`, `准不准`, and not inside a quotation
# (`“法无禁止即可为”`). `不得`, `一律不` often only bound a positive demand
# (`清单之外一律不得收费`: TASK, note 25) and are left to the model.
EXPLICIT_BAN = re.compile(r"严禁|(?<!令行)(?<!明令)禁止|(?<!准)不准(?!不)|决不允许|绝不允许")
QUOTED = re.compile(r"“[^”]*”")
# A word that negates or bans: every PROHIBITION unit of the corpus has one
# (680 of 680), so a unit without one rules nothing out.
NEGATION = re.compile(r"[不禁绝止勿莫免拒戒杜别休]|没有|无|反对|摒弃|遏制|防止|严防|少")
# A unit that opens with an action verb (after an item marker: `（三）`, `一是`,
# `——`) and states no judgement (no `是` in its first clause or after a comma:
# not `扩大有效投资，既是…`): in the plan of a speech (sections TASKS,
# SAFEGUARDS, CURRENT) such a unit is a demand, however bare
# (`加快数字经济高质量发展。`); 1 of 723 such units of the training split is
# NONE. Verbs that also open arguments as nouns (`发展是硬道理`, `实现上述目标，
# 要…`) are left out; `优化` is left out because 3 of its 5 plan units in the
# training split are NONE.
ACTION_OPENING = re.compile(
    r"^(?![^。；;]*[，,](?:这|既|也|就|都|正|更)?是)"
    r"(?:加快|推进|强化|提升|深化|完善|实施|加强|扩大|健全|培育|打造|促进|推动|落实|构建|"
    r"做好|抓好|持续|全面|大力|着力|积极|深入|统筹|坚决|稳步|有序|切实|扎实|进一步|支持|开展|启动|"
    r"建成|新建|改造|拓展|繁荣|提高|巩固|筑牢|守住|保障|维护|力争|加大|创设|办好|建立|实行|推行|用好|严格)"
    r"[^，,；;。是]*(?:[，,；;。]|$)")
ITEM_MARKERS = ("cn_paren", "num_paren", "yishi", "dash")


def action_opening(text: str) -> bool:
    """Whether a unit, after an item marker, matches ACTION_OPENING."""
    t = text.strip()
    for name, pat in MARKER_FAMILIES:
        m = pat.match(t) if name in ITEM_MARKERS else None
        if m:
            t = t[m.end():]
            break
    return ACTION_OPENING.match(t) is not None
