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

pytestmark = pytest.mark.language("zh")  # about the findings, written in Chinese

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


UNPAID = {"stats.applications.other_overdue_fee": [0, 1, 0, 0, 0, 0, 1],  # one fee notice not paid: sums kept
          "stats.applications.other_other": [0, 1, 0, 0, 0, 0, 1]}


def _words(change: dict[str, object]) -> list[tuple[str, tuple[str, ...], str, str]]:
    base = tomllib.loads((CORPUS / "base-2021.toml").read_text("utf-8"))
    report = parse_report(_patched(base, change), "r.toml", base=CORPUS)
    return [(f.rule, f.cells, f.where, f.message) for f in validate(report) if f.accepted is None]


def test_words_against_the_tables_beyond_the_corpus() -> None:
    """Class e: 未发生行政诉讼 while 表四 has a case; 未发出收费通知 while an application was dropped unpaid."""
    where_cases = "正文 四、政府信息公开行政复议、行政诉讼情况 第1段"
    assert _words({"text": [["行政诉讼案件1件，结果维持。", "未发生行政诉讼。"]]}) == [
        ("2021.text-no-litigation", ("stats.cases.litigation_direct.total",), where_cases,
         "正文“未发生行政诉讼”与表格不符：行政诉讼·未经复议直接起诉（总计） 1")]
    assert _words({"text": [["行政诉讼案件1件，结果维持。", "未发生行政诉讼。"]],
                   "data": {"stats.cases.litigation_direct": [0, 0, 0, 0, 0]}}) == []
    notice = {"text": [["本年度未收取信息处理费。", "本年度未发出收费通知，未收取信息处理费。"]]}
    assert _words(notice) == []
    assert _words({**notice, "data": UNPAID}) == [
        ("2021.text-no-fee-notice", ("stats.applications.other_overdue_fee.total",), "正文 六、其他需要报告的事项 第1段",
         "正文“未发出收费通知”与表格不符：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请（总计） 1")]


def test_an_unpaid_fee_notice_is_not_a_fee_collected() -> None:
    # “未收取信息处理费” is true when the one applicant sent a fee notice did not pay: no finding (it was one)
    assert _words({"data": UNPAID}) == []
