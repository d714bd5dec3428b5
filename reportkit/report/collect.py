"""`reportkit collect`: the county's figures as the sum of its townships' and departments' returns.

Each unit (乡镇、部门) fills a return: its name, the edition, and the same ``[stats]`` as the report. The
county's figures are their sum, cell by cell (``figures.sum_figures``), written to a file that the report
names with ``stats = "FILE"``; collecting again after a late return changes no narrative.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Sequence
from pathlib import Path

from attrs import frozen

from reportkit.editions import REGISTRY
from reportkit.editions.base import PENDING, get_value, value_fields
from reportkit.errors import listing
from reportkit.i18n import _, _n
from reportkit.report.figures import read_figures, stats_toml, sum_figures, toml_string
from reportkit.report.load import project_editions
from reportkit.report.reader import DataError, Reader, parse_file


@frozen
class UnitReturn:
    """One township's or department's figures (a 乡镇 or 部门's 统计数)."""

    unit: str
    source: str  # the file it came from
    figures: object
    year: int | None = None  # a workbook's 统计年度 (a TOML return has none)


@frozen
class Collected:
    edition: str
    returns: tuple[UnitReturn, ...]
    total: object
    pending: dict[str, tuple[str, ...]]  # path of a cell -> the units that left it 待填写
    year: int | None = None  # the year of the workbook returns, when any


def load_return(path: Path, edition_of: tuple[str, Path] | None = None) -> tuple[str, UnitReturn]:
    """A return file: ``edition``, ``unit`` and ``[stats]``; errors name the file and the field.

    ``edition_of``: the edition the return must be in, and the file that set it.
    """
    if path.suffix.lower() in (".xlsx", ".xls"):
        return _load_workbook(path, edition_of)
    r = Reader(str(path))
    data = r.table(parse_file(path, str(path)), "", ("edition", "editions", "unit", "stats"),
                   required=("edition", "unit", "stats"))
    project_editions(r, data, path.parent)
    edition = REGISTRY.lookup(data["edition"], r.source).name
    if edition_of is not None and edition != edition_of[0]:
        raise r.fail("edition", _("is {edition}, but {other} is {other_edition}: returns are added up only within "
                                  "one edition", edition=edition, other=edition_of[1], other_edition=edition_of[0]))
    # "丁塘镇 " and "丁塘镇", or a full-width and a half-width digit, are one unit: counted once.
    unit = unicodedata.normalize("NFKC", r.text(data["unit"], "unit")).strip()
    figures = read_figures(r, REGISTRY.lookup(edition, r.source).figures_class, data["stats"], "stats")
    return edition, UnitReturn(unit, str(path), figures)


def _load_workbook(path: Path, edition_of: tuple[str, Path] | None) -> tuple[str, UnitReturn]:
    if path.suffix.lower() == ".xls":
        raise DataError(str(path), "", _("old .xls workbooks are not read: open it and save it as an Excel workbook "
                                         "(.xlsx)"))
    from reportkit.workbook.layout import EDITION_NAME, UNIT_NAME, named_cell
    from reportkit.workbook.read import read_workbook  # openpyxl only when a workbook is read

    read = read_workbook(path)
    if edition_of is not None and read.edition != edition_of[0]:
        raise DataError(str(path), named_cell(EDITION_NAME),
                        _("is edition {edition}, but {other} is {other_edition}: returns are added up only within one "
                          "edition", edition=read.edition, other=edition_of[1], other_edition=edition_of[0]))
    if read.unit is None:
        raise DataError(str(path), named_cell(UNIT_NAME), _("填报单位 is empty: whose return is it?"))
    return read.edition, UnitReturn(read.unit, str(path), read.figures, read.year)


def collect(paths: Sequence[Path]) -> Collected:
    """Read every return and add them up; all in one edition, each unit once."""
    if not paths:
        raise DataError("collect", "", _("no return files given"))
    edition = load_return(paths[0])[0]
    loaded = [load_return(path, (edition, paths[0])) for path in paths]
    seen: dict[str, str] = {}
    for (_edition, unit_return), path in zip(loaded, paths, strict=True):
        if unit_return.unit in seen:
            raise DataError(str(path), "unit", _("{unit} is also the unit of {other}: a unit counted twice",
                                                 unit=unit_return.unit, other=seen[unit_return.unit]))
        seen[unit_return.unit] = str(path)
    years = {r.year: r.source for _edition, r in loaded if r.year is not None}
    if len(years) > 1:
        (first, first_source), (other, other_source) = sorted(years.items())[:2]
        raise DataError(other_source, "", _("is a return for {year}, but {first_source} is for {first}: returns are "
                                            "added up only within one year", year=other, first_source=first_source,
                                            first=first))
    returns = tuple(unit_return for _, unit_return in loaded)
    figures_class = REGISTRY.lookup(edition, str(paths[0])).figures_class
    for unit_return in returns:
        _warn_if_empty(unit_return, figures_class)
    total, pending = sum_figures(figures_class, [(r.unit, r.figures) for r in returns])
    return Collected(edition, returns, total, pending, next(iter(years), None))


class EmptyReturnWarning(UserWarning):
    """A return with every figure cell blank: most likely sent back unfilled, yet its unit would count as
    collected (in a workbook an empty cell is a blank on purpose, so nothing else tells the two apart)."""


def _warn_if_empty(unit_return: UnitReturn, figures_class: type) -> None:
    values = [get_value(unit_return.figures, path) for path, _attribute in value_fields(figures_class)]
    if all(value is None for value in values):
        warnings.warn(EmptyReturnWarning(_("{source}: {unit}'s return has no figure filled in: is it still to be "
                                           "filled in?", source=unit_return.source, unit=unit_return.unit)),
                      stacklevel=3)


# How the first line of a figures file collect wrote is recognised, in whichever language it was written.
MARK = "`reportkit collect`"


def written_by_collect(path: Path) -> bool:
    """Whether ``path`` is a figures file that ``collect`` wrote (so writing it again loses nothing)."""
    if path.suffix.lower() == ".xlsx":
        from reportkit.workbook.collected import collected_by_reportkit

        return collected_by_reportkit(path)
    try:
        with path.open("rb") as handle:
            first = handle.readline(400).decode("utf-8", "replace")
    except OSError:
        return False
    return first.startswith("# ") and MARK in first


def collected_toml(collected: Collected) -> str:
    """The figures file a report names with ``stats = "FILE"``: the sum, and where each 待填写 comes from."""
    units = ", ".join(toml_string(r.unit) for r in collected.returns)
    sources = "".join(f"#   {toml_string(r.unit)}: {toml_string(r.source)}\n" for r in collected.returns)
    # TRANSLATORS: keep `reportkit collect` in this line: it tells a figures file collect wrote (MARK).
    first = _n("The sum of {count} return, written by `reportkit collect`: collect again rather than edit.",
               "The sum of {count} returns, written by `reportkit collect`: collect again rather than edit.",
               len(collected.returns))
    header = f"# {first}\n{sources}\nedition = \"{collected.edition}\"\nunits = [{units}]\n"

    def note(path: str) -> str:
        waiting = collected.pending.get(path)
        return _(" ({pending}: {units})", pending=PENDING, units=listing(waiting)) if waiting else ""

    return header + stats_toml(collected.edition, collected.total, note)


def blank_return(unit: str, edition: str, editions: Sequence[str] = ()) -> str:
    """A return for ``unit`` to fill in: every figure 待填写, each with its 统计指标.

    ``editions``: the folders of a province's edition, from the return's folder, for ``editions = [...]``.
    """
    listed = f"editions = [{', '.join(toml_string(e) for e in editions)}]\n" if editions else ""
    header = _("{unit}'s return (统计数) for the {edition} edition. Replace every \"{pending}\": a whole\n"
               "number, or \"\" for a cell left blank on purpose (blank is not 0). The county adds the returns\n"
               "up with `reportkit collect`.", unit=unit, edition=edition, pending=PENDING)
    comments = "\n".join(f"# {line}" for line in header.splitlines())
    return (f"{comments}\n\nedition = {toml_string(edition)}\n{listed}unit = {toml_string(unit)}\n"
            + stats_toml(edition))
