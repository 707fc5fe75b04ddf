"""The seeds' second directive reading: it covers the gold's units exactly,
and a sheet that does not is refused rather than scored."""
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHEET = ROOT / "tests" / "seed_directives_second_reading.tsv"


def _module():
    spec = importlib.util.spec_from_file_location("second_reading", ROOT / "scripts" / "second_reading.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_second_reading_covers_every_seed_unit(seeds):
    from govspeech.labels import DIRECTIVES
    records = _module().second_reading(seeds, SHEET)
    assert sum(len(r["sentences"]) for r in records) == sum(len(g["sentences"]) for g in seeds)
    assert {s["directive"] for r in records for s in r["sentences"]} <= set(DIRECTIVES)
    # it is a reading of its own, not a copy of the gold
    assert any(a["directive"] != b["directive"]
               for g, r in zip(seeds, records) for a, b in zip(g["sentences"], r["sentences"]))


def test_second_reading_refuses_a_sheet_that_misses_a_unit(seeds, tmp_path):
    lines = SHEET.read_text(encoding="utf-8").splitlines()
    short = tmp_path / "short.tsv"
    short.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="units differ"):
        _module().second_reading(seeds, short)
