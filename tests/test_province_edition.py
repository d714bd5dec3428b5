"""docs/editions/province.md, run: a province's edition without Python, from the CLI, as a folder and installed."""

from __future__ import annotations

import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import pytest

from reportkit import REGISTRY, cli
from reportkit.i18n import set_language

from conftest import pdf_text, squash
from hostile import english_words

DOC = Path(__file__).resolve().parent.parent / "docs" / "editions" / "province.md"
# 本年度 and 历年累计 of each row: the channels add up, granted <= answered, cumulative >= year
YEAR = {"active.total": 10, "active.normative": 1, "applications.received": 3, "applications.in_person": 1,
        "applications.online": 2, "applications.other": 0, "applications.answered": 3, "applications.granted": 2,
        "cases.review": 0, "cases.litigation": 1, "fees.total": 0}


def _files(root: Path) -> None:
    """Write every file the page shows (a line `path`: then its code block) under ``root``."""
    found = re.findall(r"^`([^`\n]+)`:\n\n```\w+\n(.*?)^```", DOC.read_text("utf-8"), flags=re.S | re.M)
    assert len(found) == 3
    for name, text in found:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def _fill(text: str, values: dict[str, int]) -> str:
    """A blank return from `new-return` filled in: 本年度 as given, 历年累计 twice that."""
    out, section = [], ""
    for line in text.splitlines():
        header = re.match(r"^\[stats\.(.+)\]$", line)
        section = header[1] if header else section
        leaf = re.match(r'^(year|cumulative) = "待填写"', line)
        if leaf:
            value = values[section] * (1 if leaf[1] == "year" else 2)
            line = f"{leaf[1]} = {value}"
        out.append(line)
    return "\n".join(out) + "\n"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    REGISTRY.refresh()  # each command as in a process of its own: nothing registered by the one before
    status = cli.main(list(args))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _report_on_collected(report: Path) -> None:
    text = report.read_text("utf-8")
    head = text[: text.index("# The figures of the tables")]
    report.write_text(head.replace('edition = "fujian-2018"\n', 'edition = "fujian-2018"\nstats = "stats.toml"\n'),
                      "utf-8")


def _whole_project(capsys: pytest.CaptureFixture[str], *option: str) -> Path:
    """new, new-return, collect, validate, render on the Fujian edition; the project's folder."""
    status, out = _run(capsys, "new", "某县", "--county", "某县", "--year", "2018", "--edition", "fujian-2018", *option)
    assert status == 0, out
    report = Path("某县") / "report.toml"
    for unit in ("甲镇", "乙镇"):
        status, out = _run(capsys, "new-return", f"某县/returns/{unit}.toml", "--unit", unit, "--edition",
                           "fujian-2018", *option)
        assert status == 0, out
        path = Path("某县") / "returns" / f"{unit}.toml"
        path.write_text(_fill(path.read_text("utf-8"), YEAR), "utf-8")
    status, out = _run(capsys, "collect", "某县/returns/甲镇.toml", "某县/returns/乙镇.toml", "-o", "某县/stats.toml")
    assert status == 0, out
    stats = tomllib.loads((Path("某县") / "stats.toml").read_text("utf-8"))["stats"]
    assert stats["applications"]["received"] == {"year": 6, "cumulative": 12}
    _report_on_collected(report)
    status, out = _run(capsys, "validate", str(report))
    assert status == 0 and "fujian-2018." not in out, out  # the figures agree; only contact details 待填写
    status, out = _run(capsys, "render", str(report), "-o", "某县/out", "--format", "all")
    assert status == 0, out
    return Path("某县")


def _check_outputs(project: Path) -> None:
    text = squash(pdf_text(project / "out" / "report.pdf", "-raw"))
    assert "指标名称计量单位本年度历年累计" in text
    assert "主动公开政府信息数条2040" in text and "收到申请数件612" in text  # the sums of two towns
    assert "全年主动公开政府信息20条，历年累计40条" in text and "四、行政复议、行政诉讼情况" in text
    with zipfile.ZipFile(project / "out" / "report.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert "历年累计" in xml and "信函、传真等其他形式申请数" in xml


def test_the_page_s_edition_works_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    status, out = _run(capsys, "editions", "--editions", "editions")
    assert status == 0
    assert re.search(r"^fujian-2018  2015–2018  政府信息公开工作年度报告统计表  \[editions/fujian-2018\]$", out, re.M), out
    assert re.search(r"^fujian-2021  2021 on    .*\[editions/fujian-2021, extends 2021\]$", out, re.M), out
    project = _whole_project(capsys, "--editions", "editions/fujian-2018")
    assert 'editions = ["../editions/fujian-2018"]' in (project / "report.toml").read_text("utf-8")
    assert 'editions = ["../../editions/fujian-2018"]' in (project / "returns" / "甲镇.toml").read_text("utf-8")
    _check_outputs(project)
    # The figures' own checks: 历年累计 below 本年度 is an error that stops render, labelled by row and column.
    sums = project / "stats.toml"
    text, count = re.subn(r"(\[stats\.applications\.received\]\nyear = 6 .*\ncumulative = )12", r"\g<1>5",
                          sums.read_text("utf-8"))
    assert count == 1
    sums.write_text(text, "utf-8")
    status, out = _run(capsys, "render", str(project / "report.toml"), "-o", str(project / "out2"))
    assert status == 2 and not (project / "out2").exists()
    assert "[fujian-2018.cumulative-applications.received] tables: 收到申请数（历年累计） 5件 < 本年度 6件" in out
    assert "收到申请数（历年累计） 5件 ≠ 各渠道申请数之和 12件 (当面申请数（历年累计） 4件 + 网络申请数（历年累计） 8件)" in out
    # and a figure that is not a whole number is refused when read, as in the national editions
    sums.write_text(sums.read_text("utf-8").replace("cumulative = 5", 'cumulative = "五"'), "utf-8")
    status, out = _run(capsys, "validate", str(project / "report.toml"))
    assert status == 2 and out.strip().endswith(
        'stats.toml: stats.applications.received.cumulative: expected a whole number >= 0 (or "" for a blank), got "五"')


def test_the_same_edition_installed_through_the_entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    _files(tmp_path / "src")
    site = tmp_path / "site"
    package = site / "reportkit_fujian"
    shutil.copytree(tmp_path / "src" / "editions" / "fujian-2018", package)
    (package / "__init__.py").write_text('"""福建省 2018 年以前的统计表, as a reportkit edition."""\n', "utf-8")
    info = site / "reportkit_fujian-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: reportkit-fujian\nVersion: 1.0\n", "utf-8")
    (info / "entry_points.txt").write_text("[reportkit.editions]\nfujian-2018 = reportkit_fujian\n", "utf-8")
    monkeypatch.syspath_prepend(str(site))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    status, out = _run(capsys, "editions")
    assert status == 0
    assert "fujian-2018  2015–2018  政府信息公开工作年度报告统计表  [entry point fujian-2018 (reportkit_fujian)]" in out
    project = _whole_project(capsys)  # no --editions, no editions = [...]: the package provides it
    assert "editions =" not in (project / "report.toml").read_text("utf-8")
    _check_outputs(project)


def test_an_extension_of_2021_draws_its_row_and_checks_its_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    status, out = _run(capsys, "new", "某区", "--county", "某区", "--year", "2023", "--edition", "fujian-2021",
                       "--editions", "editions")
    assert status == 0, out
    report = tmp_path / "某区" / "report.toml"
    text = report.read_text("utf-8")
    assert 'confirmation = "待填写"  # 行政确认' in text  # the scaffold has the added figure, named by its row
    report.write_text(text.replace('licensing = "待填写"', "licensing = 10").replace(
        'confirmation = "待填写"', "confirmation = 12"), "utf-8")
    (tmp_path / "某区" / "templates" / "fujian-2021" / "report.j2").write_text(
        '{% extends "default/fujian-2021/report.j2" %}\n'
        "{% block active %}{{ super() }}\n\n本年办理行政确认{{ stats.active.confirmation }}件。\n{% endblock %}\n", "utf-8")
    status, out = _run(capsys, "validate", str(report))
    assert "fujian-2021.confirmation-of-licensing" in out
    assert "行政确认 12 > 行政许可处理决定数量 10" in out
    status, out = _run(capsys, "render", str(report), "-o", "out")
    assert status == 0, out
    text = squash(pdf_text(tmp_path / "out" / "report.pdf", "-raw"))
    assert "行政强制待填写行政确认12第二十条第（八）项" in text  # the added row, after 行政强制
    assert "本年办理行政确认12件。" in text  # and the figure in the narrative
    with zipfile.ZipFile(tmp_path / "out" / "report.docx") as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    assert re.search(r"行政确认</w:t>.*?>12</w:t>", xml)


@pytest.mark.parametrize(("old", "new", "error"), [
    ('{ fields = "active.total" }', '{ fields = "active.total", colspn = 2 }',
     "tables.stats.rows[2].cells[2].colspn: unknown key (expected one of: text, unit, field, fields, names, kind, "
     "colspan, rowspan, align, emphasis, indent)"),
    ('{ unit = "条" }, { fields = "active.total" }', '{ fields = "active.total" }',
     "tables.stats: table row 3 covers 3 columns, the table has 4"),
    ('kind = "amount" }', 'kind = "money" }',
     "tables.stats.rows[14].cells[2].kind: expected one of: count, amount, change"),
    ('years = [2015, 2018]', 'years = [2018, 2015]',
     "years: expected [first year] or [first year, last year], e.g. [2015, 2018]"),
    ('name = "fujian-2018"  ', 'figures = "StatsFujian"\nname = "fujian-2018"  ',
     "figures: names a Python class: an edition from a folder is data only (its figures come from its tables); "
     "Python figures need an installed package"),
    ('right = ["applications.answered.{each}"]', 'right = ["applications.answred.{each}"]',
     "rules[1].right: applications.answred.year is not a figure of the edition"),
    ('pattern = "主动公开政府信息{figure}条"', 'pattern = "(主动+)+公开{figure}条"',
     "narrative[0].pattern: a pattern is words with (?:…|…) and ? only, at most 200 characters, and {figure} where "
     "the figure stands"),
    # review #2 and #11: every rule's keys and values checked when the edition loads, by the rule's place
    ('op = "="', 'op = "~"', 'rules[0].op: expected "=", "<=" or ">=", got "~"'),
    ('op = "<="', 'op = "=="', 'rules[1].op: expected "=", "<=" or ">=", got "=="'),
    ('right_name = "申请答复数"', 'rigth_name = "申请答复数"', 'rules[1].rigth_name: unknown key (did you mean "right_name"?)'),
    ('right_name = "申请答复数"', 'right_name = "申请答复数"\nrigth = 1', 'rules[1].rigth: unknown key (did you mean "right"?)'),
    ('op = "<="', '', "rules[1].op: missing required field"),
    ('right = ["applications.answered.{each}"]', "right = []", "rules[1].right: expected at least one cell, got an empty list"),
    ('for_each = ["year", "cumulative"]', 'for_each = "year"',
     'rules[0].for_each: expected a list of the texts that replace {each}, got "year"'),
    ('severity = "error"', 'severity = "fatal"', 'rules[2].severity: expected "error", "warning" or "note", got "fatal"'),
    ('left = "applications.granted.{each}"', 'left = "applications.grantd.{each}"',
     "rules[1].left: applications.grantd.year is not a figure of the edition"),
    ('pattern = "主动公开政府信息{figure}条"', 'pattern = "(((主动公开政府信息{figure}条"',
     'narrative[0].pattern: is not a pattern that can be read (at character 3: "missing ), unterminated subpattern")'),
    ('{figure}条"', '{figur}条"', "narrative[0].pattern: expected {figure} once, where the figure stands"),
    ('fields = ["active.total.year"]', 'fields = "active.total.year"',
     'narrative[0].fields: expected a list of cells, got "active.total.year"'),
])
def test_a_mistake_in_an_edition_is_one_line_naming_its_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], old: str, new: str, error: str,
) -> None:
    _files(tmp_path)
    monkeypatch.chdir(tmp_path)
    edition = Path("editions") / "fujian-2018" / "edition.toml"
    text = edition.read_text("utf-8")
    assert text.count(old) >= 1
    edition.write_text(text.replace(old, new, 1), "utf-8")
    for language in ("en", "zh"):
        set_language(language)  # type: ignore[arg-type]
        shutil.rmtree("某县", ignore_errors=True)
        status, out = _run(capsys, "new", "某县", "--county", "某县", "--year", "2018", "--edition", "fujian-2018",
                           "--editions", "editions/fujian-2018")
        assert not Path("某县").exists()  # refused when the edition loads, before anything is written
        assert status == 2
        last = out.strip().splitlines()[-1]
        if language == "en":
            assert last == f"error: {edition}: {error}", out
        else:  # the same line in Chinese: the file and the field first, no English left but what it quotes
            assert last.startswith(f"错误：{edition}：{error.partition(':')[0]}："), out
            names = re.sub(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b", "", last)  # ids such as granted-year are names
            assert english_words(names) == [], last
