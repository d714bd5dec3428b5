"""Reading parsed data (dicts and lists from TOML, YAML or JSON) with one clear message per mistake."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from reportkit.document.text import forbidden
from reportkit.errors import DataError

T = TypeVar("T")

__all__ = ["DataError", "Reader", "parse_file", "show"]


def show(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


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
            raise self.fail(path, f"expected a table, got {show(value)}")
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
            raise self.fail(path, f"expected text, got {show(value)}")
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
            raise self.fail(path, f"expected a whole number, got {show(value)}")
        if minimum is not None and value < minimum:
            raise self.fail(path, f"expected a whole number >= {minimum}, got {value}")
        return value

    def boolean(self, value: object, path: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(path, f"expected true or false, got {show(value)}")
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
        raise self.fail(path, f"expected a date such as 2019-01-31, got {show(value)}")

    def change(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(path, f'expected a whole number, negative for a decrease (or "" for a blank), '
                                  f"got {show(value)}")
        return value

    def count(self, value: object, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(path, f'expected a whole number >= 0 (or "" for a blank), got {show(value)}')
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
            raise self.fail(path, f'expected a number >= 0 (or "" for a blank), got {show(value)}')
        return number

    def items(self, value: object, path: str, item: Callable[[object, str], T]) -> list[T]:
        if not isinstance(value, list):
            raise self.fail(path, f"expected a list, got {show(value)}")
        return [item(entry, f"{path}[{i}]") for i, entry in enumerate(value)]

    def number(self, value: object, path: str) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise self.fail(path, f"expected a number >= 0, got {show(value)}")
        return float(value)

    def only(self, data: dict[str, Any], path: str, keys: tuple[str, ...]) -> None:
        """Refuse the keys of an entry that its kind does not take."""
        for key in data:
            if key not in keys:
                raise self.fail(f"{path}.{key}", f"not allowed here (this entry takes: {', '.join(keys)})")


def parse_file(path: Path, source: str) -> object:
    """The parsed content of a .toml, .yaml/.yml or .json file, or a DataError that says what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(source, "", f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(source, "", f"is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8") from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _parse_yaml(text, source)
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        if suffix == ".json":
            return json.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(source, "", f"invalid TOML: {exc}") from None
    except json.JSONDecodeError as exc:
        raise DataError(source, "", f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    raise DataError(source, "", f"unknown file type {suffix or '(none)'}; use .toml, .yaml, .yml or .json")


def _parse_yaml(text: str, source: str) -> object:
    import yaml  # only for YAML files: PyYAML costs a TOML or JSON report start-up time for nothing

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        raise DataError(source, "", f"invalid YAML: {getattr(exc, 'problem', exc)}{where}") from None
