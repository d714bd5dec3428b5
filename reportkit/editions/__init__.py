"""Report formats (editions). ``EDITIONS`` maps the name used in data files to the edition."""

from reportkit.editions.base import Edition, RowSpec, TableSpec, get_value, value_fields
from reportkit.editions.e2018 import Edition2018, Stats2018
from reportkit.editions.e2019 import Edition2019, Stats2019
from reportkit.editions.e2021 import Edition2021, Stats2021

EDITIONS: dict[str, Edition] = {"2018": Edition2018(), "2019": Edition2019(), "2021": Edition2021()}


def covers(edition: Edition, year: int) -> bool:
    """Whether ``edition`` is the format for reports on ``year``."""
    first, last = edition.years
    return first <= year and (last is None or year <= last)


def edition_for_year(year: int) -> str | None:
    """The name of the edition in force for reports on ``year``, None before any.

    Of several, the newest; of equally new ones, the first registered, so that a province's own table
    added for the same years never becomes the default.
    """
    fitting = [edition for edition in EDITIONS.values() if covers(edition, year)]
    return max(fitting, key=lambda edition: edition.years[0]).name if fitting else None


def years_text(edition: Edition) -> str:
    """"2019–2020", "2021 on": the years of ``edition``, for messages and help."""
    first, last = edition.years
    return f"{first} on" if last is None else f"{first}–{last}"


def editions_text() -> str:
    """"2018 for 2014–2018, 2019 for 2019–2020, …": which edition serves which years."""
    return ", ".join(f"{name} for {years_text(edition)}" for name, edition in sorted(EDITIONS.items()))

__all__ = [
    "EDITIONS", "Edition", "Edition2018", "Edition2019", "Edition2021", "RowSpec", "Stats2018", "Stats2019",
    "Stats2021", "TableSpec", "covers", "edition_for_year", "editions_text", "get_value", "value_fields", "years_text",
]
