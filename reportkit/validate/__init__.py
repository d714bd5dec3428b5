"""Checks of the figures before rendering: the tables' arithmetic, and the narrative against the tables.

Rules are data in each edition's ``edition.toml`` (``[[rules]]``, ``[[narrative]]``, ``headings``), built by
:func:`rules_of` and run by one engine; an edition adds rules without touching it.
"""

from reportkit.validate.engine import validate, validate_figures
from reportkit.validate.findings import Finding, Severity
from reportkit.validate.load import rules_of
from reportkit.validate.rules import Compare, NarrativeFigure, Rule, parse_figure

__all__ = ["Compare", "Finding", "NarrativeFigure", "Rule", "Severity", "parse_figure", "rules_of", "validate",
           "validate_figures"]
