"""Tables drawn on an exact grid, described as data: the 2019 and 2021 tables with their merged cells.

A table in an edition's data file:

    [tables.active]
    widths = [3, 2, 2, 2]                   # relative column widths
    font_size = 12                          # points (optional)
    rows = [
      { header = true, cells = [{ text = "信息内容" }, { text = "本年制发件数" }, …] },
      { cells = [{ text = "规章" }, { fields = "active.regulations" }] },
    ]

A cell is ``{ text = … }`` (with ``colspan``, ``rowspan``, ``align``, ``emphasis``), ``{ field = "a.b" }`` (one
figure) or ``{ fields = "a" }`` (every figure under ``a``, one cell each, in the order of the figures class).
Header rows at the top repeat on every page the table runs onto; ``labels = true`` marks a row inside the table
that names the columns of the rows under it (表二's 信息内容 | 本年制发件数 …).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from reportkit.document.table import Align, Cell, Column, Row, Table
from reportkit.editions.base import get_value, value_fields


def _subtree(figures: object, path: str) -> list[str]:
    obj: Any = figures
    for part in path.split("."):
        obj = getattr(obj, part)
    return [f"{path}.{leaf}" for leaf, _ in value_fields(type(obj))] if attrs.has(type(obj)) else [path]


def _cells(entry: Mapping[str, Any], figures: object) -> list[Cell]:
    if "fields" in entry or "field" in entry:
        paths = _subtree(figures, entry["fields"]) if "fields" in entry else [entry["field"]]
        span = entry.get("colspan", 1)
        return [Cell(get_value(figures, path), colspan=span, align=Align.CENTER) for path in paths]
    align = Align(entry["align"]) if "align" in entry else None
    return [Cell(entry["text"], colspan=entry.get("colspan", 1), rowspan=entry.get("rowspan", 1), align=align,
                 emphasis=entry.get("emphasis", False))]


def grid_table(spec: Mapping[str, Any], figures: object) -> Table:
    """Build the table ``spec`` (one ``[tables.<name>]`` of an edition's data) from the figures."""
    columns = tuple(Column("", width=float(w), align=Align.CENTER) for w in spec["widths"])
    rows = tuple(
        Row(tuple(cell for entry in row["cells"] for cell in _cells(entry, figures)),
            is_header=row.get("header", False), labels=row.get("labels", False))
        for row in spec["rows"]
    )
    return Table(columns=columns, rows=rows, font_size=spec.get("font_size"))


def grid_labels(spec: Mapping[str, Any], figures_class: type) -> dict[str, str]:
    """Names for messages: the row's label for a single field, "label（column）" for a row of fields."""
    labels: dict[str, str] = {}
    names: dict[str, str] = spec.get("column_names", {})
    for row in spec["rows"]:
        label = next((c["text"] for c in reversed(row["cells"]) if "text" in c), "")
        for entry in row["cells"]:
            if "field" in entry:
                labels[entry["field"]] = label
            elif "fields" in entry:
                prefix = entry["fields"] + "."
                for path, _ in value_fields(figures_class):
                    if path.startswith(prefix):
                        leaf = path[len(prefix):]
                        labels[path] = f"{label}（{names.get(leaf, leaf)}）"
    return labels
