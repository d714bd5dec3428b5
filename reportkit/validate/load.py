"""Rules written as data, in an edition's file: ``[[rules]]`` (arithmetic), ``[[narrative]]``, ``headings``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import Any

from reportkit.editions.base import value_fields
from reportkit.editions.edition import EDITION_FILE, Edition
from reportkit.errors import DataError
from reportkit.i18n import _
from reportkit.validate.findings import Severity
from reportkit.validate.rules import PREVIOUS, Compare, Headings, NarrativeFigure, Rule


def _listed(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _expanded(entry: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """A rule with ``for_each`` is one rule per item, "{each}" replaced in its id and cells."""
    items = entry.get("for_each")
    if items is None:
        yield dict(entry)
        return
    for item in items:
        yield {key: (value.replace("{each}", item) if isinstance(value, str)
                     else [v.replace("{each}", item) for v in value] if isinstance(value, list) and key != "for_each"
                     else value)
               for key, value in entry.items() if key != "for_each"}


def _bare(path: str) -> str:
    return path.removeprefix("-").removeprefix(PREVIOUS)


@cache
def rules_of(edition: Edition) -> tuple[Rule, ...]:
    """The rules of ``edition``, built once; a rule naming a cell the edition lacks is a DataError of its file."""
    paths = [path for path, _kind in value_fields(edition.figures_class)]
    try:
        rules = rules_from_data(edition.name, edition.data, paths)
        for rule in rules:
            if isinstance(rule, NarrativeFigure):
                _check_pattern(rule, trusted=edition.source == "reportkit")
        return rules
    except (ValueError, KeyError, TypeError, re.error) as exc:
        message = _("a rule lacks the key {key}", key=exc) if isinstance(exc, KeyError) else str(exc)
        source = str(edition.folder / EDITION_FILE) if edition.folder is not None else edition.source
        raise DataError(source, "rules", message) from None


# A pattern from a province's edition is data, not code: words, (?:…|…) and ? only, so that no pattern can
# take the validator exponential time (a repeated group inside a repetition).
_QUANTIFIER = re.compile(r"(?<!\\)[*+{]")


def _check_pattern(rule: NarrativeFigure, trusted: bool) -> None:
    if not trusted and (len(rule.pattern) > 200 or _QUANTIFIER.search(rule.pattern.replace("{figure}", ""))):
        raise ValueError(_("narrative rule {rule}: a pattern is words with (?:…|…) and ? only, at most 200 "
                           "characters, and {{figure}} where the figure stands", rule=rule.id))
    re.compile(rule.pattern.replace("{figure}", "(?P<figure>x)"))


def rules_from_data(edition: str, data: Mapping[str, Any], paths: Iterable[str]) -> tuple[Rule, ...]:
    """The edition's rules.

    Whole, non-negative numbers need no rule: the figures classes refuse anything else when built.
    A rule naming a cell the figures do not have is a mistake in the edition, caught here.
    """
    known = set(paths)
    out: list[Rule] = []
    if "headings" in data:
        out.append(Headings(f"{edition}.headings", tuple(data["headings"])))
    for raw in data.get("rules", []):
        for entry in _expanded(raw):
            left, right = _listed(entry["left"]), _listed(entry["right"])
            unknown = [c for c in (*left, *right) if _bare(c) not in known]
            if unknown:
                raise ValueError(_("edition {edition}: rule {rule} names unknown cells {cells}", edition=edition,
                                   rule=entry["id"], cells=unknown))
            out.append(Compare(f"{edition}.{entry['id']}", left, entry["op"], right, entry["right_name"],
                               Severity(entry.get("severity", "warning")), entry.get("left_name")))
    for entry in data.get("narrative", []):
        unknown = [c for c in entry["fields"] if c not in known]
        if unknown:
            raise ValueError(_("edition {edition}: narrative rule {rule} names unknown cells {cells}", edition=edition,
                               rule=entry["id"], cells=unknown))
        out.append(NarrativeFigure(f"{edition}.{entry['id']}", entry["pattern"], tuple(entry["fields"]),
                                   Severity(entry.get("severity", "warning"))))
    return tuple(out)
