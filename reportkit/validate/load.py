"""Rules written as data, in an edition's file: ``[[rules]]`` (arithmetic) and ``[[narrative]]``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reportkit.validate.findings import Severity
from reportkit.validate.rules import Compare, NarrativeFigure, Rule


def rules_from_data(edition: str, data: Mapping[str, Any], paths: Iterable[str]) -> tuple[Rule, ...]:
    """The edition's ``[[rules]]`` and ``[[narrative]]``.

    Whole, non-negative numbers need no rule: the figures classes refuse anything else when built.
    A rule naming a cell the figures do not have is a mistake in the edition, caught here.
    """
    known = set(paths)
    out: list[Rule] = []
    for entry in data.get("rules", []):
        cells = [entry["left"], *entry["right"]]
        unknown = [c for c in cells if c not in known]
        if unknown:
            raise ValueError(f"edition {edition}: rule {entry['id']} names unknown cells {unknown}")
        out.append(Compare(f"{edition}.{entry['id']}", entry["left"], entry["op"], tuple(entry["right"]),
                           entry["right_name"], Severity(entry.get("severity", "warning"))))
    for entry in data.get("narrative", []):
        unknown = [c for c in entry["fields"] if c not in known]
        if unknown:
            raise ValueError(f"edition {edition}: narrative rule {entry['id']} names unknown cells {unknown}")
        out.append(NarrativeFigure(f"{edition}.{entry['id']}", entry["pattern"], tuple(entry["fields"]),
                                   Severity(entry.get("severity", "warning"))))
    return tuple(out)
