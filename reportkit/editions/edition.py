"""An edition is one folder: ``edition.toml`` (what it is, its tables, rules and headings), its default
narrative in ``templates/``, and, for the national editions, a Python package with its typed figures.

``edition.toml``:

    name = "fujian-2018"                    # what data files write as edition = "…"
    title = "政府信息公开工作年度报告统计表"     # the format's official name
    document = "闽政办〔2015〕1号"            # the document that set it (optional)
    description = "…"                       # one line for `reportkit editions` (optional)
    years = [2015, 2018]                    # the reports it is for: [first] while in force
    headings = ["总体情况", …]               # the official level-1 headings, in order (optional)
    [tables.<name>] …                       # grids: reportkit/editions/grid.py
    [[rules]] …  [[narrative]] …            # checks: reportkit/validate/load.py

An edition without Python has its figures built from the grids' figure cells (``editions.figures``). An
extension names its ``base = "2021"`` and adds to it without copying it: ``[tables.<name>]`` (new, or in place of
the base's), ``[[add_rows]]`` (``table``, ``after`` = a row's label, ``rows``), ``[[add_columns]]`` (``table``,
``widths``, ``cells``: one list of cells per row), and rules; the rest is the base's.
"""

from __future__ import annotations

import copy
import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from attrs import field, frozen

from reportkit.document.table import Table
from reportkit.editions.base import get_value, value_fields
from reportkit.editions.figures import KINDS, build_figures, kinds_of, leaves_of
from reportkit.editions.grid import FIGURE_KEYS, Spec, cell_names, figure_cells, grid_table, is_figure
from reportkit.errors import DataError, listing, not_utf8_line, os_reason, show, toml_problem
from reportkit.i18n import _

EDITION_FILE = "edition.toml"
MAX_EDITION_BYTES = 1_000_000  # an edition's file is a few hundred lines; more is not an edition
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_TOP = ("name", "title", "document", "description", "years", "figures", "base", "headings", "tables", "rules",
        "narrative", "add_rows", "add_columns", "attachments")
_TABLE = ("widths", "align", "font_size", "column_names", "names", "rows", "title", "sheet")
_CELL = ("text", "unit", "field", "fields", "names", "kind", "colspan", "rowspan", "align", "emphasis", "indent")
# [[rules]] and [[narrative]]: the keys each may have, and those it must (reportkit/validate/load.py builds them)
_RULE = ("id", "for_each", "left", "op", "right", "right_name", "left_name", "severity")
_RULE_REQUIRED = ("id", "left", "op", "right", "right_name")
_NARRATIVE = ("id", "pattern", "fields", "severity")
_NARRATIVE_REQUIRED = ("id", "pattern", "fields")
_OPS = ("=", "<=", ">=")
_SEVERITIES = ("error", "warning", "note")
_PREVIOUS = "prev."  # a term of last year's report (reportkit.validate.rules.PREVIOUS)
# A pattern from an edition is data, not code: words, (?:…|…) and ? only, so that no pattern can take the
# validator exponential time (a repeated group inside a repetition).
_QUANTIFIER = re.compile(r"(?<!\\)[*+{]")


@frozen(eq=False)
class Edition:
    """A report format: what it is, its figures class, its tables, rules, headings and default templates."""

    name: str
    title: str
    description: str
    years: tuple[int, int | None]  # (first, last; None while in force): `new --year`, validate's edition-year
    figures_class: type
    data: Mapping[str, Any]  # tables, rules, narrative, headings: an extension's merged with its base's
    templates: tuple[Path, ...]  # the default templates, this edition's folder before its base's
    source: str  # where it comes from: "reportkit", "entry point …", or its folder
    document: str | None = None  # the document that set it, e.g. 国办公开办函〔2021〕30号
    base: str | None = None
    folder: Path | None = None  # where its edition.toml is
    _names: dict[str, str] = field(factory=dict, alias="names")
    _units: dict[str, str] = field(factory=dict, alias="units")

    @property
    def headings(self) -> tuple[str, ...]:
        """The official level-1 headings (一、总体情况 …), empty where the format fixes none."""
        return tuple(self.data.get("headings", ()))

    def table_specs(self) -> Mapping[str, Spec]:
        """The grids of the edition's tables, by name (the names data files and templates use)."""
        specs: Mapping[str, Spec] = self.data.get("tables", {})
        return specs

    def tables(self, figures: object) -> dict[str, Table]:
        leaves = leaves_of(self.figures_class)
        return {name: grid_table(spec, lambda path: get_value(figures, path), leaves)
                for name, spec in self.table_specs().items()}

    def labels(self) -> dict[str, str]:
        """What messages call each figure (its row and column, never a unit cell), by path."""
        return dict(self._names)

    def units(self) -> dict[str, str]:
        """The unit of each figure that has one (条, 件, 万元 …), by path."""
        return dict(self._units)


def _fail(source: str, path: str, message: str) -> DataError:
    return DataError(source, path, message)


def _check_keys(source: str, value: object, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(source, path, _("expected a table"))
    for key in value:
        if key not in allowed:
            raise _fail(source, f"{path}.{key}" if path else str(key), _("unknown key (expected one of: {keys})",
                                                                         keys=listing(allowed)))
    return dict(value)


def _entry_keys(source: str, value: Mapping[str, Any], path: str, allowed: tuple[str, ...],
                required: tuple[str, ...]) -> None:
    for key in value:
        if key not in allowed:
            hint = difflib.get_close_matches(str(key), allowed, n=1)
            raise _fail(source, f"{path}.{key}", _("unknown key (did you mean \"{hint}\"?)", hint=hint[0]) if hint
                        else _("unknown key (expected one of: {keys})", keys=listing(allowed)))
    for key in required:
        if key not in value:
            raise _fail(source, f"{path}.{key}", _("missing required field"))


def _check_text(source: str, entry: Mapping[str, Any], path: str, *keys: str) -> None:
    for key in keys:
        if key in entry and (not isinstance(entry[key], str) or not entry[key].strip()):
            raise _fail(source, f"{path}.{key}", _("expected text, got {value}", value=show(entry[key])))


def _check_severity(source: str, entry: Mapping[str, Any], path: str) -> None:
    if "severity" in entry and entry["severity"] not in _SEVERITIES:
        raise _fail(source, f"{path}.severity", _('expected "error", "warning" or "note", got {value}',
                                                  value=show(entry["severity"])))


def _paths(source: str, value: object, path: str) -> list[str]:
    """A rule's cells: one path or a non-empty list of paths."""
    if isinstance(value, str) and value.strip():
        return [value]
    if isinstance(value, list) and not value:
        raise _fail(source, path, _("expected at least one cell, got an empty list"))
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return list(value)
    raise _fail(source, path, _("expected a cell such as \"applications.received.year\" or a list of cells, got "
                                "{value}", value=show(value)))


def _check_rules(source: str, data: Mapping[str, Any], cls: type) -> None:
    """Each ``[[rules]]`` and ``[[narrative]]`` of the file: its keys, their values, and the cells it names, by
    its place in the file (``rules[2].op``), so that a mistake shows when the edition loads, not when a report's
    figures are first checked."""
    known = {path for path, _unused in value_fields(cls)}

    def cells(paths: list[str], items: list[str], where: str) -> None:
        for item in items:
            for cell in paths:
                bare = cell.replace("{each}", item).removeprefix("-").removeprefix(_PREVIOUS)
                if bare not in known:
                    raise _fail(source, where, _("{figure} is not a figure of the edition", figure=bare))

    for i, entry in enumerate(data.get("rules", [])):
        path = f"rules[{i}]"
        _entry_keys(source, entry, path, _RULE, _RULE_REQUIRED)
        _check_text(source, entry, path, "id", "right_name", "left_name")
        items = entry.get("for_each", [""])
        if "for_each" in entry and not (isinstance(items, list) and items
                                        and all(isinstance(v, str) and v.strip() for v in items)):
            raise _fail(source, f"{path}.for_each", _("expected a list of the texts that replace {{each}}, got "
                                                      "{value}", value=show(items)))
        if entry["op"] not in _OPS:
            raise _fail(source, f"{path}.op", _('expected "=", "<=" or ">=", got {value}', value=show(entry["op"])))
        _check_severity(source, entry, path)
        for key in ("left", "right"):
            cells(_paths(source, entry[key], f"{path}.{key}"), items, f"{path}.{key}")
    for i, entry in enumerate(data.get("narrative", [])):
        path = f"narrative[{i}]"
        _entry_keys(source, entry, path, _NARRATIVE, _NARRATIVE_REQUIRED)
        _check_text(source, entry, path, "id", "pattern")
        _check_severity(source, entry, path)
        fields = entry["fields"]
        if not (isinstance(fields, list) and fields and all(isinstance(v, str) and v.strip() for v in fields)):
            raise _fail(source, f"{path}.fields", _("expected a list of cells, got {value}", value=show(fields)))
        cells(fields, [""], f"{path}.fields")
        pattern: str = entry["pattern"]
        if pattern.count("{figure}") != 1:
            raise _fail(source, f"{path}.pattern", _("expected {figure} once, where the figure stands"))
        if len(pattern) > 200 or _QUANTIFIER.search(pattern.replace("{figure}", "")):
            raise _fail(source, f"{path}.pattern", _("a pattern is words with (?:…|…) and ? only, at most 200 "
                                                     "characters, and {figure} where the figure stands"))
        try:
            re.compile(pattern.replace("{figure}", "(?P<figure>x)"))
        except re.error as exc:
            raise _fail(source, f"{path}.pattern", _("is not a pattern that can be read (at character {position}: "
                                                     "\"{reason}\")", position=(exc.pos or 0) + 1,
                                                     reason=exc.msg)) from None


def _check_cell(source: str, value: object, path: str) -> None:
    cell = _check_keys(source, value, path, _CELL)
    kinds = [key for key in ("text", *FIGURE_KEYS) if key in cell]
    kinds += ["unit"] if "text" in cell and "unit" in cell else []
    if len(kinds) > 1:  # a figure cell's unit is the figure's, printed by the header: allowed
        raise _fail(source, path, _("a cell is text, a unit, or figures, not {kinds} together",
                                    kinds=listing(kinds)))
    for key in ("text", "unit", "field", "fields"):
        if key in cell and not isinstance(cell[key], str):
            raise _fail(source, f"{path}.{key}", _("expected text"))
    for key in ("colspan", "rowspan", "indent"):
        value, low = cell.get(key, 1), 0 if key == "indent" else 1
        if type(value) is not int or not low <= value <= 60:
            raise _fail(source, f"{path}.{key}", _("expected a whole number from {low} to 60", low=low))
    if "kind" in cell and cell["kind"] not in KINDS:
        raise _fail(source, f"{path}.kind", _("expected one of: {kinds}", kinds=listing(KINDS)))
    if "align" in cell and cell["align"] not in ("left", "center", "right"):
        raise _fail(source, f"{path}.align", _("expected left, center or right"))
    if "names" in cell and ("fields" not in cell or not isinstance(cell["names"], list)
                            or not all(isinstance(n, str) and n.isidentifier() for n in cell["names"])):
        raise _fail(source, f"{path}.names", _("expected, beside fields, a list of names (letters, digits, _)"))
    for key in FIGURE_KEYS:
        parts = str(cell.get(key, "")).split(".")
        if key in cell and (len(parts) + ("names" in cell) < 2 or not all(part.isidentifier() for part in parts)):
            raise _fail(source, f"{path}.{key}", _("expected a dotted path of names such as active.documents.year"))


def _check_table(source: str, value: object, path: str) -> dict[str, Any]:
    spec = _check_keys(source, value, path, _TABLE)
    widths = spec.get("widths")
    if not isinstance(widths, list) or not widths or not all(
            isinstance(w, int | float) and not isinstance(w, bool) and 0 < w <= 100 for w in widths):
        raise _fail(source, f"{path}.widths", _("expected a list of column widths (numbers > 0)"))
    aligns = spec.get("align", [])
    if not isinstance(aligns, list) or not all(a in ("left", "center", "right") for a in aligns):
        raise _fail(source, f"{path}.align", _("expected a list of left, center or right, one per column"))
    size = spec.get("font_size", 12)
    if type(size) not in (int, float) or not 7 <= size <= 22:
        raise _fail(source, f"{path}.font_size", _("expected a size in points from 7 to 22"))
    for key in ("title", "sheet"):
        if key in spec and not isinstance(spec[key], str):
            raise _fail(source, f"{path}.{key}", _("expected text"))
    names = spec.get("names", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n.isidentifier() for n in names):
        raise _fail(source, f"{path}.names", _("expected a list of names (letters, digits, _)"))
    rows = spec.get("rows")
    if not isinstance(rows, list) or not rows:
        raise _fail(source, f"{path}.rows", _("expected a list of rows"))
    for i, row in enumerate(rows):
        entry = _check_keys(source, row, f"{path}.rows[{i}]", ("cells", "header", "labels"))
        if not isinstance(entry.get("cells"), list):
            raise _fail(source, f"{path}.rows[{i}].cells", _("expected a list of cells"))
        for k, cell in enumerate(entry["cells"]):
            _check_cell(source, cell, f"{path}.rows[{i}].cells[{k}]")
    return spec


def _default_names(spec: dict[str, Any]) -> None:
    """A table's ``names = ["year", "cumulative"]``: the figures of each ``{ fields = … }`` that names none."""
    if "names" in spec:
        for row in spec["rows"]:
            for cell in row["cells"]:
                if "fields" in cell and "names" not in cell:
                    cell["names"] = list(spec["names"])


def _read(folder: Path, source: str) -> dict[str, Any]:
    file = folder / EDITION_FILE
    try:
        raw = file.read_bytes()[: MAX_EDITION_BYTES + 1]
    except OSError as exc:
        raise _fail(source, "", _("cannot read the edition: {reason}", reason=os_reason(exc))) from None
    if len(raw) > MAX_EDITION_BYTES:
        raise _fail(source, "", _("is larger than an edition's file can be ({most} bytes)", most=MAX_EDITION_BYTES))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(source, _("line {line}", line=not_utf8_line(raw, exc)),
                    _("is not UTF-8 text; save it as UTF-8")) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, "", toml_problem(str(exc))) from None


def _years(source: str, value: object) -> tuple[int, int | None]:
    years = value if isinstance(value, list) else []
    ok = len(years) in (1, 2) and all(type(y) is int and 1990 <= y <= 2200 for y in years)
    if not ok or years != sorted(years):
        raise _fail(source, "years", _("expected [first year] or [first year, last year], e.g. [2015, 2018]"))
    return years[0], years[1] if len(years) == 2 else None


def _table_of(source: str, tables: dict[str, Any], add: Mapping[str, Any], where: str) -> dict[str, Any]:
    spec = tables.get(str(add.get("table")))
    if not isinstance(spec, dict):
        raise _fail(source, f"{where}.table", _("no table {name}; the edition has: {known}",
                                                name=repr(add.get("table")), known=listing(tables)))
    return spec


def _merge(source: str, own: dict[str, Any], base: Edition) -> dict[str, Any]:
    """An extension's data: the base's tables, rules and headings with the extension's additions."""
    tables: dict[str, Any] = copy.deepcopy(dict(base.table_specs()))
    tables.update(own.get("tables", {}))
    for i, add in enumerate(own.get("add_rows", [])):
        where = f"add_rows[{i}]"
        add = _check_keys(source, add, where, ("table", "after", "rows"))
        spec = _table_of(source, tables, add, where)
        rows = list(spec["rows"])
        at = len(rows)
        if "after" in add:
            found = [k for k, row in enumerate(rows) if any(c.get("text") == add["after"] for c in row["cells"])]
            if not found:
                raise _fail(source, f"{where}.after", _("no row labelled {label} in table {table}",
                                                        label=repr(add["after"]), table=add["table"]))
            at = found[-1] + 1
        new = add.get("rows")
        if not isinstance(new, list):
            raise _fail(source, f"{where}.rows", _("expected a list of rows"))
        spec["rows"] = rows[:at] + new + rows[at:]
    for i, add in enumerate(own.get("add_columns", [])):
        where = f"add_columns[{i}]"
        add = _check_keys(source, add, where, ("table", "widths", "cells"))
        spec = _table_of(source, tables, add, where)
        cells = add.get("cells")
        if not isinstance(cells, list) or len(cells) != len(spec["rows"]) or not all(isinstance(c, list)
                                                                                      for c in cells):
            raise _fail(source, f"{where}.cells", _("expected one list of cells for each of the {count} rows of the "
                                                    "table", count=len(spec["rows"])))
        spec["widths"] = [*spec["widths"], *add.get("widths", [])]
        spec["rows"] = [{**row, "cells": [*row["cells"], *extra]}
                        for row, extra in zip(spec["rows"], cells, strict=True)]
    merged = {"tables": tables, "headings": own.get("headings", base.headings),
              "attachments": own.get("attachments", base.data.get("attachments", [])),
              "rules": [*base.data.get("rules", []), *own.get("rules", [])],
              "narrative": [*base.data.get("narrative", []), *own.get("narrative", [])]}
    return {key: value for key, value in merged.items() if key not in ("headings", "attachments") or value}


def _declared(source: str, tables: Mapping[str, Spec], known: Callable[[str], list[str]]) -> list[tuple[str, str]]:
    """The figures the grids name that ``known`` does not give: (path, kind), for an edition without Python."""
    declared: dict[str, str] = {}
    for name, spec in tables.items():
        for r, row in enumerate(spec["rows"]):
            for c, entry in enumerate(row["cells"]):
                if not is_figure(entry):
                    continue
                if "fields" in entry and "names" not in entry and not known(str(entry["fields"])):
                    raise _fail(source, f"tables.{name}.rows[{r}].cells[{c}].names",
                            _("{fields} is not a group of figures the edition has: name its figures with names = "
                              "[...]", fields=entry["fields"]))
                paths = [str(entry["field"])] if "field" in entry else (
                    [f"{entry['fields']}.{n}" for n in entry["names"]] if "names" in entry else [])
                for path in paths:
                    if path not in known(path):
                        declared[path] = str(entry.get("kind", "count"))
    return list(declared.items())


def _figures(source: str, name: str, tables: Mapping[str, Spec], figures: type | None, base: Edition | None) -> type:
    if figures is not None:
        return figures
    parent = base.figures_class if base is not None else None
    known = leaves_of(parent) if parent is not None else (lambda prefix: [])
    try:
        return build_figures(name, _declared(source, tables, known), parent)
    except ValueError as exc:
        raise _fail(source, "tables", str(exc)) from None


def _check_figures(source: str, tables: Mapping[str, Spec], cls: type) -> tuple[dict[str, str], dict[str, str]]:
    """Every figure cell names a figure of ``cls`` of the kind it says, once; the names and units for messages."""
    kinds = kinds_of(cls)
    leaves = leaves_of(cls)
    names: dict[str, str] = {}
    units: dict[str, str] = {}
    for table, spec in tables.items():
        try:
            cells = figure_cells(spec, leaves)
            grid_table(spec, lambda path: None, leaves)  # every row fills the grid's columns exactly
        except ValueError as exc:
            raise _fail(source, f"tables.{table}", str(exc)) from None
        for cell in cells:
            if cell.path not in kinds:
                raise _fail(source, f"tables.{table}", _("{figure} is not a figure of the edition", figure=cell.path))
            if cell.kind is not None and cell.kind != kinds[cell.path]:
                raise _fail(source, f"tables.{table}", _("{figure} is a {kind}, not a {other}", figure=cell.path,
                                                         kind=kinds[cell.path], other=cell.kind))
            if cell.path in names:
                raise _fail(source, f"tables.{table}", _("{figure} is in the tables twice", figure=cell.path))
            names[cell.path] = ""
            if cell.unit:
                units[cell.path] = cell.unit
        names.update(cell_names(spec, leaves))
    return names, units


def load_edition(folder: Path, source: str, figures: type | None = None,
                 base_of: Callable[[str], Edition | None] = lambda name: None) -> Edition:
    """The edition in ``folder``; ``figures``: its Python figures class (the national editions), else built
    from the data; ``base_of``: the editions an extension may name as its base. Mistakes are DataErrors
    naming ``folder/edition.toml`` and the field."""
    where = str(folder / EDITION_FILE)
    data = _check_keys(where, _read(folder, where), "", _TOP)
    for key in ("name", "title"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _fail(where, key, _("missing required field") if key not in data else _("expected text"))
    name = data["name"]
    if not _NAME.match(name):
        raise _fail(where, "name", _("{name}: an edition's name is lower-case letters, digits, - and _ (e.g. "
                                     "fujian-2018)", name=repr(name)))
    years = _years(where, data.get("years"))
    if "figures" in data and figures is None:
        raise _fail(where, "figures", _("names a Python class: an edition from a folder is data only (its figures "
                                        "come from its tables); Python figures need an installed package"))
    for key in ("document", "description", "base"):
        if key in data and not isinstance(data[key], str):
            raise _fail(where, key, _("expected text"))
    headings = data.get("headings", [])
    if not (isinstance(headings, list) and all(isinstance(h, str) for h in headings)):
        raise _fail(where, "headings", _("expected a list of headings"))
    for key in ("tables",):
        tables = _check_keys(where, data.get(key, {}), key, tuple(data.get(key, {}) or ()))
        for table, spec in tables.items():
            _check_table(where, spec, f"tables.{table}")
    for key in ("rules", "narrative", "add_rows", "add_columns"):
        if key in data and not (isinstance(data[key], list) and all(isinstance(e, Mapping) for e in data[key])):
            raise _fail(where, key, _("expected a list of tables ([[{key}]])", key=key))
    base: Edition | None = None
    if "base" in data:
        base = base_of(data["base"])
        if base is None:
            raise _fail(where, "base", _("no edition {name} to extend", name=repr(data["base"])))
        merged = _merge(where, data, base)
    else:
        if "add_rows" in data or "add_columns" in data:
            key = "add_rows" if "add_rows" in data else "add_columns"
            raise _fail(where, key, _("only an edition with a base adds to it"))
        merged = {key: data[key] for key in ("tables", "rules", "narrative", "headings", "attachments") if key in data}
    for table, spec in merged.get("tables", {}).items():
        _check_table(where, spec, f"tables.{table}")
        _default_names(spec)
    if not merged.get("tables"):
        raise _fail(where, "tables", _("an edition has at least one table"))
    unknown = [t for t in merged.get("attachments", []) if t not in merged["tables"]]
    if unknown:
        raise _fail(where, "attachments", _("no table {name}; the edition has: {known}", name=repr(unknown[0]),
                                            known=listing(merged["tables"])))
    cls = _figures(where, name, merged["tables"], figures, base)
    names, units = _check_figures(where, merged["tables"], cls)
    _check_rules(where, data, cls)
    own = folder / "templates"
    templates = ((own,) if own.is_dir() else ()) + (base.templates if base is not None else ())
    return Edition(name=name, title=data["title"], description=data.get("description", data["title"]),
                   years=years, figures_class=cls, data=merged, templates=templates, source=source,
                   document=data.get("document"), base=base.name if base is not None else None,
                   folder=folder, names=names, units=units)
