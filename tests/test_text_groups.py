"""Class b of issue 15 beyond the corpus: a text figure for a group of 表三 rows is checked against the group's
sum (不予公开 = its eight rows, 其他处理 = the 2021 format's three), and a figure that is one row of the group
is named as that row."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from test_corpus import _patched

from reportkit.report.load import parse_report
from reportkit.validate import validate

CORPUS = Path(__file__).parent / "corpus"
REFUSED = tuple(f"stats.applications.refused_{row}.total" for row in (
    "state_secret", "other_law", "security", "third_party", "internal_affairs", "process", "enforcement_file",
    "admin_query"))
OTHER = ("stats.applications.other_overdue_correction.total", "stats.applications.other_overdue_fee.total",
         "stats.applications.other_other.total")


def _found(old: str, new: str) -> list[tuple[str, tuple[str, ...], str]]:
    base = tomllib.loads((CORPUS / "base-2021.toml").read_text("utf-8"))
    report = parse_report(_patched(base, {"text": [[old, new]]}), "r.toml", base=CORPUS)
    return [(f.rule, f.cells, f.message) for f in validate(report) if f.accepted is None]


@pytest.mark.parametrize(("old", "new", "cells", "start", "hint"), [
    ("不予公开4件", "不予公开3件", REFUSED, "正文“不予公开3件”与表格不符：（三）不予公开（八项之和） 4（", None),
    ("不予公开4件", "不予公开2件", REFUSED, "正文“不予公开2件”与表格不符：（三）不予公开（八项之和） 4（",
     "；2只是其中“属于四类过程性信息（总计）”一项"),
    ("其他处理4件", "其他处理2件", OTHER, "正文“其他处理2件”与表格不符：（六）其他处理（三项之和） 4（",
     "；2只是其中“申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请（总计）”一项"),
])
def test_a_group_figure_is_the_groups_sum(old: str, new: str, cells: tuple[str, ...], start: str,
                                          hint: str | None) -> None:
    assert _found(old, old) == []  # the base states the sums: clean
    found = _found(old, new)
    assert [(rule, found_cells) for rule, found_cells, _ in found] == [("2021.text-table", cells)]
    message = found[0][2]
    assert message.startswith(start)
    assert message.endswith(hint) if hint else message.endswith("）")
