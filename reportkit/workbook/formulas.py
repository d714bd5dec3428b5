"""The edition's table rules (勾稽关系) as spreadsheet formulas, so a unit sees a mismatch while typing.

Each arithmetic rule (``Compare``) becomes: its two sides as sums of cell references, a status formula that
says what the validator would ("相符", "不符", or "有空白" when a blank leaves it uncheckable, since a blank
is not 0), and a conditional-format condition that colours the rule's left-hand cells while it fails. Rules
on last year's figures (``prev.``) cannot be checked inside one year's workbook and are left out. The
formulas use only COUNT, COUNTA, IF, ROUND and arithmetic, which Excel, WPS and LibreOffice Calc share.
"""

from __future__ import annotations

import re

from attrs import frozen
from openpyxl.utils import get_column_letter

from reportkit.editions import Edition
from reportkit.validate.engine import short_label
from reportkit.validate.load import rules_of
from reportkit.validate.rules import PREVIOUS, Compare
from reportkit.workbook.layout import figure_cells

MISMATCH, BLANK, NOT_NUMBER, MATCH = "不符", "有空白", "非数字", "相符"
_COLUMN = re.compile(r"（[^（）]*）$")  # the column of a cell's label: "…申请数量（自然人）"
_SYMBOL = {"=": "=", "<=": "≤", ">=": "≥"}


@frozen
class RuleFormulas:
    """One rule, written for the workbook."""

    id: str  # the validator's id, "2021.row-total-granted"
    words: str  # the rule in words: "（一）予以公开（总计） = 各类申请人之和"
    cells: str  # the rule in cells: "表三!J9 = 表三!D9 + 表三!E9 + …"
    left: str  # a formula: the left side's sum, blank while a cell of the rule is not a number
    right: str
    status: str  # a formula: 相符 / 不符 / 有空白 / 非数字, or "" while every cell is blank
    highlight: tuple[tuple[str, str], ...]  # (sheet, A1) of each left-hand cell to colour while the rule fails
    condition: dict[str, str]  # sheet -> the condition (formula without "=") that the rule fails, for that sheet


def _ref(at: tuple[str, int, int], sheet: str | None = None) -> str:
    """An absolute reference; without the sheet's name when it is the sheet the formula is on."""
    name, row, col = at
    cell = f"${get_column_letter(col)}${row}"
    return cell if name == sheet else f"'{name}'!{cell}"


def _a1(at: tuple[str, int, int]) -> str:
    return f"{at[0]}!{get_column_letter(at[2])}{at[1]}"


def _terms(paths: tuple[str, ...]) -> list[tuple[int, str]]:
    return [(-1, p[1:]) if p.startswith("-") else (1, p) for p in paths]


def _sum(terms: list[tuple[int, str]], where: dict[str, tuple[str, int, int]], sheet: str | None = None) -> str:
    text = "".join(f"{'-' if sign < 0 else '+'}{_ref(where[path], sheet)}" for sign, path in terms)
    return text.removeprefix("+")


def _side_words(terms: list[tuple[int, str]], labels: dict[str, str], name: str | None) -> str:
    if name:
        return name
    return "".join(f" {'−' if sign < 0 else '+'} {labels.get(path, path)}" for sign, path in terms)[3:]


def _cells_words(terms: list[tuple[int, str]], where: dict[str, tuple[str, int, int]]) -> str:
    return "".join(f" {'−' if sign < 0 else '+'} {_a1(where[path])}" for sign, path in terms)[3:]


def _failing(rule: Compare, terms: list[tuple[int, str]], where: dict[str, tuple[str, int, int]],
             sheet: str | None) -> str:
    left, right = _terms(rule.left), _terms(rule.right)
    refs = ",".join(_ref(where[path], sheet) for _, path in terms)
    n = len(terms)
    difference = f"ROUND(({_sum(left, where, sheet)})-({_sum(right, where, sheet)}),6)"
    test = {"=": f"{difference}<>0", "<=": f"{difference}>0", ">=": f"{difference}<0"}[rule.op]
    return f"AND(COUNT({refs})={n},COUNTA({refs})={n},{test})"


def rule_formulas(edition: Edition) -> tuple[RuleFormulas, ...]:
    """Every arithmetic rule of ``edition`` that one year's figures can be checked against, in the rules' order."""
    where = figure_cells(edition)
    labels = {path: short_label(label) for path, label in edition.labels().items()}
    out = []
    for rule in rules_of(edition):
        if not isinstance(rule, Compare) or any(_bare(p).startswith(PREVIOUS) for p in (*rule.left, *rule.right)):
            continue
        left, right = _terms(rule.left), _terms(rule.right)
        terms = left + right
        refs = ",".join(_ref(where[path]) for _, path in terms)
        n = len(terms)
        ok = {"=": "=0", "<=": "<=0", ">=": ">=0"}[rule.op]
        status = (f'=IF(COUNT({refs})+COUNTA({refs})=0,"",IF(COUNTA({refs})>COUNT({refs}),"{NOT_NUMBER}",'
                  f'IF(COUNT({refs})<{n},"{BLANK}",IF(ROUND(({_sum(left, where)})-({_sum(right, where)}),6){ok},'
                  f'"{MATCH}","{MISMATCH}"))))')
        guard = f'IF(COUNT({refs})<{n},"",'
        sheets = {where[path][0] for _, path in left}
        words = (f"{_side_words(left, labels, rule.left_name)} {_SYMBOL[rule.op]} "
                 f"{_side_words(right, labels, rule.right_name)}")
        column = _COLUMN.search(labels.get(left[0][1], ""))
        if rule.left_name and column:  # a rule repeated for each column names its sums alike: say which column
            words += column[0]
        out.append(RuleFormulas(
            id=rule.id,
            words=words,
            cells=f"{_cells_words(left, where)} {_SYMBOL[rule.op]} {_cells_words(right, where)}",
            left=f"={guard}{_sum(left, where)})",
            right=f"={guard}{_sum(right, where)})",
            status=status,
            highlight=tuple((where[path][0], _a1(where[path]).split("!")[1]) for _, path in left),
            condition={sheet: _failing(rule, terms, where, sheet) for sheet in sheets},
        ))
    return tuple(out)


def _bare(path: str) -> str:
    return path.removeprefix("-")
