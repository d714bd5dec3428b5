"""Excel workbooks: a unit fills in a return, the county collects the returns, a report takes its figures."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from reportkit import cli, load_report, render_docx, render_pdf
from reportkit.editions import REGISTRY, Edition, get_value, value_fields
from reportkit.editions.base import AMOUNT_KIND
from reportkit.report.collect import collect
from reportkit.validate import rules_of, validate_figures
from reportkit.validate.rules import PREVIOUS, Compare
from reportkit.workbook.formulas import MATCH, MISMATCH, rule_formulas
from reportkit.workbook.layout import GUIDE_SHEET, figure_cells, sheet_layouts

from conftest import EXAMPLE, need

PINGTAN = EXAMPLE.parent.parent / "pingtan-2022" / "report.toml"
E2021 = REGISTRY.lookup("2021", "test")


@pytest.fixture(scope="module")
def stats() -> object:
    """平潭's figures of 2022, as a township might return them."""
    return load_report(PINGTAN).stats


def fill(path: Path, figures: object, edition: Edition = E2021, **cells: object) -> None:
    """Type the figures into a return as a unit would (openpyxl ignores the sheet protection, as a paste does)."""
    wb = openpyxl.load_workbook(path)
    for figure, (sheet, row, col) in figure_cells(edition).items():
        value = get_value(figures, figure)
        wb[sheet].cell(row, col).value = float(value) if isinstance(value, Decimal) else value
    for a1, value in cells.items():  # "表三__D9": a cell typed by hand
        sheet, cell = a1.split("__")
        wb[sheet][cell].value = value
    wb.save(path)


def new_return(folder: Path, unit: str, edition: str = "2021") -> Path:
    path = folder / f"{unit}.xlsx"
    assert cli.main(["new-return", str(path), "--unit", unit, "--edition", edition]) == 0
    return path


def soffice_xlsx(paths: list[Path], outdir: Path) -> list[Path]:
    """The workbooks opened, recalculated and saved by LibreOffice Calc (one start for all)."""
    soffice = need("soffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{outdir}/profile", "--convert-to", "xlsx",
                    "--outdir", str(outdir), *map(str, paths)], check=True, capture_output=True, timeout=180)
    return [outdir / path.name for path in paths]


def test_a_blank_return_is_the_official_tables_protected_and_checked(tmp_path: Path) -> None:
    path = new_return(tmp_path, "丁塘镇")
    assert path.read_bytes() == new_return(tmp_path / "again", "丁塘镇").read_bytes()  # the same bytes every run
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [GUIDE_SHEET, "表二", "表三", "表四"]
    assert wb.security is not None and wb.security.lockStructure
    names = {name: wb.defined_names[name].attr_text for name in ("RK_UNIT", "RK_YEAR", "RK_EDITION")}
    assert names["RK_UNIT"] == f"'{GUIDE_SHEET}'!$B$3" and wb[GUIDE_SHEET]["B3"].value == "丁塘镇"
    assert wb[GUIDE_SHEET]["B5"].value == "2021"
    figures = figure_cells(E2021)
    kinds = {path: attribute.metadata["kind"] for path, attribute in value_fields(E2021.figures_class)}
    for layout in sheet_layouts(E2021):
        ws = wb[layout.sheet]
        assert ws.protection.sheet and ws.protection.password is None
        validations = {str(cell): dv for dv in ws.data_validations.dataValidation for cell in dv.sqref.ranges}
        for cell in layout.cells:
            target = ws.cell(cell.row, cell.col)
            assert target.protection.locked == (cell.path is None)  # only the figure cells can be typed in
            if cell.path is None:
                assert target.value == cell.text
                continue
            assert target.value is None  # blank until filled: a blank is not 0
            dv = validations[target.coordinate]
            assert dv.allow_blank and dv.formula1 == "0" and dv.operator == "greaterThanOrEqual"
            assert dv.type == ("decimal" if kinds[cell.path] == AMOUNT_KIND else "whole")
    assert (figures["active.fees"][0], wb["表二"]["B17"].coordinate) == ("表二", "B17")
    assert wb["表三"]["A7"].value == "一、本年新收政府信息公开申请数量" and figures["applications.granted.natural_person"] \
        == ("表三", 9, 4)
    assert "A4:C6" in {str(r) for r in wb["表三"].merged_cells.ranges}  # the 勾稽 note over three header rows
    formulas = rule_formulas(E2021)
    assert len(formulas) == sum(1 for r in rules_of(E2021) if isinstance(r, Compare)
                                and not any(PREVIOUS in p for p in (*r.left, *r.right)))
    notes = " ".join(str(c.value) for c in wb[GUIDE_SHEET]["A"] if c.value)
    assert "空白不等于 0" in notes and formulas[0].words in [c.value for c in wb[GUIDE_SHEET]["B"]]
    assert any(cf.sqref for cf in wb["表三"].conditional_formatting)


def test_the_cli_does_not_load_openpyxl_until_a_workbook_is_involved() -> None:
    code = "import sys, reportkit.cli; print('openpyxl' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


def _report_with_stats(folder: Path, report: Path, stats: str) -> Path:
    """``report`` with ``stats = "<stats>"`` instead of its [stats] tables, its templates where they were."""
    out, skipping = [], False
    for line in report.read_text("utf-8").splitlines():
        if line.startswith("["):
            skipping = line.startswith("[stats")
        if not skipping:
            out.append(line)
    text = "\n".join(out).replace('templates = "templates"', f'templates = "{report.parent / "templates"}"')
    path = folder / "report.toml"
    path.write_text(text.replace("\nedition = ", f'\nstats = "{stats}"\nedition = ', 1), "utf-8")
    return path


@pytest.mark.parametrize("report", [PINGTAN, EXAMPLE], ids=["2021", "2018"])
def test_export_and_read_back_renders_the_same_bytes(tmp_path: Path, report: Path) -> None:
    assert cli.main(["export", str(report), "-o", str(tmp_path / "figures.xlsx")]) == 0
    original = load_report(report)
    from_workbook = load_report(_report_with_stats(tmp_path, report, "figures.xlsx"))
    assert from_workbook.stats == original.stats
    assert render_pdf(from_workbook.to_document()) == render_pdf(original.to_document())
    assert render_docx(from_workbook.to_document()) == render_docx(original.to_document())


def _rule_sums(edition: Edition, figures: object) -> list[tuple[Any, Any]]:
    """Each checkable rule's two sides, as the validator adds them (None while a cell is blank)."""
    out = []
    for rule in rules_of(edition):
        if not isinstance(rule, Compare) or any(PREVIOUS in p for p in (*rule.left, *rule.right)):
            continue
        sides = []
        for side in (rule.left, rule.right):
            values = [(-1 if p.startswith("-") else 1, get_value(figures, p.removeprefix("-"))) for p in side]
            sides.append(None if any(v is None for _, v in values) else sum(s * v for s, v in values))  # type: ignore[operator]
        out.append((sides[0], sides[1]))
    return out


@pytest.fixture(scope="module")
def filled(stats: object, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Returns filled in with openpyxl (甲镇, 丙局; 乙镇 with one slip), and the three saved by LibreOffice Calc."""
    folder = tmp_path_factory.mktemp("returns")
    paths = {unit: new_return(folder, unit) for unit in ("甲镇", "乙镇", "丙局")}
    fill(paths["甲镇"], stats)
    partly = get_value(stats, "applications.partly_granted.natural_person")
    fill(paths["乙镇"], stats, 表三__D10=partly + 1)  # type: ignore[operator]  # （二）部分公开, 自然人: one too many
    fill(paths["丙局"], stats)
    saved = soffice_xlsx(list(paths.values()), folder / "lo")
    return {**paths, **{f"{unit}-lo": path for unit, path in zip(paths, saved, strict=True)}}


def test_libreoffice_recalculates_the_rules_to_the_validators_values(stats: object, filled: dict[str, Path]) -> None:
    slipped_figures = collect([filled["乙镇-lo"]]).total
    failing = {f.rule for f in validate_figures(E2021, slipped_figures)}
    assert failing == {"2021.results-total-natural_person", "2021.row-total-partly_granted"}
    for path, figures, wanted in ((filled["甲镇-lo"], stats, set()), (filled["乙镇-lo"], slipped_figures, failing)):
        wb = openpyxl.load_workbook(path, data_only=True)
        rows = [row for row in wb[GUIDE_SHEET].iter_rows(min_row=1, values_only=True) if isinstance(row[0], int)]
        formulas = rule_formulas(E2021)
        assert len(rows) == len(formulas)
        for row, formula, (left, right) in zip(rows, formulas, _rule_sums(E2021, figures), strict=True):
            assert (row[3], row[4]) == (left, right), formula.id
            assert row[5] == (MISMATCH if formula.id in wanted else MATCH), formula.id
        assert wb["表三"]["F2"].value == ("勾稽关系：无不符" if not wanted else "勾稽关系：2 处不符，见“填表说明”")


def test_three_returns_filled_and_collected_render_the_report(
    stats: object, filled: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    typed = new_return(tmp_path, "乙局")
    fill(typed, stats, 表三__D7="７１")  # full-width digits typed as text: taken, with a warning
    returns = [filled["甲镇"], typed, filled["丙局-lo"]]  # the last through LibreOffice Calc, as a unit might
    county = tmp_path / "county"
    county.mkdir()
    assert cli.main(["collect", *map(str, returns), "-o", str(county / "stats.xlsx")]) == 0
    err = capsys.readouterr().err
    assert '乙局.xlsx: 表三!D7: 本年新收政府信息公开申请数量（自然人）: the number "７１" was typed as text; taken as 71' in err
    assert "the figures of 3 returns added up (edition 2021)" in err
    assert cli.main(["collect", *map(str, returns), "-o", str(county / "stats.toml")]) == 0
    from_toml = load_report(_report_with_stats(county, PINGTAN, "stats.toml")).stats
    report_file = _report_with_stats(county, PINGTAN, "stats.xlsx")
    assert load_report(report_file).stats == from_toml
    assert get_value(from_toml, "applications.new_received.natural_person") == 3 * 71
    assert get_value(from_toml, "active.fees") == 3 * Decimal("9116.36")
    wb = openpyxl.load_workbook(county / "stats.xlsx")
    breakdown = list(wb["各单位明细"].iter_rows(values_only=True))
    assert breakdown[0] == ("表", "单元格", "统计指标", "合计", "甲镇", "乙局", "丙局")
    assert ("表三", "D7", "本年新收政府信息公开申请数量（自然人）", 213, 71, 71, 71) in breakdown
    assert wb["核对结果"]["E2"].value == "3 个单位的报表均未发现问题"
    assert cli.main(["render", str(report_file), "-o", str(tmp_path / "out"), "--format", "pdf"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(("damage", "message"), [
    (lambda wb: wb["表三"].insert_rows(9),
     '表三!A9: expected the label "三、本年度办理结果", found an empty cell: the table\'s layout was changed'),
    (lambda wb: setattr(wb["表三"]["C11"], "value", "1.国家秘密"),
     '表三!C11: expected the label "1.属于国家秘密", found "1.国家秘密"'),
    (lambda wb: setattr(wb["表四"], "title", "复议诉讼"),
     "表四: no such sheet (the workbook has 表二、表三、复议诉讼): a sheet was renamed or deleted"),
    (lambda wb: setattr(wb["表三"]["D9"], "value", "12件"),
     '表三!D9: 予以公开（自然人）: expected a whole number >= 0 (or an empty cell '
     'for a blank), got "12件"'),
    (lambda wb: setattr(wb["表二"]["B17"], "value", "约30"),
     '表二!B17: 行政事业性收费: expected a number >= 0 (or an empty cell for a blank), got "约30"'),
    (lambda wb: setattr(wb["表四"]["A7"], "value", 2.5),
     "表四!A7: 行政复议（结果维持）: expected a whole number >= 0 (or an empty cell for a blank), got 2.5"),
])
def test_a_broken_workbook_is_one_error_naming_the_cell_and_nothing_is_written(
    filled: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], damage: Any, message: str,
) -> None:
    broken = tmp_path / "丁塘镇.xlsx"
    wb = openpyxl.load_workbook(filled["丙局"])
    wb[GUIDE_SHEET]["B3"].value = "丁塘镇"
    damage(wb)
    wb.save(broken)
    good = filled["甲镇"]
    out = tmp_path / "stats.xlsx"
    assert cli.main(["collect", str(good), str(broken), "-o", str(out)]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {broken}: ") and message in lines[0], lines
    assert not out.exists()


def test_returns_of_another_edition_or_the_same_unit_twice_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    first, twice = new_return(tmp_path, "甲镇"), new_return(tmp_path / "copy", "甲镇")
    other = new_return(tmp_path, "乙镇", edition="2019")
    not_a_workbook = tmp_path / "丙局.xlsx"
    not_a_workbook.write_text("edition = 2021", "utf-8")
    out = tmp_path / "stats.toml"
    capsys.readouterr()
    for paths, message in (
        ([first, other], f"error: {other}: {GUIDE_SHEET}!B5: is edition 2019, but {first} is 2021: returns are "
                         "added up only within one edition"),
        ([first, twice], f"error: {twice}: unit: 甲镇 is also the unit of {first}: a unit counted twice"),
        ([first, not_a_workbook], f"error: {not_a_workbook}: is not an Excel workbook (.xlsx)"),
        ([first, tmp_path / "old.xls"], f"error: {tmp_path / 'old.xls'}: old .xls workbooks are not read: open it and save it as an Excel "
                                        "workbook (.xlsx)"),
    ):
        assert cli.main(["collect", *map(str, paths), "-o", str(out)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and message in err[0], err
        assert not out.exists()


def test_a_report_refuses_a_workbook_of_another_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", str(EXAMPLE), "-o", str(tmp_path / "figures.xlsx")]) == 0
    report = _report_with_stats(tmp_path, PINGTAN, "figures.xlsx")
    capsys.readouterr()
    assert cli.main(["render", str(report), "-o", str(tmp_path / "out")]) == 2
    assert (f"error: {tmp_path / 'figures.xlsx'}: {GUIDE_SHEET}!B5: the figures are for edition \"2018\", the report "
            "is in 2021") in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    assert cli.main(["export", str(EXAMPLE), "-o", str(tmp_path / "figures.csv")]) == 2


def test_a_workbook_is_parsed_without_entity_expansion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A hostile workbook (an XML entity bomb in a part) is refused, not expanded: openpyxl parses through defusedxml."""
    import zipfile

    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    path = new_return(tmp_path, "甲镇")
    bomb = tmp_path / "bomb.xlsx"
    laughs = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/workbook.xml":
                data = laughs.encode() + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            target.writestr(name, data)
    capsys.readouterr()
    assert cli.main(["collect", str(bomb), "-o", str(tmp_path / "stats.toml")]) == 2
    assert f"error: {bomb}: is not an Excel workbook (.xlsx) that can be read" in capsys.readouterr().err
