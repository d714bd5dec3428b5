"""The one table language of every edition: a table drawn on an exact grid, described as data.

This is the API the DOCX, PDF, HTML and workbook code build on; an edition's ``edition.toml`` holds one
``[tables.<name>]`` per table:

    [tables.active]
    widths = [3, 2, 2, 2]                   # relative column widths, one per grid column
    align = ["left", "center"]              # the columns' alignment (optional; missing ones: center)
    font_size = 12                          # points (optional)
    rows = [
      { header = true, cells = [{ text = "信息内容" }, { text = "本年制发件数" }, …] },
      { cells = [{ text = "规章" }, { fields = "active.regulations" }] },
      { cells = [{ text = "1.当面申请数", indent = 2 }, { unit = "件" }, { field = "applications.in_person" }] },
    ]

A row is ``{ cells = [...] }``; ``header = true`` rows at the top repeat on every page the table runs onto;
``labels = true`` marks a row inside the table that names the columns of the rows under it (表二's 信息内容 |
本年制发件数 …), for a renderer that ties cells to their headings (HTML).
A cell (each takes ``colspan``; text cells also ``rowspan``, ``align``, ``emphasis``, ``indent``):

- ``{ text = "…" }``: words (a row label, a column header, a section heading);
- ``{ unit = "件" }``: a 计量单位 cell: printed as it is, and the unit of every figure of its row;
- ``{}``: a blank cell (a heading row's 单位 and 统计数);
- ``{ field = "a.b" }``: one figure, by its dotted path in the edition's figures;
- ``{ fields = "a" }``: every figure under ``a``, one cell each, in the order of the figures class; an edition
  without Python names them: ``{ fields = "a", names = ["year", "total"] }``, or once for the table with
  ``names = [...]`` beside ``widths``.

A figure cell may say its ``kind`` (``count``: 件、条 … a whole number >= 0, the default; ``amount``: money,
decimals allowed; ``change``: a whole number, negative for a decrease) and its ``unit`` when the header prints
it (``本年收费金额（单位：万元）``): the unit goes into messages, never a second time into the table.

Messages name a figure by its row and column, never by a unit cell (:func:`cell_names`): the row's label is its
last text cell; a row with more than one figure adds the column's header, the nearest text above the figure in
its grid column ("规章（本年制发件数）"); ``column_names = { leaf = "…" }`` names columns the headers do not.
A row with no label (表四) is named by the headers above each figure ("行政复议（结果维持）").

Functions: :func:`grid_table` (figures -> the generic :class:`~reportkit.document.table.Table`),
:func:`figure_cells` (every figure cell of a table: path, kind, unit), :func:`cell_names`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from attrs import frozen

from reportkit.document.table import Align, Cell, Column, Row, Table

Spec = Mapping[str, Any]  # one [tables.<name>] of an edition's data
FIGURE_KEYS = ("field", "fields")


@frozen
class FigureCell:
    """A cell of the grid that holds a figure: where it is, what it is called, its kind and unit."""

    path: str
    row: int  # index in the table's rows
    column: int  # grid column it starts in
    kind: str | None  # as the grid declares it (None: not declared)
    unit: str | None


def is_figure(entry: Mapping[str, Any]) -> bool:
    return any(key in entry for key in FIGURE_KEYS)


def expand(entry: Mapping[str, Any], leaves: Callable[[str], list[str]]) -> list[str]:
    """The paths of a figure cell: one for ``field``; for ``fields``, ``names`` or the figures' own leaves."""
    if "field" in entry:
        return [str(entry["field"])]
    prefix = str(entry["fields"])
    names = entry.get("names")
    return [f"{prefix}.{name}" for name in names] if names is not None else leaves(prefix)


def _placed(spec: Spec, leaves: Callable[[str], list[str]]) -> Iterator[tuple[int, int, Mapping[str, Any], str | None]]:
    """Every cell as (row, grid column, entry, path): a ``fields`` entry once per path; spans skipped."""
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(spec["rows"]):
        c = 0
        for entry in row["cells"]:
            paths: list[str | None] = list(expand(entry, leaves)) if is_figure(entry) else [None]
            for path in paths:
                while (r, c) in covered:
                    c += 1
                yield r, c, entry, path
                span_rows = 1 if path is not None else int(entry.get("rowspan", 1))
                for dr in range(span_rows):
                    for dc in range(int(entry.get("colspan", 1))):
                        covered.add((r + dr, c + dc))
                c += int(entry.get("colspan", 1))


def figure_cells(spec: Spec, leaves: Callable[[str], list[str]]) -> list[FigureCell]:
    """Every figure of the table in reading order, with the unit of its row's 计量单位 cell unless it has one."""
    out: list[FigureCell] = []
    placed = list(_placed(spec, leaves))
    row_units: dict[int, str] = {}  # each row's first 计量单位 cell
    for r, _column, entry, path in placed:
        if path is None and "unit" in entry:
            row_units.setdefault(r, str(entry["unit"]))
    for r, c, entry, path in placed:
        if path is None:
            continue
        unit = entry.get("unit", row_units.get(r))
        out.append(FigureCell(path, r, c, entry.get("kind"), None if unit is None else str(unit)))
    return out


def _text_cells(spec: Spec, leaves: Callable[[str], list[str]]) -> dict[tuple[int, int], str]:
    """The words covering each (row, column) of the grid, spans included; unit and figure cells excluded."""
    grid: dict[tuple[int, int], str] = {}
    for r, c, entry, path in _placed(spec, leaves):
        if path is None and "text" in entry:
            for dr in range(int(entry.get("rowspan", 1))):
                for dc in range(int(entry.get("colspan", 1))):
                    grid[(r + dr, c + dc)] = str(entry["text"])
    return grid


def cell_names(spec: Spec, leaves: Callable[[str], list[str]]) -> dict[str, str]:
    """What messages call each figure of the table (see the module's docstring), by its path."""
    names: Mapping[str, str] = spec.get("column_names", {})
    texts = _text_cells(spec, leaves)
    figures = figure_cells(spec, leaves)
    figure_at = {(f.row, f.column) for f in figures}
    in_row = Counter(f.row for f in figures)
    out: dict[str, str] = {}
    for figure in figures:
        row = spec["rows"][figure.row]
        label = next((str(e["text"]) for e in reversed(row["cells"]) if "text" in e), "")
        above = [texts[(r, figure.column)] for r in range(figure.row) if (r, figure.column) in texts
                 and (r, figure.column) not in figure_at]
        leaf = figure.path.rpartition(".")[2]
        column = names.get(leaf) or (above[-1] if above else leaf)
        if not label:
            chain = list(dict.fromkeys(above))  # a header spanning rows is one name
            out[figure.path] = "·".join(chain[:-1]) + f"（{column}）" if len(chain) > 1 else column
        elif in_row[figure.row] > 1:
            out[figure.path] = f"{label}（{column}）"
        else:
            out[figure.path] = label
    return out


def _cells(entry: Mapping[str, Any], values: Callable[[str], Any], leaves: Callable[[str], list[str]]) -> list[Cell]:
    span = int(entry.get("colspan", 1))
    if is_figure(entry):
        return [Cell(values(path), colspan=span, align=Align.CENTER) for path in expand(entry, leaves)]
    align = Align(entry["align"]) if "align" in entry else None
    text = entry["text"] if "text" in entry else entry.get("unit")
    return [Cell(text, colspan=span, rowspan=int(entry.get("rowspan", 1)), align=align,
                 indent=int(entry.get("indent", 0)), emphasis=bool(entry.get("emphasis", False)))]


def grid_table(spec: Spec, values: Callable[[str], Any], leaves: Callable[[str], list[str]]) -> Table:
    """Build the table ``spec`` with ``values(path)`` in its figure cells.

    ``leaves(prefix)``: the paths of the figures under ``prefix``, for ``{ fields = … }`` cells.
    """
    aligns = list(spec.get("align", []))
    columns = tuple(Column("", width=float(w), align=Align(aligns[k]) if k < len(aligns) else Align.CENTER)
                    for k, w in enumerate(spec["widths"]))
    rows = tuple(
        Row(tuple(cell for entry in row["cells"] for cell in _cells(entry, values, leaves)),
            is_header=bool(row.get("header", False)), labels=bool(row.get("labels", False)))
        for row in spec["rows"]
    )
    return Table(columns=columns, rows=rows, font_size=spec.get("font_size"))
