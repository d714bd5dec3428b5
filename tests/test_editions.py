"""Editions as folders, found through one registry."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportkit import REGISTRY, DataError, Edition
from reportkit.editions.base import value_fields
from reportkit.editions.figures import leaves_of
from reportkit.editions.grid import cell_names
from reportkit.validate import Compare
from reportkit.validate.engine import short_label
from reportkit.validate.rules import Context


def test_the_national_editions_are_three_folders_with_what_they_are() -> None:
    editions = {e.name: e for e in REGISTRY.editions()}
    assert list(editions) == ["2018", "2019", "2021"]
    assert [e.document for e in editions.values()] == ["国办发〔2014〕32号", "国办公开办函〔2019〕60号",
                                                        "国办公开办函〔2021〕30号"]
    assert [e.years for e in editions.values()] == [(2014, 2018), (2019, 2020), (2021, None)]
    for edition in editions.values():
        assert edition.folder is not None and (edition.folder / "edition.toml").is_file()
        assert edition.templates == (edition.folder / "templates",) and (edition.templates[0] / "report.j2").is_file()
        # every figure is in a table, once
        assert sorted(edition.labels()) == sorted(path for path, _ in value_fields(edition.figures_class))
    assert editions["2021"].headings[0] == "总体情况" and editions["2018"].headings == ()


@pytest.mark.parametrize(("name", "message"), [
    ("2017", 'unknown edition "2017" (reports on 2017 are in edition "2018"); known editions: "2018", "2019", "2021"'),
    ("2021x", 'unknown edition "2021x" (did you mean "2021"?); known editions: "2018", "2019", "2021"'),
    ("fujian", 'unknown edition "fujian"; known editions: "2018", "2019", "2021"'),
])
def test_an_unknown_edition_is_one_message_with_a_suggestion(name: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        REGISTRY.lookup(name, "report.toml")
    assert str(caught.value) == f"report.toml: edition: {message}"


def test_the_year_chooses_the_edition() -> None:
    assert [REGISTRY.choose(None, year).name for year in (2014, 2018, 2019, 2020, 2021, 2030)] == [
        "2018", "2018", "2019", "2019", "2021", "2021"]
    with pytest.raises(DataError, match=r"^--year: no report format is known for 2010 \(2018 for 2014–2018, 2019 for "
                                        r"2019–2020, 2021 for 2021 on\); name one with --edition$"):
        REGISTRY.choose(None, 2010)


def test_column_names_agree_with_the_headers_they_repeat() -> None:
    # The names messages give the columns of 表三 and 表四 come from the headers drawn above them; the
    # edition's column_names (kept for the workbook) say the same.
    for edition in REGISTRY.editions():
        for spec in edition.table_specs().values():
            if "column_names" in spec:
                derived = cell_names({k: v for k, v in spec.items() if k != "column_names"},
                                     leaves_of(edition.figures_class))
                assert derived == cell_names(spec, leaves_of(edition.figures_class))


def test_a_national_name_is_not_taken_by_a_province(tmp_path: Path) -> None:
    folder = tmp_path / "2021"
    folder.mkdir()
    (folder / "edition.toml").write_text('name = "2021"\ntitle = "某省表"\nyears = [2021]\n[tables.t]\nwidths = [1, 1]\n'
                                         'rows = [{ cells = [{ text = "件数" }, { field = "a.b" }] }]\n', "utf-8")
    with pytest.raises(DataError, match="'2021' is the name of a national edition"):
        REGISTRY.add_folder(folder)
    assert REGISTRY.lookup("2021", "x").source == "reportkit"


def _every_edition(tmp_path: Path) -> list[Edition]:
    """The national editions and the two of docs/editions/province.md (a unit column; an extension)."""
    from test_province_edition import _files

    _files(tmp_path)
    REGISTRY.add_folder(tmp_path / "editions")
    return REGISTRY.editions()


def test_no_message_labels_a_cell_by_its_unit(tmp_path: Path) -> None:
    """Every figure of every edition: named by its row and column, given with its unit, never named by a unit."""
    editions = _every_edition(tmp_path)
    assert [e.name for e in editions] == ["2018", "2019", "2021", "fujian-2018", "fujian-2021"]
    checked = 0
    for edition in editions:
        units = {str(cell["unit"]) for spec in edition.table_specs().values() for row in spec["rows"]
                 for cell in row["cells"] if "unit" in cell}
        labels = {path: short_label(label) for path, label in edition.labels().items()}
        for path, _ in value_fields(edition.figures_class):
            label, unit = labels[path], edition.units().get(path, "")
            assert label, path
            assert not any(label == u or label.startswith(u) or f"（{u}" in label for u in units), (path, label)
            context = Context(value=lambda p, path=path: 1 if p == path else 0, labels=labels, narrative=(),
                              units=edition.units())
            [finding] = Compare("t", (path,), "=", (), "零").check(context)
            assert finding.message == f"{label} 1{unit} ≠ 零 0", path
            checked += 1
    assert checked == 58 + 198 + 200 + 22 + 201
    assert REGISTRY.lookup("fujian-2018", "t").units()["applications.received.cumulative"] == "件"
    assert REGISTRY.lookup("2021", "t").units() == {"active.fees": "万元"}
    assert REGISTRY.lookup("2018", "t").labels()["active.total"].startswith("（一）主动公开政府信息数")


def test_an_extension_adds_a_column_typed_and_named_by_its_header(tmp_path: Path) -> None:
    folder = tmp_path / "wide-2021"
    folder.mkdir()
    (folder / "edition.toml").write_text("""
name = "wide-2021"
base = "2021"
title = "表四加一列"
years = [2021]
[[add_columns]]
table = "cases"
widths = [1]
cells = [[{ text = "信访", rowspan = 3 }], [], [], [{ field = "cases.petitions", kind = "amount" }]]
""", "utf-8")
    [edition] = REGISTRY.add_folder(folder)
    assert edition.base == "2021" and edition.templates == REGISTRY.lookup("2021", "t").templates
    assert edition.labels()["cases.petitions"] == "信访"
    assert [p for p, _ in value_fields(edition.figures_class)][-1] == "cases.petitions"
    figures = edition.figures_class(cases=edition.figures_class().cases.__class__(petitions=Decimal("1.5")))
    table = edition.tables(figures)["cases"]
    assert len(table.columns) == 16 and table.rows[-1].cells[-1].text == "1.5"
    with pytest.raises(ValueError, match="expected a Decimal or whole number >= 0"):
        edition.figures_class().cases.__class__(petitions="many")
    assert isinstance(figures, REGISTRY.lookup("2021", "t").figures_class)  # still a Stats2021


def test_the_top_level_exports_the_editions_and_validate() -> None:
    import reportkit
    from reportkit.editions import Stats2019, Stats2021

    assert reportkit.Stats2019 is Stats2019 and reportkit.Stats2021 is Stats2021
    from reportkit.validate.engine import validate

    assert reportkit.validate is validate


def test_an_installed_edition_may_give_python_figures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "hotline_edition"
    package.mkdir()
    (package / "__init__.py").write_text(
        "import attrs\nfrom reportkit.editions.base import count\n\n\n@attrs.frozen\nclass Calls:\n"
        "    received: int | None = count()\n\n\n@attrs.frozen\nclass StatsHotline:\n"
        "    calls: Calls = attrs.Factory(Calls)\n", "utf-8")
    (package / "edition.toml").write_text('name = "hotline"\ntitle = "热线表"\nyears = [2021]\n'
                                          'figures = "StatsHotline"\n[tables.t]\nwidths = [2, 1]\n'
                                          'rows = [{ cells = [{ text = "来电" }, { field = "calls.received" }] }]\n',
                                          "utf-8")
    info = tmp_path / "hotline_edition-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: hotline-edition\nVersion: 1.0\n", "utf-8")
    (info / "entry_points.txt").write_text("[reportkit.editions]\nhotline = hotline_edition\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    REGISTRY.refresh()
    edition = REGISTRY.lookup("hotline", "t")
    assert edition.figures_class.__name__ == "StatsHotline" and edition.source.startswith("entry point hotline")
    assert edition.labels() == {"calls.received": "来电"}
