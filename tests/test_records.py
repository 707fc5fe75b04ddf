import copy

import pytest

from govspeech.inline import InlineFormatError, parse_inline, to_inline
from govspeech.records import read_records, validate_record, write_records

REC = {"id": "t", "text": "同志们：\n今天召开会议。确保增长8%以上。",
       "sentences": [{"start": 0, "end": 4, "section": "OPENING", "directive": "NONE", "heading": 0},
                     {"start": 5, "end": 12, "section": "OPENING", "directive": "NONE", "heading": 0},
                     {"start": 12, "end": 21, "section": "TASKS", "directive": "TARGET", "heading": 0}],
       "entities": [{"start": 5, "end": 7, "label": "DATE"}, {"start": 16, "end": 20, "label": "PERCENT"}]}


def test_valid_record_passes():
    assert validate_record(REC) == []


@pytest.mark.parametrize("change, message", [
    (lambda r: r["sentences"][0].update(end=5), "whitespace"),
    (lambda r: r["sentences"][1].update(start=3), "overlaps"),
    (lambda r: r["sentences"].pop(1), "outside every unit"),
    (lambda r: r["sentences"][2].update(end=99), "outside the text"),
    (lambda r: r["sentences"][0].update(section="INTRO"), "section"),
    (lambda r: r["sentences"][0].update(heading=7), "heading"),
    (lambda r: r["entities"].append({"start": 10, "end": 14, "label": "DATE"}), "not inside one unit"),
    (lambda r: r["entities"].append({"start": 6, "end": 8, "label": "DATE"}), "overlaps"),
    (lambda r: r["entities"][0].update(label="ORG"), "label"),
])
def test_validator_finds_each_form_error(change, message):
    rec = copy.deepcopy(REC)
    change(rec)
    errs = validate_record(rec)
    assert errs and any(message in e for e in errs), errs


def test_seed_gold_is_valid(seeds):
    for rec in seeds:
        assert validate_record(rec) == []


def test_inline_round_trip_of_seed_gold(seeds):
    for rec in seeds:
        back = parse_inline(to_inline(rec))
        assert back["text"] == rec["text"].rstrip()
        assert back["sentences"] == rec["sentences"]
        key = lambda e: (e["start"], e["end"], e["label"])  # noqa: E731
        assert sorted(map(key, back["entities"])) == sorted(map(key, rec["entities"]))


def test_inline_separators_and_errors():
    rec = parse_inline("# id: x\n# split: dev\nn META NONE 0 | 标题\ng OPENING NONE 0 | 同志们：\n"
                       "nww TASKS TASK 1 | 一、⟦市发改委|DEPT⟧要抓好项目。\n")
    assert rec["text"] == "标题同志们：\n\u3000\u3000一、市发改委要抓好项目。"
    assert rec["meta"] == {"split": "dev"}
    assert rec["entities"] == [{"start": 11, "end": 15, "label": "DEPT"}]
    assert validate_record(rec) == []
    with pytest.raises(InlineFormatError):
        parse_inline("n TASKS TASK 0 | ⟦市发改委|ORG⟧要")
    with pytest.raises(InlineFormatError):
        parse_inline("n TASKS MAYBE 0 | 要")


def test_write_records_is_atomic(tmp_path):
    path = tmp_path / "out.jsonl"
    write_records(path, [REC])

    def broken():
        yield REC
        raise RuntimeError("interrupted")
    with pytest.raises(RuntimeError):
        write_records(path, broken())
    assert [r["id"] for r in read_records(path)] == ["t"]  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_prediction_round_trips_through_the_correction_format(tmp_path):
    import subprocess
    import sys
    rec = dict(REC, id="sub/a.txt", meta={"encoding": "gbk", "format": "text"},
               tasks=[{"no": 1}], sentences=[dict(s, section_score=0.9) for s in REC["sentences"]])
    write_records(tmp_path / "pred.jsonl", [rec])
    subprocess.run([sys.executable, "scripts/records_to_inline.py", str(tmp_path / "pred.jsonl"),
                    str(tmp_path / "gsa"), "--split", "dev"], check=True, cwd=str(__import__("pathlib").Path(__file__).parents[1]))
    back = parse_inline((tmp_path / "gsa" / "sub_a.txt.gsa").read_text(encoding="utf-8"))
    assert back["text"] == REC["text"] and back["entities"] == REC["entities"]
    assert [{k: s[k] for k in ("start", "end", "section", "directive", "heading")} for s in back["sentences"]] \
        == REC["sentences"]
    assert back["meta"]["split"] == "dev" and back["id"] == "sub/a.txt"
