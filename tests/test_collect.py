"""Townships' and departments' returns added up into the county's figures (`reportkit collect`)."""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import attrs
import pytest

from reportkit import AnnualReport, cli, load_report
from reportkit.editions import REGISTRY, Stats2018, Stats2021, get_value, value_fields
from reportkit.editions.base import PENDING
from reportkit.report import DataError
from reportkit.report.collect import collect
from reportkit.report.figures import read_figures, stats_toml, sum_figures
from reportkit.report.reader import Reader
from reportkit.validate import Compare, Severity, validate
from reportkit.validate import engine as validate_engine
from reportkit.validate import load as rule_loading

from conftest import EXAMPLE, pdf_text

PINGTAN = EXAMPLE.parent.parent / "pingtan-2022" / "report.toml"


def _stats_2018(**changes: object) -> object:
    """The 同心县 example's figures with some cells changed: {"applications.received": 5}."""
    data: dict[str, Any] = tomllib.loads(EXAMPLE.read_text("utf-8"))["stats"]
    for path, value in changes.items():
        section, name = path.split(".")
        data[section][name] = value
    return read_figures(Reader("test"), Stats2018, data, "stats")


def test_cells_add_up_and_blank_and_pending_keep_their_meaning() -> None:
    a = _stats_2018(**{"applications.received": 3, "meetings.trainees": ""})
    b = _stats_2018(**{"applications.received": 4, "meetings.trainees": 10, "meetings.meetings": PENDING})
    total, pending = sum_figures(Stats2018, [("甲镇", a), ("乙局", b)])
    assert get_value(total, "applications.received") == 7
    assert get_value(total, "meetings.trainees") == 10  # a blank beside a number adds nothing
    assert get_value(total, "responses.other") is None  # blank in every return: blank, not 0
    assert get_value(total, "meetings.meetings") == PENDING and pending == {"meetings.meetings": ("乙局",)}
    for path, _ in value_fields(Stats2018):  # every other cell is the plain sum
        if path not in ("applications.received", "meetings.trainees", "meetings.meetings", "responses.other"):
            assert get_value(total, path) == 2 * get_value(a, path), path  # type: ignore[operator]


def _returns(folder: Path, units: dict[str, object], edition: str = "2021") -> list[Path]:
    paths = []
    for i, (unit, figures) in enumerate(units.items()):
        path = folder / f"r{i}.toml"
        path.write_text(f'edition = "{edition}"\nunit = "{unit}"\n' + stats_toml(edition, figures), "utf-8")
        paths.append(path)
    return paths


def test_collect_writes_the_figures_a_report_takes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = cast(Stats2021, load_report(PINGTAN).stats)
    other = attrs.evolve(stats, active=attrs.evolve(stats.active, fees=Decimal("0.01")))
    returns = _returns(tmp_path, {"甲镇": stats, "乙局": other})
    assert cli.main(["collect", *map(str, returns), "-o", str(tmp_path / "county" / "stats.toml")]) == 0
    assert "the figures of 2 returns added up (edition 2021)" in capsys.readouterr().err
    report_file = tmp_path / "county" / "report.toml"  # the example without its own [stats] tables
    body = "\n".join(_without_stats(PINGTAN.read_text("utf-8"))).replace('templates = "templates"', 'templates = ""')
    report_file.write_text(body.replace('edition = "2021"', 'edition = "2021"\nstats = "stats.toml"', 1), "utf-8")
    report = load_report(report_file)
    assert report.stats == collect(returns).total
    assert get_value(report.stats, "applications.new_received.natural_person") == 2 * 71
    assert get_value(report.stats, "active.fees") == Decimal("9116.37")  # exactly: amounts are read as text
    assert cli.main(["render", str(report_file), "-o", str(tmp_path / "out"), "--format", "pdf"]) == 0
    assert "142" in pdf_text(tmp_path / "out" / "report.pdf", "-layout")
    capsys.readouterr()


def _without_stats(text: str) -> list[str]:
    """The lines of a TOML report but its [stats…] tables."""
    out, skipping = [], False
    for line in text.splitlines():
        if line.startswith("["):
            skipping = line.startswith("[stats")
        if not skipping:
            out.append(line)
    return out


def test_what_is_still_to_fill_names_the_units(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    assert cli.main(["new-return", str(a), "--unit", "甲镇", "--year", "2022"]) == 0
    assert cli.main(["new-return", str(b), "--unit", "乙局", "--edition", "2021"]) == 0
    assert cli.main(["new-return", str(b), "--unit", "乙局", "--edition", "2021"]) == 2  # never overwritten
    assert cli.main(["new-return", str(tmp_path / "c.toml"), "--unit", "丙", "--edition", "1999"]) == 2
    capsys.readouterr()
    assert cli.main(["collect", str(a), str(b), "-o", str(tmp_path / "stats.toml")]) == 0
    cells = len(list(value_fields(REGISTRY.lookup("2021", "test").figures_class)))
    assert f"{cells} cells are still {PENDING}, waiting for: 甲镇, 乙局" in capsys.readouterr().err
    assert cli.main(["collect", str(a), str(b), "-o", str(tmp_path / "stats.json")]) == 2
    assert "stats.json: the figures are written as TOML or as a workbook" in capsys.readouterr().err
    assert cli.main(["collect", str(a), str(b), "-o", str(b)]) == 2
    assert "b.toml: is one of the returns" in capsys.readouterr().err and "unit = \"乙局\"" in b.read_text("utf-8")
    written = (tmp_path / "stats.toml").read_text("utf-8")
    assert f'natural_person = "{PENDING}"  # 一、本年新收政府信息公开申请数量（自然人） ({PENDING}: 甲镇, 乙局)' in written
    assert tomllib.loads(written)["units"] == ["甲镇", "乙局"]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda p: p[1].write_text(p[1].read_text("utf-8").replace('"2021"', '"2019"', 1), "utf-8"),
     "r1.toml: edition: is 2019, but {r0} is 2021: returns are added up only within one edition"),
    (lambda p: p[1].write_text(p[1].read_text("utf-8").replace('"乙局"', '"甲镇"', 1), "utf-8"),
     "r1.toml: unit: 甲镇 is also the unit of {r0}: a unit counted twice"),
    (lambda p: p[1].write_text(p[1].read_text("utf-8").replace("natural_person = 71", "natural_person = 7.5"), "utf-8"),
     'r1.toml: stats.applications.new_received.natural_person: expected a whole number >= 0 (or "" for a blank), '
     "got 7.5"),
    (lambda p: p[0].write_text(p[0].read_text("utf-8").replace("unit = ", "name = "), "utf-8"),
     'r0.toml: name: unknown key (expected one of: edition, editions, unit, stats)'),
])
def test_a_bad_return_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: Any, message: str,
) -> None:
    stats = load_report(PINGTAN).stats
    paths = _returns(tmp_path, {"甲镇": stats, "乙局": stats})
    edit(paths)
    out = tmp_path / "stats.toml"
    assert cli.main(["collect", *map(str, paths), "-o", str(out)]) == 2
    assert message.format(r0=paths[0]) in capsys.readouterr().err
    assert not out.exists()


def test_each_return_is_checked_on_its_own(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = cast(Stats2021, load_report(PINGTAN).stats)
    received = attrs.evolve(stats.applications.new_received, total=75)
    slip = attrs.evolve(stats, applications=attrs.evolve(stats.applications, new_received=received))
    paths = _returns(tmp_path, {"甲镇": stats, "乙局": slip})
    # A row whose 总计 is not the sum of its applicants is an error: the sum is not written unless forced.
    assert cli.main(["collect", *map(str, paths), "-o", str(tmp_path / "stats.toml")]) == 2
    err = capsys.readouterr().err
    assert f"error: {paths[1]}: 乙局: [2021." in err and "75" in err and "甲镇: [" not in err
    assert cli.main(["collect", *map(str, paths), "-o", str(tmp_path / "stats.toml"), "--force"]) == 0


def test_an_error_in_a_return_stops_the_sum_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    edition = REGISTRY.lookup("2018", "test")
    strict = [attrs.evolve(rule, severity=Severity.ERROR) if isinstance(rule, Compare) else rule
              for rule in rule_loading.rules_of(edition)]
    monkeypatch.setattr(validate_engine, "rules_of", lambda edition: tuple(strict))
    paths = _returns(tmp_path, {"甲镇": _stats_2018()}, edition="2018")  # the example's 申请答复数 slip
    out = tmp_path / "stats.toml"
    assert cli.main(["collect", str(paths[0]), "-o", str(out)]) == 2
    assert "error: a return's figures have errors; nothing written" in capsys.readouterr().err and not out.exists()
    assert cli.main(["collect", str(paths[0]), "-o", str(out), "--force"]) == 0 and out.exists()
    capsys.readouterr()


def test_a_report_names_a_figures_file_that_must_fit(tmp_path: Path) -> None:
    text = "\n".join(_without_stats(EXAMPLE.read_text("utf-8"))).replace('templates = "templates"', 'templates = ""')
    report_file = tmp_path / "report.toml"
    report_file.write_text(text.replace('edition = "2018"', 'edition = "2018"\nstats = "stats.toml"', 1), "utf-8")
    with pytest.raises(DataError, match=r"stats\.toml: cannot read the file"):
        load_report(report_file)
    (tmp_path / "stats.toml").write_text('edition = "2021"\n[stats]\n', "utf-8")
    with pytest.raises(DataError, match=r"stats\.toml: edition: the figures are for edition \"2021\", the report"):
        load_report(report_file)
    (tmp_path / "stats.toml").write_text('edition = "2018"\n' + stats_toml("2018", _stats_2018()), "utf-8")
    report: AnnualReport = load_report(report_file)
    assert report.stats == _stats_2018()
    assert [f.rule for f in validate(report) if f.where == "tables"] == ["2018.answers-sum"]


def test_names_with_quotes_are_written_as_toml_and_bad_names_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    unit = '城关镇"东区"\\'
    assert cli.main(["new-return", str(tmp_path / "r.toml"), "--unit", unit, "--edition", "2018"]) == 0
    assert cli.main(["collect", str(tmp_path / "r.toml"), "-o", str(tmp_path / "s.toml")]) == 0
    assert tomllib.loads((tmp_path / "s.toml").read_text("utf-8"))["units"] == [unit]
    assert cli.main(["new-return", str(tmp_path / "x.toml"), "--unit", "甲\n乙", "--edition", "2018"]) == 2
    assert "--unit: '甲\\n乙' must be one line of text, without the control character U+000A" in capsys.readouterr().err
    county = '某"县'
    assert cli.main(["new", str(tmp_path / "c"), "--county", county, "--year", "2018"]) == 0
    report = load_report(tmp_path / "c" / "report.toml")
    assert report.meta.county == county and report.meta.issuer == f"{county}人民政府"
    assert cli.main(["new", str(tmp_path / "d"), "--county", " ", "--year", "2018"]) == 2
    assert "--county: ' ' must not be empty" in capsys.readouterr().err and not (tmp_path / "d").exists()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_return_sent_back_unfilled_is_named(language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # In a workbook an empty cell is a blank on purpose, so a return nobody filled in would count its unit as
    # collected without a word: the unit is named in one warning; a return with figures is not.
    empty, filled = tmp_path / "乙局.xlsx", tmp_path / "甲镇.toml"
    assert cli.main(["new-return", str(empty), "--unit", "乙局", "--edition", "2021"]) == 0
    assert cli.main(["new-return", str(filled), "--unit", "甲镇", "--edition", "2021"]) == 0
    filled.write_text(filled.read_text("utf-8").replace(f'"{PENDING}"', "1"), "utf-8")
    capsys.readouterr()
    monkeypatch.setenv("REPORTKIT_LANG", language)
    assert cli.main(["collect", str(filled), str(empty), "-o", str(tmp_path / "s.toml"), "--force"]) == 0
    err = capsys.readouterr().err
    expected = {"en": f"warning: {empty}: 乙局's return has no figure filled in: is it still to be filled in?",
                "zh": f"警告：{empty}：乙局的报表一个统计数也没有填写，是否尚未填报？"}[language]
    assert [line for line in err.splitlines() if "乙局" in line and "甲镇" not in line] == [expected]
    assert "甲镇" not in "".join(line for line in err.splitlines() if "filled in" in line or "没有填写" in line)
