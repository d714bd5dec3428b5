"""Findings: stable ids, [[accept]], the summary line and the machine formats (SARIF, JUnit XML)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

from reportkit import cli
from reportkit.document.model import Paragraph, Section
from reportkit.report import load_report
from reportkit.validate import validate
from reportkit.validate.findings import Acceptance, open_findings

CORPUS = Path(__file__).parent / "corpus"
BASE = CORPUS / "base-2021.toml"


def _slipped(tmp_path: Path) -> Path:
    """The corpus base with 办结 written 74 (the table: 75) and a blank 行政诉讼 总计 cell."""
    text = BASE.read_text("utf-8").replace("办结75件", "办结74件")
    path = tmp_path / "report.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_finding_id_survives_an_unrelated_edit(tmp_path: Path) -> None:
    report = load_report(_slipped(tmp_path))
    before = [f for f in validate(report) if f.rule == "2021.text-table"]
    first = next(k for k, block in enumerate(report.body) if isinstance(block, Section))
    section = report.body[first]
    assert isinstance(section, Section)
    grown = attrs.evolve(section, blocks=(Paragraph("新加的一段，与数字无关。"), *section.blocks))
    moved = attrs.evolve(report, body=(*report.body[:first], grown, *report.body[first + 1:]))
    after = [f for f in validate(moved) if f.rule == "2021.text-table"]
    assert len(before) == len(after) == 1
    assert before[0].where != after[0].where  # another paragraph number …
    assert before[0].id == after[0].id  # … the same finding


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_an_acceptance_keeps_its_finding_and_an_unused_one_is_reported(tmp_path: Path) -> None:
    report = load_report(_slipped(tmp_path))
    found = next(f for f in validate(report) if f.rule == "2021.text-table")
    kept = attrs.evolve(report, accepted=(Acceptance("text-table", "as published", found.cells),))
    assert open_findings(validate(kept)) == []
    by_id = attrs.evolve(report, accepted=(Acceptance("", "as published", id=found.id),
                                           Acceptance("2021.headings", "stale")))
    left = open_findings(validate(by_id))
    assert [(f.rule, f.message) for f in left] == [
        ("accept-unused", "第2条 [[accept]]（2021.headings）不对应任何发现，可以删去")]


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_summary_line_groups_and_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _slipped(tmp_path)
    assert cli.main(["validate", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}: 发现 1 处：错误 0 处、警告 1 处、提示 0 处"
    assert out[1] == "警告  2021.text-table"
    assert cli.main(["validate", str(path), "--format", "sarif"]) == 0
    sarif = json.loads(capsys.readouterr().out)
    result = sarif["runs"][0]["results"][0]
    assert sarif["version"] == "2.1.0" and result["ruleId"] == "2021.text-table" and result["level"] == "warning"
    assert "办结74件" in result["message"]["text"]
    assert cli.main(["validate", str(path), "--format", "junit"]) == 0
    suite = ET.fromstring(capsys.readouterr().out)
    assert suite.get("failures") == "1" and suite.find("testcase/failure") is not None


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_a_department_needs_no_county_and_has_its_own_deadline(tmp_path: Path) -> None:
    text = BASE.read_text("utf-8").replace('county = "某县"\n', 'kind = "department"\n')
    text = text.replace('issuer = "某县人民政府"', 'issuer = "某县财政局"')
    path = tmp_path / "dept.toml"
    path.write_text(text, "utf-8")
    report = load_report(path)
    assert report.meta.county == "某县财政局"
    assert [f.message for f in validate(report) if f.rule == "meta-issued"] == [
        '成文日期 2026-03-20 晚于法定公布期限 2026-01-31（部门的年度报告于1月31日前公布，meta.kind = "department"）']
    path.write_text(BASE.read_text("utf-8").replace('county = "某县"\n', ""), "utf-8")
    assert cli.main(["validate", str(path)]) == 2  # a government's report names its county
