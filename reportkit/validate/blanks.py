"""Blank cells (i): a blank is not 0. Said once, not once per rule it stops.

A total left blank while its parts are filled (a whole 总计 column of 表三, say) is itself the defect: one
finding names those cells. Every other check still runs; what the blanks keep from being checked is one line.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportkit.i18n import _zh
from reportkit.validate.claims import Claim
from reportkit.validate.findings import Finding, Severity
from reportkit.validate.rules import Compare, Context, _cells

_LISTED = 6  # cells named in a message before "等"


def _listing(names: Sequence[str]) -> str:
    shown = _zh("、").join(names[:_LISTED])
    return _zh("{cells}等{count}格", cells=shown, count=len(names)) if len(names) > _LISTED else shown


def blank_findings(edition: str, rules: Sequence[Compare], context: Context, claims: Sequence[Claim]) -> list[Finding]:
    totals: dict[str, None] = {}  # blank totals whose parts are all filled, in the order of the rules
    stopped: list[tuple[Compare, list[str]]] = []
    for rule in rules:
        blanks = rule.blanks(context)
        if not blanks:
            continue
        if rule.op == "=" and len(rule.left) == 1 and blanks == [rule.left[0]]:
            totals[rule.left[0]] = None
        stopped.append((rule, blanks))
    out: list[Finding] = []
    if totals:
        names = [context.label(path) for path in totals]
        message = _zh("合计为空（空白不等于 0），而其各部分已填写：{cells}", cells=_listing(names))
        severity = min((r.severity for r, _ in stopped if r.left[0] in totals), key=lambda s: s != Severity.ERROR)
        out.append(Finding(f"{edition}.blank-totals", severity, _cells(totals), message))
    cells = dict.fromkeys(path for _, blanks in stopped for path in blanks if path not in totals)
    cells.update(dict.fromkeys(path for claim in claims for path in claim.cells
                               if context.value(path) is None and path not in totals))
    if len(stopped) == 1 and not claims:
        rule, blanks = stopped[0]
        blank_names = _zh("、").join(context.label(path) for path in blanks)
        message = _zh("{cells} 为空（空白不等于 0），无法核对 {left} 与{right}", cells=blank_names,
                      left=rule.describe_left(context), right=rule.right_name)
        if not totals:
            out.append(Finding(rule.id, Severity.WARNING, _cells(blanks), message))
    elif stopped or claims:
        what = [_zh("{count}项表格核对", count=len(stopped))] if stopped else []
        if claims:
            texts = list(dict.fromkeys(_zh("“{text}”", text=c.text) for c in claims))
            listed = _zh("、").join(texts[:3])
            if len(texts) > 3:
                what.append(_zh("正文{count}处数字（{texts}等）", count=len(claims), texts=listed))
            else:
                what.append(_zh("正文{count}处数字（{texts}）", count=len(claims), texts=listed))
        blank = _zh("；空白格：{cells}", cells=_listing([context.label(p) for p in cells])) if cells else ""
        message = _zh("因空白（空白不等于 0），{what}无法进行{blanks}", what=_zh("和").join(what), blanks=blank)
        out.append(Finding(f"{edition}.blank-unchecked", Severity.WARNING, _cells(list(cells)), message))
    return out
