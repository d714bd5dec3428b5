"""Report formats (editions): one folder each, found through one registry (``REGISTRY``).

The national editions are the folders ``e2018``, ``e2019``, ``e2021`` beside this file: each an ``edition.toml``
(what it is, its tables as grids, rules, headings), a ``templates/`` folder and its typed figures in Python.
A province's edition is such a folder without Python (``docs/editions/province.md``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reportkit.editions.base import get_value, value_fields
from reportkit.editions.e2018 import Stats2018
from reportkit.editions.e2019 import Stats2019
from reportkit.editions.e2021 import Stats2021
from reportkit.editions.edition import Edition, load_edition
from reportkit.editions.registry import ENTRY_POINT_GROUP, NATIONAL, Registry, covers, years_text

_HERE = Path(__file__).parent


def _national(registry: Registry) -> Iterator[Edition]:
    for folder, figures in (("e2018", Stats2018), ("e2019", Stats2019), ("e2021", Stats2021)):
        yield load_edition(_HERE / folder, NATIONAL, figures=figures, base_of=registry.get)


REGISTRY = Registry(_national)


def edition_for_year(year: int) -> str | None:
    """The name of the edition in force for reports on ``year``, None before any."""
    edition = REGISTRY.for_year(year)
    return edition.name if edition is not None else None


__all__ = [
    "ENTRY_POINT_GROUP", "REGISTRY", "Edition", "Registry", "Stats2018", "Stats2019", "Stats2021", "covers",
    "edition_for_year", "get_value", "value_fields", "years_text",
]
