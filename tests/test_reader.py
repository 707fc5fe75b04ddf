"""Every input users bring: encodings, HTML, .docx, and bad files."""
import os

import pytest

from govspeech.reader import InputError, decode, read_document

TEXT = "同志们：\n今天召开全市经济工作会议，确保地区生产总值增长８％以上；严禁新建楼堂馆所。"


@pytest.mark.parametrize("encoding, detected", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("gb18030", "gbk"), ("gbk", "gbk"),
    ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_encodings_decode_to_the_same_text(tmp_path, encoding, detected):
    p = tmp_path / "a.txt"
    p.write_bytes(TEXT.encode(encoding))
    src = read_document(p)
    assert src.text == TEXT                      # full-width digits and % kept as they are
    assert src.meta["encoding"] == detected and src.meta["format"] == "text"
    assert src.meta["encoding_confidence"] >= 0.8


def test_gb18030_only_characters(tmp_path):
    p = tmp_path / "a.txt"
    text = TEXT + "㐀"                           # outside GBK, inside GB18030
    p.write_bytes(text.encode("gb18030"))
    assert read_document(p).meta["encoding"] == "gb18030"


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n\t", "empty"),
    (bytes(range(256)) * 8, "binary"),
    ("同志們今天開會，確保完成任務，加快發展經濟".encode("big5"), "encoding unsure"),   # would be mojibake
    (b"\x81\x20\x81\x20abc", "undecodable"),
])
def test_bad_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(InputError, match=reason):
        decode(data) if data.strip() else read_document(None, data=data)


def test_oversized_and_unreadable(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(InputError, match="oversized"):
        read_document(p, max_bytes=1000)
    with pytest.raises(InputError, match="unreadable"):
        read_document(tmp_path / "missing.txt")
    if os.geteuid() != 0:  # root reads everything
        q = tmp_path / "locked.txt"
        q.write_text(TEXT, encoding="utf-8")
        q.chmod(0)
        with pytest.raises(InputError, match="permission"):
            read_document(q)


def test_html_main_text_is_extracted(tmp_path):
    page = ("<html><head><title>在全市会议上的讲话</title><script>var x=1;</script></head><body>"
            "<div class='nav'><a href='/'>首页</a> &gt; <a href='#'>领导讲话</a></div>"
            "<div class='content'><p>同志们：</p><p>今天召开会议。要抓好项目建设。</p>"
            "<p>确保增长8%以上。</p></div><div class='footer'>版权所有 ICP备123号</div></body></html>")
    p = tmp_path / "page.html"
    p.write_text(page, encoding="gbk")
    src = read_document(p)
    assert src.meta["format"] == "html" and src.meta["title"] == "在全市会议上的讲话"
    assert src.text == "同志们：\n今天召开会议。要抓好项目建设。\n确保增长8%以上。"


def test_docx(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in TEXT.split("\n"):
        d.add_paragraph(line)
    p = tmp_path / "speech.docx"
    d.save(p)
    src = read_document(p)
    assert src.text == TEXT and src.meta["format"] == "docx"
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="docx"):
        read_document(bad)
