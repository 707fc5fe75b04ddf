"""Sentence-unit rules (ANNOTATION.md section 1) and the rules baseline."""
import pytest

from govspeech.baselines import rule_units
from govspeech.units import FORCE_INSIDE, FORCE_START, rule_boundaries


def starts(nlp, text):
    doc = nlp.make_doc(text)
    marks = rule_boundaries(doc)
    return [t.text for t in doc if marks[t.i] == FORCE_START], doc, marks


@pytest.mark.parametrize("text, expected", [
    ("今天开会。明天干活！", ["今天", "明天"]),
    ("他说：“要干。”然后走了。", ["他", "然后"]),          # closing quote stays in the unit
    ("具体来说，有以下方面：一是增长乏力。", ["具体"]),       # a colon does not end a unit
    ("经济……还要努力。", ["经济"]),                         # nor does an ellipsis
    ("第一行\n第二行", ["第一", "第二"]),                     # every line break does
    ("甲;乙?丙", ["甲", "乙", "丙"]),                          # half-width terminators
])
def test_rule_starts(nlp_blank, text, expected):
    got, _, _ = starts(nlp_blank, text)
    assert [g[:len(e)] for g, e in zip(got, expected)] == expected and len(got) == len(expected)


def test_whitespace_never_starts_a_unit(nlp_blank):
    _, doc, marks = starts(nlp_blank, "同志们：\n\u3000\u3000今天开会。")
    for t in doc:
        if t.is_space:
            assert marks[t.i] == FORCE_INSIDE


def test_baseline_cuts_glued_heading():
    text = "下面讲三点意见。一、坚定信心稳住经济大盘今年以来全市经济稳中有进。"
    units = [text[a:b] for a, b in rule_units(text)]
    assert units == ["下面讲三点意见。", "一、坚定信心稳住经济大盘", "今年以来全市经济稳中有进。"]


def test_the_contracts_order_settles_targets_and_explicit_bans(nlp_blank):
    import numpy
    from govspeech.docs import unit_spans
    from govspeech.unit_classifier import LABELS, directive_kinds
    texts = ["项目备案审查，一个工作周办结。", "确保全省不垫底。", "要抓好春耕。", "区卫健委在10天内完成了改造。",
             "要严格预算约束，严禁新建楼堂馆所。", "大家要做到令行禁止。", "清单之外一律不得收费。"]
    doc = nlp_blank.make_doc("".join(texts))
    starts, pos = set(), 0
    for t in texts:
        starts.add(pos)
        pos += len(t)
    for k, tok in enumerate(doc):
        tok.is_sent_start = k == 0 or tok.idx in starts
    labels = LABELS["directive"]
    model_says = ["TASK", "EXHORTATION", "TASK", "NONE", "EXHORTATION", "EXHORTATION", "TASK"]
    probs = numpy.full((len(texts), len(labels)), 0.05, dtype="float32")
    for i, lab in enumerate(model_says):
        probs[i, labels.index(lab)] = 0.8
    got = [labels[k] for k in directive_kinds(unit_spans(doc), probs)]
    # a report stays NONE; an explicit ban is a PROHIBITION, an idiom or a
    # bounding 一律不得 is left to the model
    assert got == ["TARGET", "TARGET", "TASK", "NONE", "PROHIBITION", "EXHORTATION", "TASK"]


def test_the_section_bounds_a_directive(nlp_blank):
    import numpy
    from govspeech.docs import unit_spans
    from govspeech.unit_classifier import LABELS, directive_kinds
    # (text, section, what the model says, what is decided)
    rows = [("我们坚持项目为王，推进重点项目建设。", "REVIEW", "TASK", "NONE"),          # a review worded as action
            ("坚持稳中求进，保持定力。", "REVIEW", "EXHORTATION", "EXHORTATION"),
            ("加快数字经济高质量发展。", "TASKS", "NONE", "TASK"),                    # a bare plan item
            ("（三）做好金融工作。", "SAFEGUARDS", "NONE", "TASK"),
            ("加大财政资金统筹力度。", "TASKS", "NONE", "TASK"),
            ("建立重点项目周调度制度。", "CURRENT", "NONE", "TASK"),
            ("扩大有效投资，是稳增长的需要。", "TASKS", "NONE", "NONE"),              # an argument, not a demand
            ("发展是硬道理。", "TASKS", "NONE", "NONE"),
            ("加快数字经济高质量发展。", "SITUATION", "NONE", "NONE"),              # outside the plan
            ("加快推进项目，严禁新建楼堂馆所。", "TASKS", "NONE", "PROHIBITION"),    # then the contract's order
            ("办好中华文化系列活动。", "TASKS", "PROHIBITION", "TASK"),            # nothing ruled out
            ("决不搞形象工程。", "TASKS", "PROHIBITION", "PROHIBITION")]
    texts = [r[0] for r in rows]
    doc = _one_unit_per_line(nlp_blank, texts)
    units = unit_spans(doc)
    assert len(units) == len(rows)
    labels = LABELS["directive"]
    probs = numpy.full((len(rows), len(labels)), 0.05, dtype="float32")
    for i, (_, section, says, _) in enumerate(rows):
        units[i]._.section = section
        probs[i, labels.index(says)] = 0.8
        if says == "PROHIBITION":                            # the model's next label
            probs[i, labels.index("TASK")] = 0.1
        if says == "TASK":                                   # NONE above EXHORTATION: NONE wins in REVIEW
            probs[i, labels.index("EXHORTATION")] = 0.1
            probs[i, labels.index("NONE")] = 0.15
    got = [labels[k] for k in directive_kinds(units, probs)]
    assert got == [r[3] for r in rows]


def _one_unit_per_line(nlp, lines: list[str]):
    """A doc of `lines` joined by line breaks, each line one sentence unit."""
    doc = nlp.make_doc("\n".join(lines))
    starts, pos = set(), 0
    for t in lines:
        starts.add(pos)
        pos += len(t) + 1
    for k, tok in enumerate(doc):
        tok.is_sent_start = k == 0 or (tok.idx in starts and not tok.is_space)
    return doc


def test_an_appendix_after_the_speech_is_page_matter(nlp_blank):
    import numpy
    from govspeech.docs import unit_spans
    from govspeech.unit_classifier import LABELS, passage_roles
    lines = ["同志们：", "要抓好春耕。", "要做好防火。", "让我们共同努力！", "名词解释", "1.“两新”：是指设备更新。"]
    doc = _one_unit_per_line(nlp_blank, lines)
    labels = LABELS["section"]
    probs = numpy.full((len(lines), len(labels)), 0.01, dtype="float32")
    for i, lab in enumerate(["OPENING", "TASKS", "TASKS", "CLOSING", "TASKS", "TASKS"]):
        probs[i, labels.index(lab)] = 0.9
    got = [labels[k] for k in passage_roles(doc, unit_spans(doc), probs)]
    assert got == ["OPENING", "TASKS", "TASKS", "CLOSING", "META", "META"]


def test_section_order_decoding_smooths_a_lone_flip_and_is_off_at_weight_zero(nlp_blank):
    import numpy
    from govspeech.docs import unit_spans
    from govspeech.unit_classifier import LABELS, passage_roles, section_transitions
    lines = ["同志们：", "一年来成绩显著。", "要抓好春耕。", "要做好防火。", "要守牢安全底线。", "让我们共同努力！"]
    doc = _one_unit_per_line(nlp_blank, lines)
    labels = LABELS["section"]
    probs = numpy.full((len(lines), len(labels)), 0.01, dtype="float32")
    read = ["OPENING", "REVIEW", "TASKS", "REVIEW", "TASKS", "CLOSING"]
    for i, lab in enumerate(read):
        probs[i, labels.index(lab)] = 0.5
    probs[3, labels.index("TASKS")] = 0.4              # a close second
    order = [["OPENING", "REVIEW", "REVIEW", "TASKS", "TASKS", "TASKS", "CLOSING"]] * 20
    trans = numpy.array(section_transitions(order))
    assert trans.shape == (len(labels) + 1, len(labels))
    assert numpy.allclose(numpy.exp(trans).sum(axis=1), 1.0, atol=1e-3)
    units = unit_spans(doc)
    assert [labels[k] for k in passage_roles(doc, units, probs, transitions=trans, weight=0.0)] == read
    got = [labels[k] for k in passage_roles(doc, units, probs, transitions=trans, weight=1.0)]
    assert got == ["OPENING", "REVIEW", "TASKS", "TASKS", "TASKS", "CLOSING"]


def test_a_chapter_headed_as_a_review_keeps_the_review_roles(nlp_blank):
    import numpy
    from govspeech.docs import unit_spans
    from govspeech.unit_classifier import LABELS, passage_roles
    lines = ["一、2025年工作回顾", "开展园区招商攻坚行动，新建标准厂房40万平方米。", "同时，我们也清醒地看到，发展不平衡。",
             "二、2026年重点工作", "加快发展数字经济。"]

    def headed(lines):
        doc = _one_unit_per_line(nlp_blank, lines)
        units = unit_spans(doc)
        for u, depth in zip(units, [1, 0, 0, 1, 0]):
            u._.heading = depth
        return doc, units
    doc, units = headed(lines)
    labels = LABELS["section"]
    probs = numpy.full((len(lines), len(labels)), 0.01, dtype="float32")
    for i, (first, second) in enumerate([("REVIEW", "TASKS"), ("TASKS", "REVIEW"), ("PROBLEMS", "TASKS"),
                                         ("TASKS", "REVIEW"), ("TASKS", "REVIEW")]):
        probs[i, labels.index(first)], probs[i, labels.index(second)] = 0.6, 0.3
    plain = [labels[k] for k in passage_roles(doc, units, probs)]
    assert plain == ["REVIEW", "TASKS", "PROBLEMS", "TASKS", "TASKS"]
    bound = [labels[k] for k in passage_roles(doc, units, probs, review_chapters=True)]
    assert bound == ["REVIEW", "REVIEW", "PROBLEMS", "TASKS", "TASKS"]
    # a heading that also announces the plan opens no review chapter
    lines[0] = "一、2025年工作回顾和2026年工作安排"
    doc, units = headed(lines)
    assert [labels[k] for k in passage_roles(doc, units, probs, review_chapters=True)] == plain
