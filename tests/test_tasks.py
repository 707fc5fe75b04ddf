"""Task records from directive units: strength, owners, targets, deadline."""
import pytest

from govspeech.docs import unit_spans
from govspeech.tasks import TaskDeriver, strength_of


def make_doc(nlp, units, ents):
    """units: (text, sep, section, directive, heading); ents: (substring, label, occurrence)."""
    text = ""
    bounds = []
    for i, (t, sep, *_rest) in enumerate(units):
        if i:
            text += sep
        bounds.append((len(text), len(text) + len(t)))
        text += t
    doc = nlp.make_doc(text)
    starts = {a for a, _ in bounds}
    for k, tok in enumerate(doc):
        tok.is_sent_start = k == 0 or (tok.idx in starts and not tok.is_space)
    spans = []
    for sub, label in ents:
        a = text.index(sub)
        spans.append(doc.char_span(a, a + len(sub), label=label, alignment_mode="expand"))
    doc.ents = spans
    for u, (_, _, sec, dire, head) in zip(unit_spans(doc), units):
        u._.section, u._.directive, u._.heading = sec, dire, head
    return TaskDeriver()(doc)


@pytest.mark.parametrize("text, strength", [
    ("必须完成任务。", "mandatory"), ("确保增长8%。", "mandatory"), ("严禁新建楼堂馆所。", "mandatory"),
    ("要抓好春耕。", "advisory"), ("力争突破100亿元。", "advisory"), ("鼓励企业上市。", "advisory"),
])
def test_strength(text, strength):
    assert strength_of(text) == strength


def test_owner_target_deadline(nlp_blank):
    doc = make_doc(nlp_blank, [
        ("一、扩大有效投资", "\n", "TASKS", "TASK", 1),
        ("市发改委要牵头，确保全年固定资产投资增长8%以上。", "\n", "TASKS", "TARGET", 0),
        ("在市委的领导下，6月底前完成整改。", "", "TASKS", "TASK", 0),
        ("去年全市地区生产总值增长6.5%。", "\n", "REVIEW", "NONE", 0),
        ("由常务副市长张明负责，市财政局配合。", "\n", "TASKS", "TASK", 0),
    ], [("市发改委", "DEPT"), ("全年", "DATE"), ("固定资产投资", "INDICATOR"), ("8%以上", "PERCENT"),
        ("市委", "DEPT"), ("6月底前", "DATE"), ("去年", "DATE"), ("地区生产总值", "INDICATOR"),
        ("6.5%", "PERCENT"), ("常务副市长张明", "PERSON"), ("市财政局", "DEPT")])
    tasks = doc._.tasks
    assert [t["kind"] for t in tasks] == ["TASK", "TARGET", "TASK", "TASK"]   # the NONE unit gives no task
    t1 = tasks[1]
    assert [o["text"] for o in t1["owners"]] == ["市发改委"] and t1["strength"] == "mandatory"
    assert t1["targets"] == [{"indicator": "固定资产投资", "value": "8%以上", "value_label": "PERCENT",
                              "qualifier": "以上"}]
    assert t1["heading_path"] == ["一、扩大有效投资"] and t1["section"] == "TASKS"
    t2 = tasks[2]
    # 市委 is not the subject ("在市委的领导下"); the paragraph's first unit names the owner
    assert [(o["text"], o["role"]) for o in t2["owners"]] == [("市发改委", "paragraph")]
    assert t2["deadline"]["text"] == "6月底前"
    t3 = tasks[3]
    assert {(o["text"], o["role"]) for o in t3["owners"]} == {("常务副市长张明", "lead"), ("市财政局", "lead")}
    assert all(doc.text[t["start"]:t["end"]] == t["text"] for t in tasks)


def test_outline_nests_headings(nlp_blank):
    doc = make_doc(nlp_blank, [
        ("一、稳增长", "\n", "TASKS", "TASK", 1), ("（一）抓项目", "\n", "TASKS", "TASK", 2),
        ("要抓好项目。", "\n", "TASKS", "TASK", 0), ("（二）促消费", "\n", "TASKS", "TASK", 2),
        ("二、强保障", "\n", "SAFEGUARDS", "EXHORTATION", 1)], [])
    outline = doc._.outline
    assert [(h["depth"], h["text"]) for h in outline] == [(1, "一、稳增长"), (1, "二、强保障")]
    assert [h["text"] for h in outline[0]["children"]] == ["（一）抓项目", "（二）促消费"]
    assert outline[1]["section"] == "SAFEGUARDS"


def test_entities_grouped_by_unit_match_span_ents(nlp_blank):
    """The one-pass grouping gives each unit exactly its own entities, also
    where an entity crosses a unit boundary (it belongs to neither)."""
    from govspeech.tasks import ents_by_unit
    doc = make_doc(nlp_blank, [
        ("市财政局要在6月底前拨付资金2亿元。", "", "TASKS", "TASK", 0),
        ("县政府负责。", "", "TASKS", "TASK", 0),
        ("各乡镇要配合市水利局。", "", "TASKS", "TASK", 0),
    ], [("市财政局", "DEPT"), ("6月底前", "DATE"), ("2亿元", "MONEY"), ("负责。各乡镇", "GPE"), ("市水利局", "DEPT")])
    units = unit_spans(doc)
    grouped = ents_by_unit(doc, units)
    assert [[e.text for e in g] for g in grouped] == [[e.text for e in u.ents] for u in units]
    assert [len(g) for g in grouped] == [3, 0, 1]


def test_a_unit_with_its_own_subject_does_not_take_the_paragraphs_owner(nlp_blank):
    doc = make_doc(nlp_blank, [
        ("由副省长陈明牵头建立政银企对接机制。", "\n", "TASKS", "TASK", 0),
        ("银行机构不得抽贷断贷。", "", "TASKS", "PROHIBITION", 0),
        ("今年要完成对接100次。", "", "TASKS", "TARGET", 0),
    ], [("副省长陈明", "PERSON"), ("今年", "DATE"), ("100次", "QUANTITY")])
    tasks = doc._.tasks
    assert [o["text"] for o in tasks[0]["owners"]] == ["副省长陈明"]
    assert tasks[1]["owners"] == []                          # banks are its subject, no entity
    # a date before the demand is no subject: the paragraph's owner carries over
    assert [(o["text"], o["role"]) for o in tasks[2]["owners"]] == [("副省长陈明", "paragraph")]


def _owners(task):
    return [o["text"] for o in task["owners"]]


@pytest.mark.parametrize("text, ents, owners", [
    ("二是市商务局和市市场监管局，本月的重点是保供稳价。",          # a unit that opens with its owners
     [("市商务局", "DEPT"), ("市市场监管局", "DEPT"), ("本月", "DATE")], ["市商务局", "市市场监管局"]),
    ("省委、省政府确定，今年全省进出口增长8%以上。",                # who decided is not who must act
     [("省委", "DEPT"), ("省政府", "DEPT"), ("今年", "DATE"), ("8%以上", "PERCENT")], []),
    ("请市文明办修改完善后，提请市委常委会审议。",                  # 请 names the owner, 提请 does not
     [("市文明办", "DEPT"), ("市委常委会", "DEPT")], ["市文明办"]),
    ("市投资促进局要瞄准长三角开展产业链招商。",                    # a place as object is no owner
     [("市投资促进局", "DEPT"), ("长三角", "GPE")], ["市投资促进局"]),
    ("希望市政府班子带头抓落实。", [("市政府班子", "DEPT")], ["市政府班子"]),
])
def test_owners_named_first_addressed_or_deciding(nlp_blank, text, ents, owners):
    doc = make_doc(nlp_blank, [(text, "", "TASKS", "TASK", 0)], ents)
    assert _owners(doc._.tasks[0]) == owners


@pytest.mark.parametrize("text, ents, deadline", [
    ("要深入推进消防安全治本攻坚三年行动。", ["三年"], None),              # inside a programme's name
    ("对连续两个季度排名末位的，由市政府约谈主要负责同志。", ["两个季度"], None),   # a span, not a limit
    ("按照全年增长6%的目标，下半年全区至少要增长6.3%。", ["全年", "下半年"], "下半年"),
    ("下半年，全县重点项目要完成投资20亿元，确保全年完成年度计划。", ["下半年", "全年"], "下半年"),
    ("今年新建学校3所，确保在9月新学期开学前投入使用。", ["今年", "9月"], "9月"),
])
def test_deadline_of_the_demand_not_a_span_or_a_name(nlp_blank, text, ents, deadline):
    doc = make_doc(nlp_blank, [(text, "", "TASKS", "TARGET", 0)], [(e, "DATE") for e in ents])
    task = doc._.tasks[0]
    assert (task["deadline"]["text"] if task["deadline"] else None) == deadline
