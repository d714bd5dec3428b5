"""Report formats (editions). ``EDITIONS`` maps the name used in data files to the edition."""

from reportkit.editions.base import Edition, RowSpec, TableSpec, get_value, value_fields
from reportkit.editions.e2018 import Edition2018, Stats2018

EDITIONS: dict[str, Edition] = {"2018": Edition2018()}

__all__ = ["EDITIONS", "Edition", "Edition2018", "RowSpec", "Stats2018", "TableSpec", "get_value", "value_fields"]
