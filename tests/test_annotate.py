"""Batch annotation with a tiny trained pipeline: every input, errors that
lose nothing, resume, chunked long texts, outputs."""
import json
import subprocess
import sys

import pytest

from govspeech.annotate import annotate, chunk_text, iter_inputs
from govspeech.records import read_records, validate_record

SPEECH = "同志们：\n今天召开全市经济工作会议。一、稳增长\n市发改委要确保全年地区生产总值增长8%以上。\n严禁新建楼堂馆所。\n"


@pytest.fixture(scope="module")
def tiny_nlp(tiny_pipeline):
    import spacy
    return spacy.load(tiny_pipeline["model"])


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(SPEECH, encoding="utf-8")
    (d / "sub" / "b.txt").write_bytes(SPEECH.encode("gb18030"))
    (d / "sub" / "c.txt").write_bytes(SPEECH.encode("utf-16"))
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (d / "page.html").write_text(f"<html><body><div>{SPEECH.replace(chr(10), '<br>')}</div></body></html>",
                                 encoding="utf-8")
    return d


def test_chunks_cover_the_text_and_cut_at_line_breaks():
    text = ("第一段内容。" * 30 + "\n") * 50
    chunks = chunk_text(text, 1000)
    assert "".join(p for _, p in chunks) == text
    assert all(len(p) <= 1000 for _, p in chunks) and len(chunks) > 1
    assert all(p.endswith("\n") for _, p in chunks[:-1])
    assert [o for o, _ in chunks] == [sum(len(p) for _, p in chunks[:i]) for i in range(len(chunks))]


def test_batch_goes_on_past_bad_files(tiny_nlp, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    summary = annotate(tiny_nlp, iter_inputs([str(inputs)]), out)
    recs = {r["id"]: r for r in read_records(out)}
    assert set(recs) == {"a.txt", "sub/b.txt", "sub/c.txt", "page.html"}
    assert {e["id"] for e in summary.errors} == {"empty.txt", "binary.txt"}
    assert recs["sub/b.txt"]["text"] == SPEECH and recs["sub/b.txt"]["meta"]["encoding"] == "gbk"
    assert recs["sub/c.txt"]["meta"]["encoding"] == "utf-16"
    assert recs["page.html"]["meta"]["format"] == "html"
    for r in recs.values():
        assert validate_record(r) == [], r["id"]
        assert "tasks" in r
    assert not (tmp_path / "out.jsonl.part").exists()


def test_two_processes_give_the_records_of_one(tiny_nlp, inputs, tmp_path):
    one = annotate(tiny_nlp, iter_inputs([str(inputs)]), tmp_path / "one.jsonl", max_chunk=40)
    two = annotate(tiny_nlp, iter_inputs([str(inputs)]), tmp_path / "two.jsonl", max_chunk=40,
                   n_process=2, batch_size=2)
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert one.documents == two.documents == 4 and len(two.errors) == 2


def test_a_text_that_breaks_the_pipeline_fails_alone(tmp_path):
    import spacy
    from spacy.language import Language

    @Language.component("fails_on_marker")
    def fails_on_marker(doc):
        if "故障" in doc.text:
            raise RuntimeError("component failed")
        return doc

    nlp = spacy.blank("xx")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fails_on_marker")
    d = tmp_path / "in"
    d.mkdir()
    for name, text in (("a.txt", "第一篇。"), ("b.txt", "第二篇，故障。"), ("c.txt", "第三篇。")):
        (d / name).write_text(text, encoding="utf-8")
    for n in (1, 2):
        out = tmp_path / f"out{n}.jsonl"
        summary = annotate(nlp, iter_inputs([str(d)]), out, n_process=n, batch_size=3)
        assert [r["id"] for r in read_records(out)] == ["a.txt", "c.txt"]
        assert [e["id"] for e in summary.errors] == ["b.txt"] and "component failed" in summary.errors[0]["reason"]


def test_resume_skips_done_and_drops_a_torn_line(tiny_nlp, inputs, tmp_path):
    out = tmp_path / "out.jsonl"
    annotate(tiny_nlp, iter_inputs([str(inputs / "a.txt")]), out)
    done = out.read_text(encoding="utf-8")
    # an interrupted later run: one complete record and half of the next
    out.with_name("out.jsonl.part").write_text(done + done[: len(done) // 2], encoding="utf-8")
    out.unlink()
    summary = annotate(tiny_nlp, iter_inputs([str(inputs)]), out, resume=True)
    ids = [r["id"] for r in read_records(out)]
    assert summary.skipped == 1 and ids.count("a.txt") == 1
    assert sorted(ids) == ["a.txt", "page.html", "sub/b.txt", "sub/c.txt"]


def test_long_text_in_chunks_keeps_true_offsets(tiny_nlp, tmp_path):
    text = SPEECH * 400                               # ~20,000 characters
    p = tmp_path / "long.txt"
    p.write_text(text, encoding="utf-8")
    out = tmp_path / "long.jsonl"
    annotate(tiny_nlp, iter_inputs([str(p)]), out, max_chunk=2000)
    rec = next(read_records(out))
    assert rec["text"] == text and validate_record(rec) == []
    whole = tmp_path / "whole.jsonl"
    annotate(tiny_nlp, iter_inputs([str(p)]), whole, max_chunk=10 ** 6)
    assert len(rec["sentences"]) == len(next(read_records(whole))["sentences"])
    for t in rec["tasks"]:
        assert text[t["start"]:t["end"]] == t["text"]


def test_cli_outputs_and_exit_status(tiny_pipeline, inputs, tmp_path):
    out = tmp_path / "res.jsonl"
    cmd = [sys.executable, "-m", "govspeech", "annotate", str(inputs), "-o", str(out), "--model",
           str(tiny_pipeline["model"]), "-f", "jsonl", "-f", "csv", "-f", "xlsx", "-f", "html", "--glob", "*.txt"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    assert proc.returncode == 1, proc.stderr                      # two bad files
    assert "documents 3" in proc.stderr and "errors 2" in proc.stderr
    errors = [json.loads(line) for line in (tmp_path / "res.errors.jsonl").read_text().splitlines()]
    assert {e["reason"].split()[0] for e in errors} == {"empty", "binary"}
    header = (tmp_path / "res.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("序号,任务内容,类型,强度,责任单位,责任人,目标,时限")
    from openpyxl import load_workbook
    ws = load_workbook(tmp_path / "res.xlsx").active
    assert ws.cell(1, 2).value == "任务内容"
    assert ws.max_row - 1 == sum(len(r["tasks"]) for r in read_records(out))
    index = (tmp_path / "res_html" / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr>") == 4
    # standard input, all files fine: exit status 0
    proc = subprocess.run([sys.executable, "-m", "govspeech", "annotate", "-", "-o", str(tmp_path / "s.jsonl"),
                           "--model", str(tiny_pipeline["model"])], input=SPEECH.encode("gb18030"),
                          capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode()
    assert next(read_records(tmp_path / "s.jsonl"))["text"] == SPEECH
