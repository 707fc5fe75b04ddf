"""Reading the files users bring: text of any common Chinese encoding, HTML
pages saved from the web, Word `.docx`.

`read_document` returns the text and what was detected (format, encoding,
confidence), or raises `InputError` with a reason a user can act on. A wrong
guess must not pass silently: a decoding that leaves the text implausible
(rare characters, control characters) fails the file instead.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
MIN_CONFIDENCE = 0.80
HTML_EXT = {".html", ".htm", ".shtml", ".xhtml"}


class InputError(Exception):
    """A file that cannot be read as a speech; the message is the reason."""


@dataclass
class Source:
    text: str
    meta: dict = field(default_factory=dict)


def _common_share(text: str) -> float:
    """Share of characters a Chinese text is made of: common hanzi (GB2312
    level 1), ASCII, CJK and full-width punctuation. Near 1 for real Chinese,
    low for a wrong decoding (rare hanzi, Hangul, Yi, private use)."""
    sample = text[:20000]
    if not sample:
        return 1.0
    good = 0
    for c in sample:
        o = ord(c)
        if o < 128 or 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or c in "—…“”‘’·《》〈〉「」『』【】":
            good += 1
        elif 0x4E00 <= o <= 0x9FFF:
            try:
                good += 0xB0 <= c.encode("gb2312")[0] <= 0xD7
            except UnicodeEncodeError:
                pass
    return good / len(sample)


def _controls(text: str) -> int:
    return sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\ufffd")


def decode(data: bytes) -> tuple[str, str, float]:
    """Bytes -> (text, encoding, confidence); raise InputError when unsure."""
    if not data.strip():
        raise InputError("empty file")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", 1.0
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16", 1.0
    try:
        text = data.decode("utf-8")
        if _controls(text) <= max(2, len(text) // 1000):
            return text, "utf-8", 1.0
    except UnicodeDecodeError:
        pass
    # No BOM and not UTF-8: GB18030 or BOM-less UTF-16. Keep the decoding
    # that reads as real Chinese; refuse when none does.
    candidates = []
    for enc in ("gb18030", "utf-16-le", "utf-16-be"):
        if enc.startswith("utf-16") and len(data) % 2:
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        plausible = _common_share(text) if _controls(text) <= max(2, len(text) // 1000) else 0.0
        if any("\u4e00" <= c <= "\u9fff" for c in text) or plausible:
            candidates.append((plausible, enc, text))
    candidates.sort(key=lambda c: -c[0])
    if not candidates or candidates[0][0] == 0.0:
        if b"\x00" in data or _controls(data.decode("latin-1")) > len(data) // 100:
            raise InputError("binary file (control bytes; not text in UTF-8, GB18030 or UTF-16)")
        raise InputError("undecodable: neither UTF-8, UTF-16 nor GB18030")
    conf, enc, text = candidates[0]
    if conf < MIN_CONFIDENCE:
        raise InputError(f"encoding unsure: best guess {enc} reads implausibly (confidence {conf:.2f} < {MIN_CONFIDENCE})")
    if enc == "gb18030":
        try:
            data.decode("gbk")
            enc = "gbk"
        except UnicodeDecodeError:
            pass
    return text, enc, round(conf, 4)


_BLOCKS = ("p", "div", "td", "li", "section", "article", "h1", "h2", "h3", "h4", "br", "tr")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select", "button")


def html_text(markup: str) -> tuple[str, dict]:
    """Main text of a web page: the element holding most sentence punctuation,
    one line per block element."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    title = soup.title.get_text(strip=True) if soup.title else ""
    for tag in soup(_DROP):
        tag.decompose()
    best, best_score = soup.body or soup, -1.0
    for el in soup.find_all(["div", "article", "section", "td", "main"]):
        txt = el.get_text("", strip=True)
        if not txt:
            continue
        punct = len(re.findall(r"[。；！？]", txt))
        links = sum(len(a.get_text(strip=True)) for a in el.find_all("a"))
        # sentence punctuation, discounted by the share of link text (menus)
        score = punct * (1 - min(1.0, links / max(1, len(txt))))
        if score > best_score:
            best, best_score = el, score
    lines: list[str] = []
    for br in best.find_all("br"):
        br.replace_with("\n")
    for el in best.find_all(_BLOCKS):
        el.insert_before("\n")
        el.insert_after("\n")
    raw = best.get_text("")
    for line in raw.splitlines():
        line = line.strip()
        if line:
            lines.append(line)
    return "\n".join(lines), {"title": title, "extracted": "main text of an HTML page"}


def docx_text(data: bytes) -> str:
    import docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several kinds
        raise InputError(f"unreadable .docx ({type(err).__name__})") from None
    lines = [p.text.strip() for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            lines.append(" ".join(c.text.strip() for c in row.cells))
    return "\n".join(line for line in lines if line)


def read_document(path: Path | None, data: bytes | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one input (a path, or bytes from standard input)."""
    name = str(path) if path else "-"
    if data is None:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(f"oversized: {size} bytes > limit {max_bytes}")
            data = path.read_bytes()
        except PermissionError:
            raise InputError("unreadable: permission denied") from None
        except IsADirectoryError:
            raise InputError("unreadable: is a directory") from None
        except OSError as err:
            raise InputError(f"unreadable: {err.strerror or err}") from None
    if len(data) > max_bytes:
        raise InputError(f"oversized: {len(data)} bytes > limit {max_bytes}")
    suffix = path.suffix.lower() if path else ""
    meta: dict = {"source": name}
    if suffix == ".docx" or data[:2] == b"PK" and suffix not in (".txt",):
        if data[:2] != b"PK":
            raise InputError("unreadable .docx (not a zip archive)")
        text = docx_text(data)
        meta.update(format="docx", encoding=None, encoding_confidence=None)
    else:
        text, enc, conf = decode(data)
        meta.update(encoding=enc, encoding_confidence=conf)
        head = text[:2048].lstrip().lower()
        if suffix in HTML_EXT or head.startswith(("<!doctype html", "<html")) or (
                "<body" in head and "</" in head):
            text, extra = html_text(text)
            meta.update(format="html", **extra)
        else:
            meta["format"] = "text"
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(f"empty: no text in the {meta['format']} file")
    return Source(text=text, meta=meta)
