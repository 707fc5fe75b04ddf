"""The rules that complete the learned components: POLICY and DEPT
completion after `ner`, one depth per enumeration in the outline."""
import numpy
import pytest

from govspeech.entity_rules import EntityRules
from govspeech.outline import consistent_depths, enumeration_runs


def ents_of(nlp, text, spans):
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=lab, alignment_mode="expand")
                for s, lab in spans]
    return doc


def test_policy_completed_and_added(nlp_blank):
    text = "要深入推进“放管服”改革，落实《优化营商环境条例》，坚定“四个意识”，不搞“一刀切”。"
    doc = ents_of(nlp_blank, text, [("“放管服”", "POLICY")])
    out = {(e.text, e.label_) for e in EntityRules()(doc).ents}
    assert ("“放管服”改革", "POLICY") in out                  # head noun after the marks
    assert ("《优化营商环境条例》", "POLICY") in out
    assert ("“四个意识”", "POLICY") in out                    # numbered formula
    assert not any("一刀切" in t for t, _ in out)             # a quoted word naming nothing


def test_rules_never_remove_model_entities(nlp_blank):
    text = "市发改委要牵头抓好“三个一批”项目。"
    doc = ents_of(nlp_blank, text, [("市发改委", "DEPT")])
    out = EntityRules()(doc)
    assert ("市发改委", "DEPT") in {(e.text, e.label_) for e in out.ents}


def test_value_shapes_join_pieces_and_fix_labels(nlp_blank):
    text = "分别低于全省XX个、XX个、XX个百分点，确定7%的增速，其中工业项目X个亿，近XX亿元，增长——%。"
    doc = ents_of(nlp_blank, text, [("XX个、", "QUANTITY"), ("7%", "GPE"),
                                    ("近XX亿元", "MONEY")])
    out = [(e.text, e.label_) for e in EntityRules()(doc).ents]
    assert ("XX个、XX个、XX个百分点", "PERCENT") in out       # a list sharing one unit: one span
    assert ("7%", "PERCENT") in out and ("X个亿", "MONEY") in out
    assert ("近XX亿元", "MONEY") in out                        # a model span the match only overlaps stays
    assert ("——%", "PERCENT") in out
    assert not any(lab == "QUANTITY" for _, lab in out)
    off = EntityRules(value_shapes=False)(ents_of(nlp_blank, text, [("7%", "GPE")]))
    assert [(e.text, e.label_) for e in off.ents] == [("7%", "GPE")]


def test_indicator_frames_and_attached_modifiers(nlp_blank):
    text = "确保空气优良天数达到83%，新建学校3所，全市增长5%，规上工业总产值下降2%。"
    doc = ents_of(nlp_blank, text, [("83%", "PERCENT"), ("3所", "QUANTITY"), ("5%", "PERCENT"),
                                    ("工业总产值", "INDICATOR"), ("2%", "PERCENT")])
    out = [(e.text, e.label_) for e in EntityRules()(doc).ents]
    assert ("空气优良天数", "INDICATOR") in out                # name + predicate + value, lead verb dropped
    assert ("规上工业总产值", "INDICATOR") in out              # attached modifier taken in
    assert not any(t in ("新建学校", "全市") for t, _ in out)  # no predicate / no indicator head
    off = EntityRules(indicator_frames=False)(ents_of(nlp_blank, text, [("83%", "PERCENT")]))
    assert not any(e.label_ == "INDICATOR" for e in off.ents)


def test_relative_dates_fill_gaps_only(nlp_blank):
    text = "党的十八大以来，我们在新的一年里当年签约、当年投产，今年一季度召开“首季开门红”推进会议。"
    doc = ents_of(nlp_blank, text, [("今年一季度", "DATE")])
    out = [(e.text, e.label_) for e in EntityRules()(doc).ents]
    assert ("党的十八大以来", "DATE") in out and ("新的一年", "DATE") in out
    assert out.count(("当年", "DATE")) == 2
    assert ("今年一季度", "DATE") in out and ("一季度", "DATE") not in out   # the model's span stays whole
    assert not any(t == "首季" for t, _ in out)                             # nothing inside a meeting name


def test_dept_forms(nlp_blank):
    from spacy.tokens import Doc, Span
    text = "。农业农村、水利部门要立足抗旱，XX县政府负责。"
    doc = ents_of(nlp_blank, text, [("水利部门", "DEPT"), ("XX县政府", "GPE")])
    out = [(e.text, e.label_) for e in EntityRules()(doc).ents]
    assert ("农业农村、水利部门", "DEPT") in out and ("XX县政府", "DEPT") in out
    meeting = Doc(nlp_blank.vocab, words=["落实", "市委常委会", "议", "精神", "。"], spaces=[False] * 5)
    meeting.ents = [Span(meeting, 1, 2, label="DEPT")]
    assert not EntityRules()(meeting).ents                      # 市委常委会|议 names a meeting


def test_a_dept_must_name_an_organ(nlp_blank):
    text = "对外商来者不拒，县财政、市防指、县发改局要负责。"
    ents = [("来者不拒", "DEPT"), ("县财政", "DEPT"), ("市防指", "DEPT"), ("县发改局", "DEPT")]
    out = [e.text for e in EntityRules()(ents_of(nlp_blank, text, ents)).ents]
    assert out == ["县财政", "市防指", "县发改局"]          # the idiom is no organ
    kept = [e.text for e in EntityRules(dept_heads=False)(ents_of(nlp_blank, text, ents)).ents]
    assert "来者不拒" in kept


def test_party_committee_and_its_body_are_one_organ(nlp_blank):
    from spacy.tokens import Doc, Span
    words = ["会前", "，", "省委", "常委会", "专题", "听取", "，", "省委", "省政府", "要求", "。"]
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 2, 3, label="DEPT"), Span(doc, 3, 4, label="DEPT"),
                Span(doc, 7, 8, label="DEPT"), Span(doc, 8, 9, label="DEPT")]
    out = [e.text for e in EntityRules()(doc).ents]
    assert out == ["省委常委会", "省委", "省政府"]        # 省委省政府: two organs, each with its head


def test_dept_completed_back_to_a_bare_level_prefix(nlp_blank):
    from spacy.tokens import Doc, Span
    words = ["。", "省", "投资促进局", "要", "牵头", "。"]
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 2, 3, label="DEPT")]
    assert [e.text for e in EntityRules()(doc).ents] == ["省投资促进局"]


def test_pieces_of_one_quoted_name_become_one_policy(nlp_blank):
    from spacy.tokens import Doc, Span
    words = ["推进", "“", "一网通办", "、", "一次", "办好", "”", "改革", "和", "“", "证照", "分离", "”", "改革", "。"]
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 1, 4, label="POLICY"), Span(doc, 5, 8, label="POLICY"),   # “一网通办、 | 办好”改革
                Span(doc, 11, 14, label="POLICY")]                                   # 分离”改革
    out = [e.text for e in EntityRules()(doc).ents]
    assert out == ["“一网通办、一次办好”改革", "“证照分离”改革"]


def test_meeting_names_are_not_policies(nlp_blank):
    text = "召开“开门红”工作推进会议。"
    doc = EntityRules()(nlp_blank.make_doc(text))
    assert not doc.ents


def test_dept_name_completed_back_to_its_prefix(nlp_blank):
    text = "由省营商环境建设局牵头。"
    doc = ents_of(nlp_blank, text, [("建设局", "DEPT")])
    assert [e.text for e in EntityRules()(doc).ents] == ["省营商环境建设局"]
    doc = ents_of(nlp_blank, text, [("建设局", "DEPT")])
    assert [e.text for e in EntityRules(dept_prefix=False)(doc).ents] == ["建设局"]


def test_enumeration_items_share_one_depth():
    texts = ["一、总体要求", "一要增强自觉。", "正文。", "二要增强能力。", "三要压实责任。", "二、重点任务"]
    probs = numpy.array([[0, .9, .1, 0, 0],
                         [0, 0, .6, .4, 0],
                         [1, 0, 0, 0, 0],
                         [0, 0, .45, .55, 0],     # alone, the classifier would say 3
                         [0, 0, .7, .3, 0],
                         [0, .8, .2, 0, 0]], dtype="float32")
    assert consistent_depths(texts, probs) == [1, 2, 0, 2, 2, 1]
    assert enumeration_runs(texts) == [[0, 5], [1, 3, 4], [2]]   # a unit without a marker: a run of its own


@pytest.mark.parametrize("texts, runs", [
    (["一是甲", "二是乙", "一是丙", "二是丁"], [[0, 1], [2, 3]]),     # an item 1 opens a new run
    (["首先，甲", "其次，乙", "最后，丙"], [[0, 1, 2]]),
    (["——甲", "——乙"], [[0, 1]]),
])
def test_runs(texts, runs):
    assert enumeration_runs(texts) == runs


def test_structure_bounds_depth():
    # the classifier prefers depth 2 for the first chapter and 3 for its items;
    # nothing is open before the first heading, so the chapter must be 1 and
    # its items at most 2
    texts = ["第一，要坚定信心", "一要增强自觉。", "二要增强能力。", "第二，要突出重点"]
    probs = numpy.array([[0, .3, .7, 0, 0], [0, 0, .4, .6, 0], [0, 0, .4, .6, 0], [0, .3, .7, 0, 0]],
                        dtype="float32")
    assert consistent_depths(texts, probs) == [1, 2, 2, 1]


def test_a_restarted_marker_family_is_a_sibling_not_a_child():
    # review chapters 第一/第二 with 一是 items, then task chapters 第一/第二 again;
    # the classifier leans to nesting the second 第一 run one level deeper
    texts = ["第一，甲", "一是子", "第二，乙", "一是丑", "第一，丙", "一是寅", "第二，丁"]
    probs = numpy.array([[0, .9, .1, 0, 0], [0, .1, .9, 0, 0], [0, .9, .1, 0, 0], [0, .1, .9, 0, 0],
                         [0, .3, .7, 0, 0], [0, 0, .3, .7, 0], [0, .3, .7, 0, 0]], dtype="float32")
    assert consistent_depths(texts, probs) == [1, 2, 1, 2, 1, 2, 1]
    assert consistent_depths(texts, probs, same_family_restarts=False) == [1, 2, 1, 2, 2, 3, 2]


def test_shouxian_run_continued_by_di():
    assert enumeration_runs(["首先，甲", "第二，乙", "第三，丙", "最后，丁"]) == [[0, 1, 2, 3]]


def test_an_enumeration_that_goes_on_encloses_a_new_one():
    # 第三 is followed by 第四 later, so the 一是 run between them is inside 第三
    # even where the classifier leans to depth 2 for its items
    texts = ["一、任务", "第三，丙", "一是子", "二是丑", "第四，丁"]
    probs = numpy.array([[0, .9, .1, 0, 0], [0, .1, .9, 0, 0], [0, 0, .7, .3, 0], [0, 0, .7, .3, 0],
                         [0, .1, .9, 0, 0]], dtype="float32")
    assert consistent_depths(texts, probs) == [1, 2, 3, 3, 2]


def test_a_closing_block_opener_is_a_chapter_not_the_last_item():
    texts = ["一、任务", "第一，甲", "第二，乙", "最后，再强调几项当前工作。", "一是子"]
    assert enumeration_runs(texts) == [[0], [1, 2], [3], [4]]
    probs = numpy.array([[0, .9, .1, 0, 0], [0, .1, .9, 0, 0], [0, .1, .9, 0, 0], [0, .2, .8, 0, 0],
                         [0, .1, .9, 0, 0]], dtype="float32")
    assert consistent_depths(texts, probs) == [1, 2, 2, 1, 2]


def test_indicator_lexicon_fills_gaps_and_is_saved(nlp_blank, tmp_path):
    rules = EntityRules(policy=False, dept_prefix=False)
    rules.initialize()                                   # the packaged lexicon
    assert "地区生产总值" in rules.indicators and "出口" in rules.indicators
    text = "全市地区生产总值增长6%，召开一般公共预算收入分析会议。"
    doc = rules(ents_of(nlp_blank, text, [("6%", "PERCENT")]))
    assert [(e.text, e.label_) for e in doc.ents] == [("地区生产总值", "INDICATOR"), ("6%", "PERCENT")]
    rules.to_disk(tmp_path)
    again = EntityRules().from_disk(tmp_path)
    assert again.indicators == rules.indicators


def test_an_inline_marker_answered_by_the_next_item_opens_it():
    texts = ["一、任务", "各部门要高度重视，一方面，要抓好续建项目。", "另一方面，要梳理在谈项目。", "正文。"]
    probs = numpy.array([[0, .9, .1, 0, 0], [.9, 0, .1, 0, 0], [0, 0, .8, .2, 0], [1, 0, 0, 0, 0]],
                        dtype="float32")
    assert consistent_depths(texts, probs) == [1, 2, 2, 0]
    # without the answering item, a `一方面` in running text stays body text
    assert consistent_depths(texts[:2] + texts[3:], probs[[0, 1, 3]]) == [1, 0, 0]


def test_a_share_written_after_an_indicator_belongs_to_it(nlp_blank):
    text = "民间投资占比提高到50%。"
    doc = ents_of(nlp_blank, text, [("民间投资", "INDICATOR"), ("50%", "PERCENT")])
    ents = [(e.text, e.label_) for e in EntityRules(policy=False)(doc).ents]
    assert ("民间投资占比", "INDICATOR") in ents


def test_an_untagged_body_of_a_committee_joins_it(nlp_blank):
    text = "由省委组织部对主要负责同志进行约谈。"
    doc = ents_of(nlp_blank, text, [("省委", "DEPT")])
    assert [e.text for e in EntityRules(policy=False)(doc).ents] == ["省委组织部"]
    text = "省委省政府高度重视。"                      # two organs stay two (note 16)
    doc = ents_of(nlp_blank, text, [("省委", "DEPT"), ("省政府", "DEPT")])
    assert [e.text for e in EntityRules(policy=False)(doc).ents] == ["省委", "省政府"]


def test_a_masked_count_needs_its_unit(nlp_blank):
    text = "推动XX振兴发展，新建XX公里道路，引进XX家企业。"
    doc = ents_of(nlp_blank, text, [("XX振兴", "QUANTITY"), ("XX公里", "QUANTITY"), ("XX家", "QUANTITY")])
    assert [e.text for e in EntityRules(policy=False)(doc).ents] == ["XX公里", "XX家"]
    doc = ents_of(nlp_blank, text, [("XX振兴", "QUANTITY")])
    assert [e.text for e in EntityRules(policy=False, value_units=False)(doc).ents] == ["XX振兴"]


def test_a_percent_carries_its_sign(nlp_blank):
    text = "牢记总书记的谆谆教诲，增长8.5%，提高2个百分点。"
    doc = ents_of(nlp_blank, text, [("谆谆教诲", "PERCENT"), ("8.5%", "PERCENT"), ("2个百分点", "PERCENT")])
    assert [e.text for e in EntityRules(policy=False)(doc).ents] == ["8.5%", "2个百分点"]


def test_a_lexicon_indicator_takes_its_modifier_too(nlp_blank):
    rules = EntityRules(policy=False)
    rules.initialize()
    assert "能耗" in rules.indicators
    doc = nlp_blank.make_doc("要统筹考虑投资强度、单位能耗等指标。")
    assert "单位能耗" in [e.text for e in rules(doc).ents]


def test_a_name_joined_by_he_is_completed_back_to_its_first_half(nlp_blank):
    from spacy.tokens import Doc, Span
    words = ["，", "区", "自然资源", "和", "规划分局", "要", "配合", "。"]
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 4, 5, label="DEPT")]
    assert [e.text for e in EntityRules()(doc).ents] == ["区自然资源和规划分局"]
    words = ["，", "市财政局", "和", "规划分局", "要", "配合", "。"]   # an organ before 和 stays apart
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 1, 2, label="DEPT"), Span(doc, 3, 4, label="DEPT")]
    assert [e.text for e in EntityRules()(doc).ents] == ["市财政局", "规划分局"]


def test_a_place_and_the_bare_organ_after_it_are_one_dept(nlp_blank):
    from spacy.tokens import Doc, Span
    words = ["××经济开发区", "管委会", "要", "新建", "厂房", "。"]
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 1, 2, label="DEPT")]
    assert [(e.text, e.label_) for e in EntityRules()(doc).ents] == [("××经济开发区管委会", "DEPT")]
    words = ["桐溪县", "县委", "、", "政府", "高度", "重视", "。"]       # an organ with its own level stays apart
    doc = Doc(nlp_blank.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 1, 4, label="DEPT")]
    assert [e.label_ for e in EntityRules()(doc).ents] == ["GPE", "DEPT"]


def test_a_count_of_time_takes_its_head_shijian(nlp_blank):
    text = "力争用3—5年时间实现翻番，用了两个多月时间；下半年时间紧，2025年时间表已定，三年行动。"
    doc = ents_of(nlp_blank, text, [("3—5年", "DATE"), ("两个多月", "DATE"), ("下半年", "DATE"),
                                    ("2025年", "DATE"), ("三年", "DATE")])
    out = [e.text for e in EntityRules()(doc).ents if e.label_ == "DATE"]
    assert out == ["3—5年时间", "两个多月时间", "下半年", "2025年", "三年"]
    off = [e.text for e in EntityRules(duration_time=False)(ents_of(nlp_blank, text, [("3—5年", "DATE")])).ents]
    assert "3—5年" in off and "3—5年时间" not in off
