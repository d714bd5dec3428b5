"""The 2019 trial format: its own 表二 (with signed 本年增/减) and 表三 (a single （六）其他处理 row)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit import cli, load_report, render_pdf
from reportkit.report import DataError
from reportkit.report.scaffold import report_toml
from reportkit.validate import validate

from conftest import pdf_text, squash


def _filled(tmp_path: Path, **values: str) -> Path:
    """A 2019 report, every figure 0 but those given ("section.row.column" = value)."""
    text = report_toml("某县", 2019, "2019").replace('templates = "templates"', 'templates = ""')
    text = text.replace('"待填写"  #', "0  #")
    for key, value in values.items():
        table, _, name = key.rpartition(".")
        head = f"[stats.{table}]\n"
        start = text.index(head)
        line_start = text.index(f"\n{name} = ", start) + 1
        line_end = text.index("  #", line_start)
        text = text[:line_start] + f"{name} = {value}" + text[line_end:]
    path = tmp_path / "report.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_2019_report_renders_its_own_tables(tmp_path: Path) -> None:
    data = _filled(tmp_path, **{
        "active.licensing.previous": "120", "active.licensing.change": "-8", "active.licensing.decisions": "95",
        "applications.new_received.natural_person": "5", "applications.new_received.total": "5",
        "applications.other_processing.natural_person": "5", "applications.other_processing.total": "5",
        "applications.results_total.natural_person": "5", "applications.results_total.total": "5",
    })
    report = load_report(data)
    assert [f for f in validate(report) if f.rule != "pending"] == []
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_pdf(report.to_document()))
    text = squash(pdf_text(pdf, "-raw"))
    assert "行政许可120-895" in text  # a decrease is written negative, as the format asks
    assert "其他对外管理服务事项" in text and "政府集中采购" in text
    assert "（六）其他处理5000005" in text  # one row, not 2021's three
    assert "申请人逾期未按收费通知" not in text


def test_2019_rules_catch_a_broken_total(tmp_path: Path) -> None:
    data = _filled(tmp_path, **{"applications.new_received.natural_person": "5", "applications.new_received.total": "5"})
    rules = {f.rule for f in validate(load_report(data))}
    # 5 new applications but no result and nothing carried forward: the 勾稽关系 fails in two columns.
    assert {"2019.balance-natural_person", "2019.balance-total"} <= rules


def test_a_change_must_be_whole(tmp_path: Path) -> None:
    data = _filled(tmp_path, **{"active.licensing.change": '"减8"'})
    with pytest.raises(DataError, match=r"stats\.active\.licensing\.change: expected a whole number, negative for a decrease"):
        load_report(data)


def test_new_2019(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["new", str(tmp_path / "c"), "--county", "某县", "--year", "2019", "--edition", "2019"]) == 0
    assert cli.main(["render", str(tmp_path / "c" / "report.toml"), "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
