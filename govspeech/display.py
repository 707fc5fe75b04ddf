"""HTML views of annotated speeches: sections as coloured blocks, entities by
displaCy, the outline as a table of contents, and an index page."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable

from spacy import displacy

from .ledger import SECTION_ZH
from .outline import record_outline

SECTION_COLORS = {"META": "#e0e0e0", "OPENING": "#e3f2fd", "REVIEW": "#e8f5e9", "PROBLEMS": "#ffebee",
                  "SITUATION": "#fff8e1", "TASKS": "#ede7f6", "SAFEGUARDS": "#e0f7fa",
                  "CURRENT": "#fff3e0", "CLOSING": "#f3e5f5"}
ENT_COLORS = {"DEPT": "#7aecec", "INDICATOR": "#bfeeb7", "PERCENT": "#feca74", "MONEY": "#e4e7d2",
              "QUANTITY": "#e4e7d2", "DATE": "#bfe1d9", "PERSON": "#aa9cfc", "GPE": "#ff9561",
              "POLICY": "#ffeb80"}
DIRECTIVE_MARK = {"TARGET": "◎", "PROHIBITION": "⊘", "TASK": "▶", "EXHORTATION": "◇"}
_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:960px;margin:2em auto;line-height:1.8}
.sec{padding:.4em .8em;margin:.3em 0;border-radius:4px}.sec-label{font-size:.75em;color:#555}
.h{font-weight:bold}.toc li{list-style:none}.dir{color:#7b1fa2;font-size:.8em;margin-right:.2em}
nav.toc{border:1px solid #ddd;padding:.5em 1em;margin-bottom:1em}"""


def _outline_html(items: list[dict]) -> str:
    if not items:
        return ""
    out = ["<ul>"]
    for it in items:
        out.append(f'<li><a href="#u{it["start"]}">{html.escape(it["text"][:60])}</a>'
                   f' <small>[{SECTION_ZH.get(it["section"], it["section"])}]</small>'
                   + _outline_html(it.get("children", [])) + "</li>")
    out.append("</ul>")
    return "".join(out)


def _unit_html(rec: dict, s: dict) -> str:
    ents = [e for e in rec["entities"] if s["start"] <= e["start"] and e["end"] <= s["end"]]
    body = displacy.render({"text": rec["text"][s["start"]:s["end"]],
                            "ents": [{"start": e["start"] - s["start"], "end": e["end"] - s["start"],
                                      "label": e["label"]} for e in ents], "title": None},
                           style="ent", manual=True, page=False, options={"colors": ENT_COLORS})
    # displaCy wraps in a div; keep the unit inline
    body = body.replace('<div class="entities" style="line-height: 2.5; direction: ltr">', "").rsplit("</div>", 1)[0]
    mark = DIRECTIVE_MARK.get(s["directive"], "")
    cls = "h" if s.get("heading") else ""
    title = f'{s["directive"]} {s.get("strength", "")}'.strip()
    return (f'<span id="u{s["start"]}" class="{cls}" title="{title}">'
            + (f'<span class="dir">{mark}</span>' if mark else "") + body + "</span>")


def render_record(rec: dict) -> str:
    """One speech as a standalone HTML page."""
    title = html.escape(str(rec.get("meta", {}).get("title") or rec.get("id", "")))
    parts = [f"<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>{title}</title>"
             f"<style>{_CSS}</style></head><body><h1>{title}</h1>",
             f"<nav class='toc'><b>提纲</b>{_outline_html(record_outline(rec))}</nav>"]
    text = rec["text"]
    run_label, run = None, []

    def flush():
        if run:
            color = SECTION_COLORS.get(run_label, "#fff")
            parts.append(f'<div class="sec" style="background:{color}"><div class="sec-label">'
                         f'{SECTION_ZH.get(run_label, run_label)} {run_label}</div>{"".join(run)}</div>')
    prev_end = 0
    for s in rec["sentences"]:
        if s["section"] != run_label:
            flush()
            run_label, run = s["section"], []
        elif "\n" in text[prev_end:s["start"]]:
            run.append("<br>")
        run.append(_unit_html(rec, s))
        prev_end = s["end"]
    flush()
    parts.append("</body></html>")
    return "".join(parts)


def render_doc(doc) -> str:
    """A processed spaCy Doc as HTML."""
    from .docs import doc_to_record
    return render_record(doc_to_record(doc))


def write_html_reports(folder: Path, records: Iterable[dict]) -> int:
    """One page per record and an index page linking them."""
    from .records import atomic_write
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, rec in enumerate(records):
        name = f"{i:05d}.html"
        page = render_record(rec)
        atomic_write(folder / name, lambda tmp, page=page: Path(tmp).write_text(page, encoding="utf-8"))
        n_tasks = len(rec.get("tasks") or [])
        rows.append(f'<tr><td><a href="{name}">{html.escape(str(rec.get("id")))}</a></td>'
                    f'<td>{len(rec["text"])}</td><td>{len(rec["sentences"])}</td>'
                    f'<td>{len(rec["entities"])}</td><td>{n_tasks}</td></tr>')
    index = (f"<!DOCTYPE html><html lang='zh'><head><meta charset='utf-8'><title>govspeech</title>"
             f"<style>{_CSS}td,th{{padding:.2em .6em}}</style></head><body><h1>govspeech</h1><table>"
             "<tr><th>文档</th><th>字数</th><th>句子</th><th>实体</th><th>任务</th></tr>"
             + "".join(rows) + "</table></body></html>")
    atomic_write(folder / "index.html", lambda tmp: Path(tmp).write_text(index, encoding="utf-8"))
    return len(rows)
