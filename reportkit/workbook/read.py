"""Reading a workbook back: the unit, the year, the edition and the figures, or one error naming the cell.

The workbook must be laid out as reportkit wrote it: every sheet of the edition under its name, every label
where it was. A row inserted, a label edited or a sheet renamed is refused, naming the sheet and the cell,
since the figures would otherwise be read from the wrong cells. A number typed as text ("12", full-width
"１２", what a paste gives) is taken, with a warning; anything else ("12件", "约30") is refused, naming
the cell and its 统计指标.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook

from reportkit.editions import REGISTRY, Edition
from reportkit.editions.base import AMOUNT_KIND, CHANGE_KIND, PENDING
from reportkit.i18n import _
from reportkit.render.output import reason
from reportkit.report.figures import Value, build_figures
from reportkit.report.reader import DataError, show
from reportkit.validate.engine import short_label
from reportkit.workbook import WorkbookWarning
from reportkit.workbook.layout import (
    EDITION_NAME,
    GUIDE_SHEET,
    UNIT_NAME,
    YEAR_NAME,
    Placed,
    cell_name,
    named_cell,
    sheet_layouts,
    sheet_name,
)

MAX_UNPACKED = 64 * 1024 * 1024  # bytes: a return is some 30 kB; more is not a return (or a zip bomb)
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_PLACES = re.compile(r"^0\.(0+)")


@frozen
class WorkbookFigures:
    edition: str
    unit: str | None
    year: int | None
    figures: object


def _open(path: Path, source: str) -> Workbook:
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
            if size > MAX_UNPACKED:
                raise DataError(source, "", _("unpacks to {size} MB; a return is far smaller",
                                              size=size // 1024 // 1024))
            _refuse_doctypes(archive, source)
    except OSError as exc:
        raise DataError(source, "", _("cannot read the file: {reason}", reason=reason(exc))) from None
    except zipfile.BadZipFile:
        raise DataError(source, "", _("is not an Excel workbook (.xlsx); an old .xls must be saved as .xlsx "
                                      "first")) from None
    try:
        return load_workbook(path, data_only=True)  # a formula typed in a figure cell counts as its value
    except (InvalidFileException, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise DataError(source, "", _("is not an Excel workbook (.xlsx) that can be read: {reason}",
                                      reason=_library_reason(exc))) from None


def _library_reason(exc: Exception) -> str:
    """What openpyxl said, quoted: its words are English (and say which part of the workbook)."""
    return show(str(exc) or type(exc).__name__)


def _refuse_doctypes(archive: zipfile.ZipFile, source: str) -> None:
    """No part may declare a document type: Office never writes one, and its entities are how an XML bomb works.

    openpyxl parses some parts with lxml rather than defusedxml, so this is checked here, on the raw bytes
    (UTF-16, where "<!DOCTYPE" would not show, is refused too: Office parts are UTF-8).
    """
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        data = archive.read(info)
        if b"<!DOCTYPE" in data or data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise DataError(source, "", _("is not an Excel workbook (.xlsx) that can be read: its part {part} "
                                          "declares a document type (<!DOCTYPE>) or is not UTF-8, which Excel never "
                                          "writes", part=info.filename))


def _named(wb: Workbook, source: str, name: str, what: str) -> Any:
    defined = wb.defined_names.get(name)
    destinations = list(defined.destinations) if defined is not None else []
    if len(destinations) != 1 or destinations[0][0] not in wb.sheetnames:
        raise DataError(source, sheet_name(GUIDE_SHEET), _(
            "no {what} (the cell named {name}): not a workbook written by reportkit new-return or export, or its "
            "{guide} sheet was changed", what=what, name=name, guide=GUIDE_SHEET))
    sheet, cell = destinations[0]
    return wb[sheet][cell.replace("$", "")].value


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return unicodedata.normalize("NFKC", str(value)).strip()


def _wrong(kind: str, label: str, got: object) -> str:
    """A figure cell's value that is not a figure: what the cell wants, and what it holds."""
    if kind == AMOUNT_KIND:
        return _("{label}: expected a number >= 0 (or an empty cell for a blank), got {got}", label=label, got=got)
    if kind == CHANGE_KIND:
        return _("{label}: expected a whole number, negative for a decrease (or an empty cell for a blank), got {got}",
                 label=label, got=got)
    return _("{label}: expected a whole number >= 0 (or an empty cell for a blank), got {got}", label=label, got=got)


def _figure(raw: object, kind: str, number_format: str, where: str, label: str, source: str) -> Value:
    """One figure cell's value; ``where`` is "表三!D9"."""
    value: object = raw
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()  # "１２" is 12
        if not text:
            return None
        if text == PENDING:
            return PENDING
        if _NUMBER.fullmatch(text) is None:
            raise DataError(source, where, _wrong(kind, label, show(raw)))
        value = Decimal(text) if "." in text else int(text)
        warnings.warn(WorkbookWarning(_("{source}: {where}: {label}: the number {number} was typed as text; taken "
                                        "as {value}", source=source, where=where, label=label, number=show(raw),
                                        value=value)), stacklevel=2)
    if value is None:
        return None
    if isinstance(value, bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        raise DataError(source, where, _wrong(kind, label, show(str(value))))
    if isinstance(value, float):
        value = Decimal(repr(value))  # the shortest decimal that is the float: 9116.37, not 9116.3700000000008
    if not isinstance(value, int | Decimal):
        raise DataError(source, where, _wrong(kind, label, show(str(value))))
    if kind == AMOUNT_KIND:
        if value < 0:
            raise DataError(source, where, _wrong(kind, label, value))
        places = _PLACES.match(number_format)
        amount = Decimal(value)
        shown = Decimal(1).scaleb(-len(places[1])) if places else Decimal(1)
        if amount == amount.quantize(shown):  # the decimals the cell shows, when that loses nothing
            amount = amount.quantize(shown)
        return amount
    if isinstance(value, Decimal):
        if value != value.to_integral_value():
            raise DataError(source, where, _wrong(kind, label, value))
        value = int(value)
    if kind != CHANGE_KIND and value < 0:
        raise DataError(source, where, _wrong(kind, label, value))
    return value


def _label_matches(found: object, wanted: str) -> bool:
    return _text(found) == unicodedata.normalize("NFKC", wanted).strip()


def _check_label(wb: Workbook, sheet: str, cell: Placed, source: str) -> None:
    found = wb[sheet].cell(cell.row, cell.col).value
    assert cell.text is not None
    if not _label_matches(found, cell.text):
        where = cell_name(sheet, f"{get_column_letter(cell.col)}{cell.row}")
        got = show(found) if found is not None else _("an empty cell")
        raise DataError(source, where, _("expected the label {label}, found {got}: the table's layout was changed (a "
                                         "row or column inserted or deleted, or a label edited); copy the figures "
                                         "into a fresh return from reportkit new-return", label=show(cell.text),
                                         got=got))


def read_workbook(path: Path, source: str | None = None) -> WorkbookFigures:
    """The figures of a workbook written by ``reportkit new-return``, ``export`` or ``collect -o FILE.xlsx``."""
    source = source or str(path)
    wb = _open(path, source)
    name = _named(wb, source, EDITION_NAME, "报告格式")
    REGISTRY.use_project(path.parent)  # a province's edition in editions/ beside the workbook
    edition = REGISTRY.lookup(str(name).strip() if name is not None else "", source, named_cell(EDITION_NAME))
    edition_name = edition.name
    unit = _text(_named(wb, source, UNIT_NAME, "填报单位"))
    year = _named(wb, source, YEAR_NAME, "统计年度")
    return WorkbookFigures(edition_name, unit, year if isinstance(year, int) else None,
                           _figures(wb, edition, source))


def _figures(wb: Workbook, edition: Edition, source: str) -> object:
    labels = {path: short_label(label) for path, label in edition.labels().items()}
    values: dict[str, Value] = {}
    for layout in sheet_layouts(edition):
        if layout.sheet not in wb.sheetnames:
            others = "、".join(s for s in wb.sheetnames if s != GUIDE_SHEET) or _("no other sheet")
            raise DataError(source, sheet_name(layout.sheet), _(
                "no such sheet (the workbook has {others}): a sheet was renamed or deleted, or the workbook is of "
                "another edition", others=others))
        ws = wb[layout.sheet]
        for cell in layout.labels:
            _check_label(wb, layout.sheet, cell, source)
        for cell in layout.figures:
            assert cell.path is not None
            target = ws.cell(cell.row, cell.col)
            where = cell_name(layout.sheet, f"{get_column_letter(cell.col)}{cell.row}")
            values[cell.path] = _figure(target.value, cell.kind, str(target.number_format), where,
                                        labels.get(cell.path, cell.path), source)
    return build_figures(edition.figures_class, values)
