"""Scoring of predicted records against gold records (ANNOTATION.md section 7).

Every figure the project reports is computed here: per document, summed over
the documents of a set. Both sides are records, so gold files, batch output
and baseline output are scored the same way.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from .labels import DIRECTIVES, ENTITY_LABELS, SECTIONS

PARTS = ("entities", "units", "sections", "directives", "headings")


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _char_labels(rec: dict, attr: str) -> dict[int, str]:
    text = rec["text"]
    out = {}
    for s in rec["sentences"]:
        for k in range(s["start"], s["end"]):
            if not text[k].isspace():
                out[k] = s[attr]
    return out


class Tally:
    """Sums counts over documents; `result` turns them into figures."""

    def __init__(self):
        self.c: Counter = Counter()

    def add(self, gold: dict, pred: dict, parts: Sequence[str] = PARTS) -> None:
        if gold["text"] != pred["text"]:
            raise ValueError(f"{gold.get('id')}: gold and predicted texts differ")
        c = self.c
        if "entities" in parts:
            g = {(e["start"], e["end"], e["label"]) for e in gold.get("entities", [])}
            p = {(e["start"], e["end"], e["label"]) for e in pred.get("entities", [])}
            for lab in ENTITY_LABELS:
                gl = {x for x in g if x[2] == lab}
                pl = {x for x in p if x[2] == lab}
                c[f"ent_tp_{lab}"] += len(gl & pl)
                c[f"ent_pred_{lab}"] += len(pl)
                c[f"ent_gold_{lab}"] += len(gl)
        if "units" in parts:
            ge = {s["end"] for s in gold["sentences"]}
            pe = {s["end"] for s in pred["sentences"]}
            c["unit_tp"] += len(ge & pe)
            c["unit_pred"] += len(pe)
            c["unit_gold"] += len(ge)
        if "sections" in parts:
            g = _char_labels(gold, "section")
            p = _char_labels(pred, "section")
            for k, lab in g.items():
                plab = p.get(k)
                c["sec_chars"] += 1
                c["sec_correct"] += plab == lab
                c[f"sec_gold_{lab}"] += 1
                if plab is not None:
                    c[f"sec_pred_{plab}"] += 1
                if plab == lab:
                    c[f"sec_tp_{lab}"] += 1
        if "directives" in parts:
            p = _char_labels(pred, "directive")
            for s in gold["sentences"]:
                votes = Counter(p[k] for k in range(s["start"], s["end"]) if k in p)
                plab = votes.most_common(1)[0][0] if votes else None
                lab = s["directive"]
                c["dir_units"] += 1
                c["dir_correct"] += plab == lab
                c[f"dir_gold_{lab}"] += 1
                if plab is not None:
                    c[f"dir_pred_{plab}"] += 1
                if plab == lab:
                    c[f"dir_tp_{lab}"] += 1
                gb, pb = lab != "NONE", plab not in (None, "NONE")
                c["dir_bin_tp"] += gb and pb
                c["dir_bin_gold"] += gb
                c["dir_bin_pred"] += pb
        if "headings" in parts:
            preds = [s for s in pred["sentences"] if s["heading"]]
            used = set()
            c["head_pred"] += len(preds)
            for s in gold["sentences"]:
                if not s["heading"]:
                    continue
                c["head_gold"] += 1
                need = (s["end"] - s["start"]) / 2
                for i, q in enumerate(preds):
                    if i in used:
                        continue
                    ov = min(s["end"], q["end"]) - max(s["start"], q["start"])
                    if ov >= need and ov > 0:
                        used.add(i)
                        c["head_found"] += 1
                        c["head_depth_right"] += q["heading"] == s["heading"]
                        break

    def result(self) -> dict:
        c, r = self.c, {}
        if c["unit_gold"]:
            r["units_p"], r["units_r"], r["units_f"] = prf(c["unit_tp"], c["unit_pred"], c["unit_gold"])
        if any(k.startswith("ent_gold_") for k in c):
            tp = sum(c[f"ent_tp_{l}"] for l in ENTITY_LABELS)
            npred = sum(c[f"ent_pred_{l}"] for l in ENTITY_LABELS)
            ngold = sum(c[f"ent_gold_{l}"] for l in ENTITY_LABELS)
            r["ents_p"], r["ents_r"], r["ents_f"] = prf(tp, npred, ngold)
            r["ents_per_type"] = {
                l: dict(zip(("p", "r", "f"), prf(c[f"ent_tp_{l}"], c[f"ent_pred_{l}"], c[f"ent_gold_{l}"])),
                        n=c[f"ent_gold_{l}"])
                for l in ENTITY_LABELS if c[f"ent_gold_{l}"] or c[f"ent_pred_{l}"]}
        if c["sec_chars"]:
            r["sections_acc"] = c["sec_correct"] / c["sec_chars"]
            per = {l: prf(c[f"sec_tp_{l}"], c[f"sec_pred_{l}"], c[f"sec_gold_{l}"])[2]
                   for l in SECTIONS if c[f"sec_gold_{l}"]}
            r["sections_macro_f"] = sum(per.values()) / len(per)
            r["sections_per_type"] = per
        if c["dir_units"]:
            r["directives_acc"] = c["dir_correct"] / c["dir_units"]
            per = {l: prf(c[f"dir_tp_{l}"], c[f"dir_pred_{l}"], c[f"dir_gold_{l}"])[2]
                   for l in DIRECTIVES if c[f"dir_gold_{l}"]}
            r["directives_macro_f"] = sum(per.values()) / len(per)
            r["directives_per_type"] = per
            r["directives_binary_f"] = prf(c["dir_bin_tp"], c["dir_bin_pred"], c["dir_bin_gold"])[2]
        if c["head_gold"] or c["head_pred"]:
            r["headings_p"], r["headings_r"], r["headings_f"] = prf(c["head_found"], c["head_pred"], c["head_gold"])
            r["headings_depth_acc"] = c["head_depth_right"] / c["head_found"] if c["head_found"] else 0.0
        return r


def score_records(gold: Iterable[dict], pred: Iterable[dict], parts: Sequence[str] = PARTS) -> dict:
    """Score predicted records against gold ones, matched by position."""
    t = Tally()
    for g, p in zip(gold, pred):
        t.add(g, p, parts)
    return t.result()
