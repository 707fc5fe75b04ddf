"""The task ledger (督查台账): task records as rows a supervision office reads,
written to CSV, XLSX or JSON Lines."""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

from .records import atomic_write, write_records

COLUMNS = ("序号", "任务内容", "类型", "强度", "责任单位", "责任人", "目标", "时限",
           "涉及政策", "出处章节", "文档", "位置")
KIND_ZH = {"TARGET": "目标任务", "PROHIBITION": "禁止事项", "TASK": "工作任务", "EXHORTATION": "工作要求"}
STRENGTH_ZH = {"mandatory": "约束性", "advisory": "指导性"}
SECTION_ZH = {"META": "非正文", "OPENING": "开场", "REVIEW": "工作回顾", "PROBLEMS": "存在问题",
              "SITUATION": "形势分析", "TASKS": "重点任务", "SAFEGUARDS": "保障措施",
              "CURRENT": "当前工作", "CLOSING": "结语"}


def _target(t: dict) -> str:
    return "".join(x for x in (t.get("indicator"), " " if t.get("indicator") else "", t["value"]) if x) + (
        f"（{t['qualifier']}）" if t.get("qualifier") and t["qualifier"] not in t["value"] else "")


def ledger_rows(records: Iterable[dict]) -> Iterable[dict]:
    """One row per task of every record, numbered across the ledger."""
    n = 0
    for rec in records:
        for t in rec.get("tasks") or []:
            n += 1
            owners = t.get("owners") or []
            yield {
                "序号": n,
                "任务内容": t["text"],
                "类型": KIND_ZH.get(t["kind"], t["kind"]),
                "强度": STRENGTH_ZH.get(t.get("strength"), t.get("strength") or ""),
                "责任单位": "、".join(o["text"] for o in owners if o["label"] != "PERSON"),
                "责任人": "、".join(o["text"] for o in owners if o["label"] == "PERSON"),
                "目标": "；".join(_target(x) for x in t.get("targets") or []),
                "时限": (t.get("deadline") or {}).get("text", ""),
                "涉及政策": "、".join(t.get("policies") or []),
                "出处章节": " > ".join([SECTION_ZH.get(t.get("section"), t.get("section") or "")]
                                    + list(t.get("heading_path") or [])),
                "文档": rec.get("id", ""),
                "位置": f"{t['start']}-{t['end']}",
            }


def write_csv(path: Path, records: Iterable[dict]) -> int:
    rows = list(ledger_rows(records))

    def w(tmp):
        # UTF-8 with BOM so that spreadsheet programs open Chinese text right
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
    atomic_write(path, w)
    return len(rows)


def write_xlsx(path: Path, records: Iterable[dict]) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = list(ledger_rows(records))
    wb = Workbook()
    ws = wb.active
    ws.title = "督查台账"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for r in rows:
        ws.append([r[c] for c in COLUMNS])
    widths = {"序号": 6, "任务内容": 60, "类型": 10, "强度": 8, "责任单位": 24, "责任人": 14,
              "目标": 30, "时限": 14, "涉及政策": 24, "出处章节": 40, "文档": 24, "位置": 12}
    for i, c in enumerate(COLUMNS):
        ws.column_dimensions[chr(ord("A") + i)].width = widths[c]
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    atomic_write(path, wb.save)
    return len(rows)


def write_task_jsonl(path: Path, records: Iterable[dict]) -> int:
    return write_records(path, ({"doc": rec.get("id"), **t} for rec in records for t in rec.get("tasks") or []))
