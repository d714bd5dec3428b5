"""Year on year across editions (issue 15, k): the fivefold jump compares only what is the same quantity.

The first 2021-format report against a 2019-format one: cells of the same path, kind and name are compared;
a quantity both vocabularies name by the same concept but hold in other cells is compared as that concept
(（六）其他处理: one row in 2019, three in 2021; 行政许可's decisions); a cell is never compared with another
quantity that shares its name (2019's 行政许可 group holds 上一年项目数量 too).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from test_corpus import _patched

from reportkit import load_report
from reportkit.report.load import parse_report
from reportkit.validate import validate

from conftest import EXAMPLE

pytestmark = pytest.mark.language("zh")  # about the findings, written in Chinese

CORPUS = Path(__file__).parent / "corpus"
FIRST_2021 = {"meta.year": 2021, "meta.period_start": "2021-01-01", "meta.period_end": "2021-12-31",
              "meta.issued": "2022-03-20"}
TEXT = {"text": [["2025年，某县认真贯彻落实", "2021年，某县认真贯彻落实"], ["2026年，我县将", "2022年，我县将"]]}


def _jumps(now: dict[str, Any], before: dict[str, Any]) -> list[tuple[str, tuple[str, ...], str]]:
    base = tomllib.loads((CORPUS / "base-2021.toml").read_text("utf-8"))
    last = tomllib.loads((CORPUS / "previous-2019.toml").read_text("utf-8"))
    report = parse_report(_patched(base, {**TEXT, "data": {**FIRST_2021, **now}}), "now.toml", base=CORPUS)
    previous = parse_report(_patched(last, {"data": before}), "previous.toml", base=CORPUS)
    found = validate(report, previous)
    assert [f for f in found if f.rule != "2021.year-jump" and f.accepted is None] == []
    return [(f.rule, f.cells, f.message) for f in found if f.rule == "2021.year-jump"]


def test_the_consistent_pair_has_no_jump() -> None:
    assert _jumps({}, {}) == []


def test_a_cell_of_the_same_path_is_compared() -> None:
    assert _jumps({}, {"stats.applications.granted": [700, 3, 0, 0, 0, 0, 703]}) == [
        ("2021.year-jump", ("stats.applications.granted.natural_person",),
         "予以公开（自然人） 由上年 700 减少到 21（相差33.3倍），请核实"),
        ("2021.year-jump", ("stats.applications.granted.total",),
         "予以公开（总计） 由上年 703 减少到 21（相差33.5倍），请核实"),
    ]


def test_a_quantity_in_other_cells_is_compared_as_its_concept() -> None:
    # 2021's 行政许可 is the 本年处理决定数量 2019 held in licensing.decisions
    assert _jumps({}, {"stats.active.licensing.decisions": 1000}) == [
        ("2021.year-jump", ("stats.active.licensing",), "行政许可 本年处理决定数量 由上年 1000 增长到 10690（相差10.7倍），请核实"),
    ]
    # 2019's one row of 其他处理 against the three 2021 has
    assert _jumps({}, {"stats.applications.other_processing": [100, 0, 0, 0, 0, 0, 100]}) == [
        ("2021.year-jump", ("stats.applications.other_overdue_correction.total",
                            "stats.applications.other_overdue_fee.total", "stats.applications.other_other.total"),
         "（六）其他处理（三项之和） 由上年 100 减少到 4（相差25.0倍），请核实"),
    ]


def test_another_quantity_under_the_same_name_is_not_compared() -> None:
    # 2019's 行政许可 also holds 上一年项目数量 (120) and 本年增/减; 2021's 行政许可 (10690 decisions) is neither
    before = {"stats.active.licensing.previous": 120, "stats.active.licensing.change": -100,
              "stats.active.licensing.decisions": 9000}
    assert _jumps({}, before) == []
    assert _jumps({"stats.active.licensing": 100}, before) == [
        ("2021.year-jump", ("stats.active.licensing",), "行政许可 本年处理决定数量 由上年 9000 减少到 100（相差90.0倍），请核实"),
    ]


def test_the_2018_format_against_the_2019_one_compares_concepts() -> None:
    # the first 2019-format report (previous-2019 as this year's) against a 2018-format one (同心县 2018): no cell
    # has the same path; 收到申请 (3 → 73) and 办结 (3 → 72) are the same concepts in other cells
    data = tomllib.loads((CORPUS / "previous-2019.toml").read_text("utf-8"))
    data["meta"]["year"] = 2019  # the year after 同心县's (a report of another year is compared with nothing)
    now = parse_report(data, "now.toml", base=CORPUS)
    found = [(f.rule, f.cells, f.message) for f in validate(now, load_report(EXAMPLE)) if f.rule.endswith("year-jump")]
    assert found == [("2019.year-jump", ("stats.applications.new_received.total",),
                      "本年新收政府信息公开申请数量 由上年 3 增长到 73（相差24.3倍），请核实"),
                     ("2019.year-jump", ("stats.applications.results_total.total",),
                      "（七）总计 由上年 3 增长到 72（相差24.0倍），请核实")]
