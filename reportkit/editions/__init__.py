"""Report formats (editions): one folder each, found through one registry (``REGISTRY``).

The national editions are the folders ``e2018``, ``e2019``, ``e2021`` beside this file: each an ``edition.toml``
(what it is, its tables as grids, rules, headings), a ``templates/`` folder and its typed figures in Python.
A province's edition is such a folder without Python (``docs/editions/province.md``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from reportkit.editions.base import get_value, value_fields
from reportkit.editions.edition import Edition, load_edition
from reportkit.editions.registry import ENTRY_POINT_GROUP, NATIONAL, Registry, covers, years_text

if TYPE_CHECKING:
    from reportkit.editions.e2018 import Stats2018
    from reportkit.editions.e2019 import Stats2019
    from reportkit.editions.e2021 import Stats2021

_HERE = Path(__file__).parent
# Each national edition's name, its folder (a package of this one) and its figures class there. A folder is
# imported and read only when its edition is first asked for: a 2018 report imports no 2019 or 2021 figures.
NATIONAL_EDITIONS = {"2018": ("e2018", "Stats2018"), "2019": ("e2019", "Stats2019"), "2021": ("e2021", "Stats2021")}
_FIGURES = {figures: folder for folder, figures in NATIONAL_EDITIONS.values()}


def _national(registry: Registry, name: str) -> Edition:
    folder, figures = NATIONAL_EDITIONS[name]
    return load_edition(_HERE / folder, NATIONAL, figures=getattr(_package(folder), figures), base_of=registry.get)


def _package(folder: str) -> object:
    return importlib.import_module(f"{__name__}.{folder}")


REGISTRY = Registry(NATIONAL_EDITIONS, _national)


def edition_for_year(year: int) -> str | None:
    """The name of the edition in force for reports on ``year``, None before any."""
    edition = REGISTRY.for_year(year)
    return edition.name if edition is not None else None


def __getattr__(name: str) -> object:
    # Stats2018 … as attributes, imported when first used (see NATIONAL_EDITIONS).
    if name in _FIGURES:
        return getattr(_package(_FIGURES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENTRY_POINT_GROUP", "REGISTRY", "Edition", "Registry", "Stats2018", "Stats2019", "Stats2021", "covers",
    "edition_for_year", "get_value", "value_fields", "years_text",
]
