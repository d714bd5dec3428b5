"""The annual report model and loading it from TOML, YAML or JSON."""

from reportkit.report.load import load_report, parse_report
from reportkit.report.model import AnnualReport, Contact, ReportMeta
from reportkit.report.reader import DataError

__all__ = ["AnnualReport", "Contact", "DataError", "ReportMeta", "load_report", "parse_report"]
