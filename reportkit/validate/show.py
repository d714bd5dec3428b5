"""Findings as a table a person reads in a terminal."""

from __future__ import annotations

import unicodedata

from reportkit.validate.findings import Finding

_LEVEL = {"error": "错误", "warning": "警告"}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def findings_table(findings: list[Finding]) -> str:
    """One block per finding: level, rule and place on one line, the message under it."""
    rows = [(_LEVEL[f.severity.value], f.rule, f.where, f.message) for f in findings]
    widths = [max(_width(row[k]) for row in rows) for k in range(3)]
    lines = []
    for level, rule, where, message in rows:
        lines.append("  ".join(_pad(cell, w) for cell, w in zip((level, rule, where), widths, strict=True)).rstrip())
        lines.append(f"    {message}")
    errors = sum(1 for f in findings if f.severity.value == "error")
    lines.append(f"{len(findings)} findings: {errors} errors, {len(findings) - errors} warnings")
    return "\n".join(lines)
