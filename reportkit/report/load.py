"""Loading a report from TOML, YAML or JSON, with one clear message per mistake.

Every error names the file and the field path, as in
``report.toml: stats.applications.received: expected a whole number >= 0, got "三"``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

import attrs
import yaml

from reportkit.document.model import Attachment, Block, Paragraph, Section, Signature, TableRef
from reportkit.document.numbering import MAX_LEVEL, starts_with_number
from reportkit.document.text import forbidden
from reportkit.document.tree import LevelJump, nest
from reportkit.editions import EDITIONS
from reportkit.editions.base import AMOUNT_KIND, CHANGE_KIND, COUNT_KIND, PENDING
from reportkit.fonts import FontError, is_font_file, resolve
from reportkit.layout import DEFAULT_LAYOUT, SETTINGS, PageLayout, Role
from reportkit.narrative import TemplateFailure, render_narrative
from reportkit.report.model import AnnualReport, Contact, ReportMeta

T = TypeVar("T")

# Characters XML 1.0 forbids (DOCX cannot hold them) and that no report needs.
class DataError(Exception):
    """A mistake in a data file, located by file and field path."""

    def __init__(self, source: str, path: str, message: str) -> None:
        super().__init__(f"{source}: {path}: {message}" if path else f"{source}: {message}")
        self.source = source
        self.path = path
        self.message = message


def _show(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


class _Reader:
    """Walks the parsed data, keeping the file name for messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> DataError:
        return DataError(self.source, path, message)

    def table(
        self, value: object, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, f"expected a table, got {_show(value)}")
        for key in value:
            if key not in allowed:
                where = f"{path}.{key}" if path else str(key)
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                extra = f' (did you mean "{hint[0]}"?)' if hint else f" (expected one of: {', '.join(allowed)})"
                raise self.fail(where, "unknown key" + extra)
        for key in required:
            if key not in value:
                raise self.fail(f"{path}.{key}" if path else key, "missing required field")
        return dict(value)

    def text(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            raise self.fail(path, f"expected text, got {_show(value)}")
        problem = forbidden(value)
        if problem:
            raise self.fail(path, f"contains {problem}")
        if not value.strip():
            raise self.fail(path, "must not be empty")
        return value

    def opt_text(self, data: dict[str, Any], key: str, path: str) -> str | None:
        return self.text(data[key], f"{path}.{key}") if key in data else None

    def integer(self, value: object, path: str, minimum: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f"expected a whole number, got {_show(value)}")
        if minimum is not None and value < minimum:
            raise self.fail(path, f"expected a whole number >= {minimum}, got {value}")
        return value

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {_show(value)}")
        return value

    def date(self, value: object, path: str) -> dt.date:
        if isinstance(value, dt.datetime):
            raise self.fail(path, f"expected a date such as 2019-01-31, got the date and time {value}")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(path, f"expected a date such as 2019-01-31, got {_show(value)}")

    def change(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f'expected a whole number, negative for a decrease (or "" for a blank), '
                                  f"got {_show(value)}")
        return value

    def count(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, f'expected a whole number >= 0 (or "" for a blank), got {_show(value)}')
        return value

    def amount(self, value: object, path: str) -> Decimal:
        number: Decimal | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = Decimal(str(value))
        elif isinstance(value, str):
            try:
                number = Decimal(value)
            except InvalidOperation:
                number = None
        if number is None or not number.is_finite() or number < 0:
            raise self.fail(path, f'expected a number >= 0 (or "" for a blank), got {_show(value)}')
        return number

    def items(self, value: object, path: str, item: Callable[[object, str], T]) -> list[T]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {_show(value)}")
        return [item(entry, f"{path}[{i}]") for i, entry in enumerate(value)]


_BLOCK_KEYS = ("heading", "level", "text", "paragraph", "indent", "table")


def _block_entry(r: _Reader, value: object, path: str) -> tuple[int, Block]:
    """One entry of a flat block list as (heading level, block); level 0 for anything but a heading."""
    data = r.table(value, path, _BLOCK_KEYS)
    kinds = [key for key in ("heading", "paragraph", "table") if key in data]
    if len(kinds) != 1:
        raise r.fail(path, "expected exactly one of the keys heading, paragraph or table")
    kind = kinds[0]
    if kind == "heading":
        title = r.text(data["heading"], f"{path}.heading")
        number = starts_with_number(title)
        if number:
            message = f"starts with the number {_show(number)}; numbers are generated, leave it out"
            raise r.fail(f"{path}.heading", message)
        level = r.integer(data.get("level", 1), f"{path}.level", minimum=1)
        if level > MAX_LEVEL:
            raise r.fail(f"{path}.level", f"expected a heading level from 1 to {MAX_LEVEL}, got {level}")
        _only(r, data, path, ("heading", "level", "text"))
        run_in = r.text(data["text"], f"{path}.text") if "text" in data else None
        return level, Section(title, (Paragraph(run_in),) if run_in is not None else (), run_in=run_in is not None)
    if kind == "paragraph":
        _only(r, data, path, ("paragraph", "indent"))
        indent = r.boolean(data.get("indent", True), f"{path}.indent")
        return 0, Paragraph(r.text(data["paragraph"], f"{path}.paragraph"), indent=indent)
    _only(r, data, path, ("table",))
    return 0, TableRef(r.text(data["table"], f"{path}.table"))


def _only(r: _Reader, data: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
    for key in data:
        if key not in keys:
            raise r.fail(f"{path}.{key}", f"not allowed here (this entry takes: {', '.join(keys)})")


def _blocks(r: _Reader, value: object, path: str) -> tuple[Block, ...]:
    """Build the section tree from a flat list where headings carry their level."""
    entries = r.items(value, path, lambda v, p: (p, _block_entry(r, v, p)))
    try:
        return nest([entry for _, entry in entries])
    except LevelJump as jump:
        raise r.fail(f"{entries[jump.index][0]}.level", str(jump)) from None


def _meta(r: _Reader, value: object) -> ReportMeta:
    fields = ("issuer", "county", "year", "period_start", "period_end", "title", "issued", "contact")
    data = r.table(value, "meta", fields, required=("issuer", "county", "year", "period_start", "period_end"))
    contact_fields = ("address", "postcode", "phone", "fax", "email", "website")
    contact_data = r.table(data.get("contact", {}), "meta.contact", contact_fields)
    contact = Contact(**{key: r.opt_text(contact_data, key, "meta.contact") for key in contact_fields})
    year = r.integer(data["year"], "meta.year", minimum=1900)
    start = r.date(data["period_start"], "meta.period_start")
    end = r.date(data["period_end"], "meta.period_end")
    if end < start:
        raise r.fail("meta.period_end", f"ends ({end}) before the period starts ({start})")
    return ReportMeta(
        issuer=r.text(data["issuer"], "meta.issuer"),
        county=r.text(data["county"], "meta.county"),
        year=year,
        period_start=start,
        period_end=end,
        title=r.opt_text(data, "title", "meta"),
        issued=r.date(data["issued"], "meta.issued") if "issued" in data else None,
        contact=contact,
    )


def _figures(r: _Reader, cls: type, value: object, path: str) -> object:
    """Read an edition's figures class; every value must be present (0, a number, or "" for blank)."""
    attrs.resolve_types(cls)  # annotations are strings under `from __future__ import annotations`
    names = tuple(a.name for a in attrs.fields(cls))
    if isinstance(value, list):
        # A row of a table written as a list, in the order of the columns: [71, 3, 0, 0, 0, 0, 74].
        if len(value) != len(names):
            raise r.fail(path, f"expected a list of {len(names)} values ({', '.join(names)}), got {len(value)}")
        value = dict(zip(names, value, strict=True))
    data = r.table(value, path, names, required=names)
    kwargs: dict[str, Any] = {}
    for attribute in attrs.fields(cls):
        field_path = f"{path}.{attribute.name}"
        kind = attribute.metadata.get("kind")
        raw = data[attribute.name]
        if kind is not None and raw in ("", PENDING):
            kwargs[attribute.name] = None if raw == "" else PENDING  # a blank cell is not 0
        elif kind == COUNT_KIND:
            kwargs[attribute.name] = r.count(raw, field_path)
        elif kind == CHANGE_KIND:
            kwargs[attribute.name] = r.change(raw, field_path)
        elif kind == AMOUNT_KIND:
            kwargs[attribute.name] = r.amount(raw, field_path)
        else:
            assert isinstance(attribute.type, type)
            kwargs[attribute.name] = _figures(r, attribute.type, raw, field_path)
    return cls(**kwargs)


def _attachment(r: _Reader, value: object, path: str) -> Attachment:
    data = r.table(value, path, ("title", "blocks"), required=("title",))
    blocks = _blocks(r, data["blocks"], f"{path}.blocks") if "blocks" in data else ()
    return Attachment(r.text(data["title"], f"{path}.title"), blocks)


def _signature(r: _Reader, value: object) -> Signature:
    data = r.table(value, "signature", ("issuer", "date", "sealed"), required=("issuer", "date"))
    return Signature(
        issuer=r.text(data["issuer"], "signature.issuer"),
        date=r.date(data["date"], "signature.date"),
        sealed=r.boolean(data.get("sealed", False), "signature.sealed"),
    )


def _number(r: _Reader, value: object, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise r.fail(path, f"expected a number >= 0, got {_show(value)}")
    return float(value)


def _layout_fonts(r: _Reader, value: object, base: Path) -> dict[Role, str]:
    """``[layout.fonts]``: a family name or a TrueType file (relative to the data file) for a role."""
    data = r.table(value, "layout.fonts", tuple(role.value for role in Role))
    fonts: dict[Role, str] = {}
    for key, item in data.items():
        path = f"layout.fonts.{key}"
        choice = r.text(item, path)
        role = Role(key)
        if is_font_file(choice):
            file = Path(choice).expanduser()
            choice = str(file if file.is_absolute() else base / file)
        try:
            resolve(role, overrides={role: choice})  # installed, TrueType, embeddable: checked now, not mid-render
        except FontError as exc:
            raise r.fail(path, str(exc)) from None
        fonts[role] = choice
    return fonts


def _layout(r: _Reader, value: object, base: Path) -> PageLayout:
    """The ``[layout]`` table: settings over the GB/T 9704 defaults, each checked for its type."""
    data = r.table(value, "layout", SETTINGS)
    settings: dict[str, Any] = {}
    for key, item in data.items():
        path = f"layout.{key}"
        default = getattr(DEFAULT_LAYOUT, key)  # its type is the setting's
        if key == "fonts":
            settings[key] = _layout_fonts(r, item, base)
        elif isinstance(default, bool):
            settings[key] = r.boolean(item, path)
        elif isinstance(default, int):
            settings[key] = r.integer(item, path, minimum=0 if key == "first_line_indent_chars" else 1)
        elif isinstance(default, float):
            settings[key] = _number(r, item, path)
        else:
            text = r.text(item, path)
            if text.replace("{n}", "").count("{") or text.replace("{n}", "").count("}") or "{n}" not in text:
                raise r.fail(path, f'expected text with "{{n}}" where the page number goes, got {_show(item)}')
            settings[key] = text
    try:
        return attrs.evolve(DEFAULT_LAYOUT, **settings)
    except ValueError as exc:  # PageLayout refuses a page it cannot set text on
        raise r.fail("layout", str(exc)) from None


def parse_report(data: object, source: str = "<data>", *, base: Path | None = None,
                 templates: Path | None = None) -> AnnualReport:
    """Turn parsed data (dicts and lists, as from a TOML, YAML or JSON file) into a report.

    The narrative is either written as ``body`` or rendered from templates: the key ``templates`` names the
    county's template folder (relative to ``base``, the data file's folder; "" for the defaults only), and
    ``templates`` here (the CLI's --templates) chooses one instead.
    """
    r = _Reader(source)
    top = r.table(data, "", ("edition", "meta", "stats", "body", "templates", "attachments", "signature", "layout"),
                  required=("edition", "meta", "stats"))
    edition_name = top["edition"]
    if isinstance(edition_name, int) and not isinstance(edition_name, bool):
        edition_name = str(edition_name)
    if not isinstance(edition_name, str) or edition_name not in EDITIONS:
        known = ", ".join(f'"{name}"' for name in sorted(EDITIONS))
        raise r.fail("edition", f"unknown edition {_show(top['edition'])}; known editions: {known}")
    edition = EDITIONS[edition_name]
    meta = _meta(r, top["meta"])
    stats = _figures(r, edition.figures_class, top["stats"], "stats")
    folder = _template_folder(r, top, base or Path.cwd(), templates)
    body = _blocks(r, top.get("body", []), "body") if folder is None else _narrative(edition_name, meta, stats, folder)
    attachments = tuple(r.items(top.get("attachments", []), "attachments", lambda v, p: _attachment(r, v, p)))
    signature = _signature(r, top["signature"]) if "signature" in top else None
    tables = edition.tables(stats)
    _check_table_refs(r, top, tables)
    layout = _layout(r, top["layout"], base or Path.cwd()) if "layout" in top else DEFAULT_LAYOUT
    return AnnualReport(meta=meta, edition=edition_name, stats=stats, body=body,
                        attachments=attachments, signature=signature, layout=layout)


def _template_folder(r: _Reader, top: dict[str, Any], base: Path, chosen: Path | None) -> list[Path] | None:
    """The county folders to render the narrative with ([] for the defaults only), or None for ``body``."""
    if chosen is None and "templates" not in top:
        return None
    if "body" in top:
        raise r.fail("body", "give the narrative either as body or from templates, not both")
    if chosen is not None:
        folder = chosen
    else:
        name = r.text(top["templates"], "templates") if top["templates"] != "" else ""
        if not name:
            return []
        folder = base / name
    if not folder.is_dir():
        raise r.fail("templates", f"template folder {folder} does not exist")
    return [folder]


def _narrative(edition: str, meta: ReportMeta, stats: object, folders: list[Path]) -> tuple[Block, ...]:
    contact = {name: getattr(meta.contact, name) or PENDING for name in attrs.fields_dict(Contact)}
    context = {
        "meta": meta, "county": meta.county, "year": meta.year, "issuer": meta.issuer, "contact": contact,
        "period_start": meta.period_start, "period_end": meta.period_end, "stats": stats,
    }
    try:
        return render_narrative(edition, context, folders)
    except TemplateFailure as exc:
        raise DataError(exc.file, f"line {exc.line}" if exc.line else "", exc.message) from None


def _check_table_refs(r: _Reader, top: dict[str, Any], tables: Mapping[str, object]) -> None:
    # On the raw entries, already known to be well formed, so that the message names the entry.
    known = ", ".join(f'"{name}"' for name in sorted(tables))

    def walk(entries: list[dict[str, Any]], path: str) -> None:
        for i, entry in enumerate(entries):
            name = entry.get("table")
            if name is not None and name not in tables:
                raise r.fail(f"{path}[{i}].table",
                             f"unknown table {_show(name)}; edition {top['edition']} has: {known}")

    walk(top.get("body", []), "body")
    for i, attachment in enumerate(top.get("attachments", [])):
        walk(attachment.get("blocks", []), f"attachments[{i}].blocks")


def _parse_file(path: Path, source: str) -> object:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(source, "", f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(source, "", f"is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix in (".yaml", ".yml"):
            return yaml.safe_load(text)
        if suffix == ".json":
            return json.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(source, "", f"invalid TOML: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise DataError(source, "", f"invalid YAML: {getattr(exc, 'problem', exc)}{where}") from None
    except json.JSONDecodeError as exc:
        raise DataError(source, "", f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    raise DataError(source, "", f"unknown file type {suffix or '(none)'}; use .toml, .yaml, .yml or .json")


def load_report(path: str | Path, templates: str | Path | None = None) -> AnnualReport:
    """Load a report data file (.toml, .yaml/.yml or .json); ``templates``: a county template folder."""
    path = Path(path)
    source = str(path)
    folder = Path(templates) if templates is not None else None
    return parse_report(_parse_file(path, source), source, base=path.parent, templates=folder)
