"""ANNOTATION.md section 7 scoring on hand-made records."""
import pytest

from govspeech.scoring import score_records

TEXT = "一、抓项目\n要抓好项目。确保增长8%。"


def rec(units, ents=()):
    return {"id": "x", "text": TEXT, "entities": [dict(zip(("start", "end", "label"), e)) for e in ents],
            "sentences": [dict(zip(("start", "end", "section", "directive", "heading"), u)) for u in units]}


GOLD = rec([(0, 5, "TASKS", "TASK", 1), (6, 12, "TASKS", "TASK", 0), (12, 19, "TASKS", "TARGET", 0)],
           [(16, 18, "PERCENT")])


def test_perfect_prediction_scores_one():
    s = score_records([GOLD], [GOLD])
    for k in ("units_f", "ents_f", "sections_acc", "directives_acc", "directives_binary_f", "headings_f",
              "headings_depth_acc"):
        assert s[k] == pytest.approx(1.0), k


def test_merged_units_and_majority_directive():
    # one predicted unit over the two body units: 6 chars TASK, 7 chars TARGET
    pred = rec([(0, 5, "TASKS", "TASK", 2), (6, 19, "REVIEW", "TARGET", 0)], [(16, 19, "PERCENT")])
    s = score_records([GOLD], [pred])
    assert s["units_p"] == pytest.approx(1.0) and s["units_r"] == pytest.approx(2 / 3)
    # both gold body units take the label covering most of their characters
    assert s["directives_acc"] == pytest.approx(2 / 3)
    assert s["headings_f"] == pytest.approx(1.0) and s["headings_depth_acc"] == 0.0
    assert s["sections_acc"] == pytest.approx(5 / 18)   # 5 of 18 non-space characters
    assert s["ents_f"] == 0.0


def test_heading_needs_half_overlap():
    pred = rec([(0, 2, "TASKS", "TASK", 1), (2, 19, "TASKS", "TASK", 0)])
    s = score_records([GOLD], [pred])
    assert s["headings_r"] == 0.0   # 2 of 5 characters: less than half


def test_texts_must_match():
    other = dict(GOLD, text=TEXT + "。")
    with pytest.raises(ValueError):
        score_records([GOLD], [other])
