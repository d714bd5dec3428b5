"""Report formats (editions). ``EDITIONS`` maps the name used in data files to the edition."""

from reportkit.editions.base import Edition, RowSpec, TableSpec, get_value, value_fields
from reportkit.editions.e2018 import Edition2018, Stats2018
from reportkit.editions.e2019 import Edition2019, Stats2019
from reportkit.editions.e2021 import Edition2021, Stats2021

EDITIONS: dict[str, Edition] = {"2018": Edition2018(), "2019": Edition2019(), "2021": Edition2021()}

__all__ = [
    "EDITIONS", "Edition", "Edition2018", "Edition2019", "Edition2021", "RowSpec", "Stats2018", "Stats2019",
    "Stats2021", "TableSpec", "get_value", "value_fields",
]
