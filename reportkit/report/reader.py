"""Reading parsed data (dicts and lists from TOML, YAML or JSON) with one clear message per mistake."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import stat
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from reportkit.document.text import forbidden, join_lines, line_problem
from reportkit.errors import DataError, listing, not_utf8_line, os_reason, show, toml_problem, toml_twice
from reportkit.i18n import _
from reportkit.limits import exceeded, limit

T = TypeVar("T")

__all__ = ["DataError", "Reader", "listing", "parse_file", "show"]





class Reader:
    """Walks the parsed data, keeping the file name for messages."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, message: str) -> DataError:
        return DataError(self.source, path, message)

    def table(
        self, value: object, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(path, _("expected a table, got {value}", value=show(value)))
        for key in value:
            if key not in allowed:
                where = f"{path}.{key}" if path else str(key)
                hint = difflib.get_close_matches(str(key), allowed, n=1)
                message = (_("unknown key (did you mean \"{hint}\"?)", hint=hint[0]) if hint
                           else _("unknown key (expected one of: {keys})", keys=listing(allowed)))
                raise self.fail(where, message)
        for key in required:
            if key not in value:
                raise self.fail(f"{path}.{key}" if path else key, _("missing required field"))
        return dict(value)

    def text(self, value: object, path: str, *, paragraph: bool = False, longest: int | None = None) -> str:
        """Text that is one line (a name, a title: at most ``line_chars`` characters, or ``longest``), or with
        ``paragraph`` lines that are joined into one paragraph as the template markup joins them."""
        if not isinstance(value, str):
            raise self.fail(path, _("expected text, got {value}", value=show(value)))
        problem = forbidden(value) or line_problem(value, paragraph=paragraph)
        if problem:
            raise self.fail(path, _("contains {problem}", problem=problem))
        if not value.strip():
            raise self.fail(path, _("must not be empty"))
        most = longest or limit("text_chars" if paragraph else "line_chars")
        if len(value) > most:
            raise self.fail(path, _("is {length} characters long, more than this field takes (at most {most})",
                                    length=len(value), most=most))
        return join_lines(value) if paragraph else value

    def opt_text(self, data: dict[str, Any], key: str, path: str) -> str | None:
        return self.text(data[key], f"{path}.{key}") if key in data else None

    def integer(self, value: object, path: str, minimum: int | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, _("expected a whole number, got {value}", value=show(value)))
        if minimum is not None and value < minimum:
            raise self.fail(path, _("expected a whole number >= {minimum}, got {value}", minimum=minimum, value=value))
        return self._bounded(value, path)

    def _bounded(self, value: int, path: str) -> int:
        # A figure of 10^4000 would load, then fail in a table cell or a sum at render time.
        if abs(value) >= limit("whole_number"):
            raise self.fail(path, _("{digits}… is larger than any figure {limit}", digits=str(value)[:20],
                                    limit=exceeded("whole_number")))
        return value

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, _("expected true or false, got {value}", value=show(value)))
        return value

    def date(self, value: object, path: str) -> dt.date:
        if isinstance(value, dt.datetime):
            raise self.fail(path, _("expected a date such as 2019-01-31, got the date and time {value}", value=value))
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise self.fail(path, _("expected a date such as 2019-01-31, got {value}", value=show(value)))

    def change(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, _('expected a whole number, negative for a decrease (or "" for a blank), got {value}',
                                    value=show(value)))
        return self._bounded(value, path)

    def count(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, _('expected a whole number >= 0 (or "" for a blank), got {value}', value=show(value)))
        return self._bounded(value, path)

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
            raise self.fail(path, _('expected a number >= 0 (or "" for a blank), got {value}', value=show(value)))
        if number >= limit("whole_number") or number.as_tuple().exponent < -6:  # type: ignore[operator]
            raise self.fail(path, _("{value} is not an amount: at most {most}, with at most 6 decimal places",
                                    value=show(value), most=limit("whole_number") - 1))
        return abs(number) if number.is_zero() else number  # "-0" is 0

    def items(self, value: object, path: str, item: Callable[[object, str], T]) -> list[T]:
        if not isinstance(value, list):
            raise self.fail(path, _("expected a list, got {value}", value=show(value)))
        return [item(entry, f"{path}[{i}]") for i, entry in enumerate(value)]

    def number(self, value: object, path: str, largest: float = 10_000.0) -> float:
        """A measure (millimetres, points): finite, from 0 to ``largest`` (inf, nan and 1e300 are refused)."""
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(path, _("expected a number >= 0, got {value}", value=show(value)))
        if not value <= largest:  # True for nan too
            raise self.fail(path, _("expected a number from 0 to {largest}, got {value}", largest=format(largest, "g"),
                                    value=show(value)))
        return float(value)

    def only(self, data: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
        """Refuse the keys of an entry that its kind does not take."""
        for key in data:
            if key not in keys:
                raise self.fail(f"{path}.{key}", _("not allowed here (this entry takes: {keys})", keys=listing(keys)))


class DuplicateKey(ValueError):
    """A key given twice in one table (with its line where the parser knows it)."""

    def __init__(self, key: object, line: int | None = None) -> None:
        super().__init__(key)
        self.key, self.line = key, line


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _check_size(data: object, source: str) -> None:
    """Refuse data nested deeper, or holding more values, than any report: a YAML alias used many times counts
    each time, as every reader of the data would walk it (eight KB of nested aliases can stand for 10^9 values)."""
    stack: list[tuple[object, int]] = [(data, 1)]
    values = 0
    while stack:
        value, depth = stack.pop()
        values += 1
        if values > limit("values"):
            raise DataError(source, "", _("holds more values than a report has {limit}; YAML aliases (*name) count "
                                          "each time they are used", limit=exceeded("values")))
        if depth > limit("nesting"):
            raise DataError(source, "", _("is nested deeper than a report is {limit}", limit=exceeded("nesting")))
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)


def read_bytes(path: Path, source: str) -> bytes:
    """The bytes of a regular file of at most ``data_file_bytes``: never a device, a FIFO or a folder."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError(source, "", _("is a folder; give a data file") if stat.S_ISDIR(info.st_mode)
                            else _("is not a regular file (a device or a pipe); give a data file"))
        if info.st_size > limit("data_file_bytes"):
            raise DataError(source, "", _("is {size} bytes, too large for a data file {limit}", size=info.st_size,
                                          limit=exceeded("data_file_bytes")))
        with path.open("rb") as handle:
            raw = handle.read(limit("data_file_bytes") + 1)
    except OSError as exc:
        raise DataError(source, "", _("cannot read the file: {reason}", reason=os_reason(exc))) from None
    if len(raw) > limit("data_file_bytes"):
        raise DataError(source, "", _("grew too large for a data file {limit}", limit=exceeded("data_file_bytes")))
    return raw


def parse_file(path: Path, source: str) -> object:
    """The parsed content of a .toml, .yaml/.yml or .json file, or a DataError that says what is wrong."""
    raw = read_bytes(path, source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(source, _("line {line}", line=not_utf8_line(raw, exc)),
                        _("is not UTF-8 text; save it as UTF-8")) from None
    suffix = path.suffix.lower()
    if suffix not in (".toml", ".yaml", ".yml", ".json"):
        raise DataError(source, "", _("unknown file type {suffix}; use .toml, .yaml, .yml or .json", suffix=suffix)
                        if suffix else _("the file name has no type (.toml, .yaml, .yml or .json)"))
    data = _parse(text, suffix, source)
    _check_size(data, source)
    return data


def _parse(text: str, suffix: str, source: str) -> object:
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text, object_pairs_hook=_json_object)
        from reportkit.report.yaml_strict import load_yaml  # PyYAML only for YAML files: start-up time

        return load_yaml(text, source)
    except tomllib.TOMLDecodeError as exc:
        twice = toml_twice(text, str(exc))
        if twice is not None:
            raise DataError(source, twice[0], _("the key is given twice (line {line}); keep one",
                                                line=twice[1])) from None
        raise DataError(source, "", toml_problem(str(exc))) from None
    except json.JSONDecodeError as exc:
        raise DataError(source, "", _("invalid JSON: {detail} (line {line}, column {column})", detail=exc.msg,
                                      line=exc.lineno, column=exc.colno)) from None
    except DuplicateKey as exc:
        message = (_("the key is given twice (line {line}); keep one", line=exc.line) if exc.line
                   else _("the key is given twice; keep one"))
        raise DataError(source, str(exc.key), message) from None
    except RecursionError:
        raise DataError(source, "", _("is nested deeper than a report is {limit}", limit=exceeded("nesting"))) from None
    except ValueError as exc:  # a number of more than 4300 digits, a date such as 2019-13-45 in YAML
        if "integer string conversion" in str(exc):
            raise DataError(source, "", _("holds a number of more than 4300 digits; no figure is that large")) from None
        raise DataError(source, "", _("holds a value that cannot be read: {detail}", detail=str(exc))) from None

