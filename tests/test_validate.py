"""The rule engine: the 2018 rules with consistent and broken figures, the narrative, the CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from reportkit import AnnualReport, cli
from reportkit.batch import jobs
from reportkit.document.model import Paragraph
from reportkit.editions import get_value
from reportkit.editions.base import value_fields
from reportkit.validate import Compare, Finding, Severity, parse_figure, rules_of, validate
from reportkit.validate.vocabulary import vocabulary

from conftest import EXAMPLE


def with_value(report: AnnualReport, path: str, value: object) -> AnnualReport:
    section, name = path.split(".")
    stats = report.stats
    part = attrs.evolve(getattr(stats, section), **{name: value})
    return attrs.evolve(report, stats=attrs.evolve(stats, **{section: part}))  # type: ignore[misc]


@pytest.fixture()
def clean(example: AnnualReport) -> AnnualReport:
    """The example with its two published slips corrected."""
    fixed = with_value(example, "applications.answered", 5)
    return attrs.evolve(fixed, body=(), accepted=())


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_the_example_has_exactly_the_two_published_inconsistencies(example: AnnualReport) -> None:
    findings = validate(example)
    assert [(f.rule, f.severity) for f in findings] == [
        ("2018.answers-sum", Severity.ERROR),  # a table that does not add up: an error, kept by [[accept]]
        ("2018.text-table", Severity.WARNING),
    ]
    assert all(f.accepted for f in findings)
    assert findings[0].message == "申请答复数 3件 ≠ 各类答复之和 5件（属于已主动公开范围数 2件 + 同意公开答复数 3件）"
    assert "15万余" in findings[1].message and "15607" in findings[1].message
    assert findings[1].where.startswith("正文 二、主动公开政府信息情况")


def test_a_corrected_report_is_clean(clean: AnnualReport) -> None:
    assert validate(clean) == []


def _compare_rules(report: AnnualReport) -> list[Compare]:
    return [rule for rule in rules_of(report.edition_info) if isinstance(rule, Compare)]


def test_every_table_rule_catches_a_broken_figure(clean: AnnualReport) -> None:
    rules = _compare_rules(clean)
    assert len(rules) >= 10
    for rule in rules:
        left = get_value(clean.stats, rule.left[0])
        assert isinstance(left, int)
        # Break it: a total one too big ("=" and "<="), or one short of its parts (">=").
        if rule.op == ">=":
            part = get_value(clean.stats, rule.right[0])
            assert isinstance(part, int)
            broken = with_value(clean, rule.right[0], part + left + 1)
        else:
            broken = with_value(clean, rule.left[0], left + 10**6)
        found = [f for f in validate(broken) if f.rule == rule.id]
        assert len(found) == 1, rule.id
        assert found[0].cells[0] == f"stats.{rule.left[0]}"


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_a_blank_in_a_sum_is_reported_not_taken_for_zero(clean: AnnualReport) -> None:
    broken = with_value(clean, "applications.fax", None)
    found = [f for f in validate(broken) if f.rule == "2018.received-sum"]
    assert [f.message for f in found] == ["传真申请数 为空（空白不等于 0），无法核对 收到申请数 与各渠道申请数之和"]


def test_the_example_blank_cell_is_not_a_finding(example: AnnualReport) -> None:
    assert get_value(example.stats, "responses.other") is None
    assert all("responses.other" not in " ".join(f.cells) for f in validate(example))


@pytest.mark.parametrize("value", [-1, 2.5, "3", True])
def test_values_built_in_python_are_refused_naming_the_field(clean: AnnualReport, value: object) -> None:
    with pytest.raises(ValueError, match=r"^Meetings\.trainees: expected a whole number >= 0 or None"):
        with_value(clean, "meetings.trainees", value)


def test_money_may_have_decimals(clean: AnnualReport) -> None:
    assert validate(with_value(clean, "fees.total", Decimal("1.25"))) == []


@pytest.mark.parametrize(("text", "low", "high"), [
    ("3", 3, 3), ("9000多", 9000, 9999), ("3000余", 3000, 3999), ("15万余", 150000, 159999),
    ("1.5万余", 15000, 15999), ("近400", 300, 400), ("约400", 300, 500), ("1990余", 1990, 1999),
    ("100余", 100, 199), ("2万", 20000, 20000),
])
def test_written_figures(text: str, low: int, high: int) -> None:
    assert parse_figure(text) == (Decimal(low), Decimal(high))


def test_every_table_concept_of_the_vocabulary_is_read_in_the_text(clean: AnnualReport) -> None:
    words = vocabulary(clean.edition_info, tuple(path for path, _ in value_fields(clean.edition_info.figures_class)))
    concepts = [c for c in words.concepts if len(c.cells) == 1]
    assert len(concepts) >= 7
    for concept in concepts:
        term = concept.terms[0].replace("…", "")
        text = attrs.evolve(clean, body=(Paragraph(f"全年{term}123456{concept.unit}。"),))
        found = [f for f in validate(text) if f.rule == "2018.text-table"]
        assert [f.cells for f in found] == [(f"stats.{concept.cells[0]}",)], concept.id


def test_validate_json_lists_exactly_the_two_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(EXAMPLE), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["rule"] for f in data["findings"]] == ["2018.answers-sum", "2018.text-table"]
    assert data["summary"] == "no findings (2 accepted)" and all(f["accepted"] for f in data["findings"])
    assert data["findings"][0]["cells"][0] == "stats.applications.answered"


@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_validate_table_and_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", str(EXAMPLE), "--strict"]) == 0  # its two slips are accepted
    assert capsys.readouterr().out == f"{EXAMPLE}: 未发现问题（已接受 2 处）\n"
    data = tmp_path / "report.toml"
    text = EXAMPLE.read_text("utf-8")
    data.write_text(text[:text.index("[[accept]]")].replace('templates = "templates"', f'templates = "{EXAMPLE.parent / "templates"}"'), "utf-8")
    assert cli.main(["validate", str(data)]) == 2  # the table's slip is an error without its [[accept]]
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"{data}: 发现 2 处：错误 1 处、警告 1 处、提示 0 处"
    assert "错误  2018.answers-sum" in out and "申请答复数 3件 ≠ 各类答复之和 5件" in out


def test_render_prints_warnings_and_strict_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "report.toml"
    text = EXAMPLE.read_text("utf-8")
    # the example without the [[accept]] of its text slip: a warning
    data.write_text(text[:text.rindex("[[accept]]")].replace('templates = "templates"', f'templates = "{EXAMPLE.parent / "templates"}"'), "utf-8")
    assert cli.main(["render", str(data), "-o", str(tmp_path / "a"), "--format", "pdf"]) == 0
    err = capsys.readouterr().err
    assert (f"warning: {data}: [2018.text-table] text 二、主动公开政府信息情况, paragraph 1: the text "
            "“全年累计公开政府信息15万余条” does not match the tables") in err
    assert "answers-sum" not in err  # accepted
    assert cli.main(["render", str(data), "-o", str(tmp_path / "b"), "--strict"]) == 1
    assert not (tmp_path / "b").exists()


def test_render_refuses_errors_unless_forced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    error = Finding("test.error", Severity.ERROR, ("stats.active.total",), "主动公开政府信息数 为负数 -1")
    monkeypatch.setattr(jobs, "validate", lambda report, previous=None: [error])
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "a")]) == 2
    assert not (tmp_path / "a").exists()
    assert "--force" in capsys.readouterr().err
    assert cli.main(["render", str(EXAMPLE), "-o", str(tmp_path / "b"), "--force", "--format", "pdf"]) == 0
    assert (tmp_path / "b" / "report.pdf").exists()
    assert cli.main(["validate", str(EXAMPLE)]) == 2


@pytest.mark.parametrize(("changes", "found"), [
    ({}, []),
    ({"issued": dt.date(2019, 3, 31)}, []),
    ({"period_start": dt.date(2017, 1, 1), "period_end": dt.date(2017, 12, 31)},
     [("meta-period", "meta.period_start", "统计期限 2017-01-01—2017-12-31 不在 2018 年内")]),
    ({"issued": dt.date(2018, 6, 1)}, [("meta-issued", "meta.issued", "成文日期 2018-06-01 早于统计期限结束 2018-12-31")]),
    ({"issued": dt.date(2019, 4, 1)}, [("meta-issued", "meta.issued", "成文日期 2019-04-01 晚于法定公布期限 2019-03-31"
                                                                   "（人民政府的年度报告于3月31日前公布，meta.kind = \"government\"）")]),
    ({"issued": dt.date(2019, 2, 1), "kind": "department"},
     [("meta-issued", "meta.issued", "成文日期 2019-02-01 晚于法定公布期限 2019-01-31（部门的年度报告于1月31日前公布，"
                                     "meta.kind = \"department\"）")]),
])
@pytest.mark.language("zh")  # asserts the findings in Chinese, as written
def test_dates_are_checked_against_the_year(
    clean: AnnualReport, changes: dict[str, Any], found: list[tuple[str, str, str]],
) -> None:
    report = attrs.evolve(clean, meta=attrs.evolve(clean.meta, **changes))
    assert [(f.rule, f.where, f.message) for f in validate(report) if f.rule.startswith("meta-")] == found
