"""Rule kinds: arithmetic between cells, the type and sign of every value, narrative figures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Protocol

from attrs import frozen

from reportkit.validate.findings import Finding, Severity

Number = int | Decimal
# A cell's value by its path in the figures ("applications.answered"); a str is PENDING (待填写).
Lookup = Callable[[str], Number | str | None]


@frozen
class Context:
    """What rules see: the figures, the 统计指标 names of the cells, and the narrative's paragraphs."""

    value: Lookup
    labels: Mapping[str, str]  # path -> short name, e.g. "applications.answered" -> "申请答复数"
    narrative: tuple[tuple[str, str], ...]  # (where, text)

    def label(self, path: str) -> str:
        return self.labels.get(path, path)


class Rule(Protocol):
    @property
    def id(self) -> str: ...

    def check(self, context: Context) -> Iterable[Finding]: ...


def _cells(paths: Iterable[str]) -> tuple[str, ...]:
    return tuple(f"stats.{path}" for path in paths)


def _show(value: Number) -> str:
    return f"{value:,}".replace(",", "") if isinstance(value, int) else str(value)


@frozen
class Compare:
    """``left`` against the sum of ``right``: ``=`` (a total is the sum of its parts), ``<=`` or ``>=``.

    ``right_name`` names the sum in messages (各类答复之和). A blank cell cannot be checked: the rule then
    reports it, since a blank is not 0.
    """

    id: str
    left: str
    op: str  # "=", "<=", ">="
    right: tuple[str, ...]
    right_name: str
    severity: Severity = Severity.WARNING

    def check(self, context: Context) -> Iterator[Finding]:
        paths = (self.left, *self.right)
        values = [context.value(path) for path in paths]
        if all(v is None for v in values) or any(isinstance(v, str) for v in values):
            return
        blanks = [path for path, v in zip(paths, values, strict=True) if v is None]
        if blanks:
            names = "、".join(context.label(path) for path in blanks)
            yield Finding(self.id, Severity.WARNING, _cells(blanks),
                          f"{names} 为空（空白不等于 0），无法核对 {context.label(self.left)} 与{self.right_name}")
            return
        left, *parts = values
        assert isinstance(left, int | Decimal)
        total = sum((v for v in parts if isinstance(v, int | Decimal)), start=0)
        holds = {"=": left == total, "<=": left <= total, ">=": left >= total}[self.op]
        if holds:
            return
        sign = {"=": "≠", "<=": ">", ">=": "<"}[self.op]
        shown = [f"{context.label(p)} {_show(v)}" for p, v in zip(self.right, parts, strict=True)
                 if isinstance(v, int | Decimal) and v]
        detail = f"（{' + '.join(shown)}）" if len(self.right) > 1 and shown else ""
        message = f"{context.label(self.left)} {_show(left)} {sign} {self.right_name} {_show(total)}{detail}"
        yield Finding(self.id, self.severity, _cells(paths), message)


# A figure as these reports write it: "15万余", "9000多", "近400", "1.5万", "3".
FIGURE = r"(?:近|约)?\d+(?:\.\d+)?万?(?:余|多)?"
_FIGURE = re.compile(r"(?P<prefix>近|约)?(?P<number>\d+(?:\.\d+)?)(?P<wan>万)?(?P<suffix>余|多)?")


def parse_figure(text: str) -> tuple[Decimal, Decimal]:
    """The range [low, high] of whole values a written figure allows.

    "9000多" is 9000–9999 (more than 9000, short of the next thousand), "15万余" 150000–159999,
    "1.5万余" 15000–15999, "近400" 300–400, "约400" 300–500, "3" exactly 3.
    """
    match = _FIGURE.fullmatch(text)
    if match is None:
        raise ValueError(f"not a figure: {text!r}")
    number = Decimal(match["number"])
    scale = Decimal(10000) if match["wan"] else Decimal(1)
    written = match["number"].rstrip("0").rstrip(".") if "." in match["number"] else match["number"]
    trailing = len(written) - len(written.rstrip("0")) if "." not in written else 0
    decimals = len(written.split(".")[1]) if "." in written else 0
    step = scale * Decimal(10) ** (trailing - decimals)  # the place of the last digit written
    base = number * scale
    if match["suffix"]:
        return base, base + step - 1
    if match["prefix"] == "近":
        return base - step, base
    if match["prefix"] == "约":
        return base - step, base + step
    return base, base


@frozen
class NarrativeFigure:
    """A figure written in the narrative, found by ``pattern``, checked against the sum of ``fields``.

    ``pattern`` is a regular expression in which ``{figure}`` stands for the figure, e.g.
    ``累计公开政府信息{figure}条`` against ``active.total``.
    """

    id: str
    pattern: str
    fields: tuple[str, ...]
    severity: Severity = Severity.WARNING

    def check(self, context: Context) -> Iterator[Finding]:
        regex = re.compile(self.pattern.replace("{figure}", f"(?P<figure>{FIGURE})"))
        for where, text in context.narrative:
            for match in regex.finditer(text):
                values = [context.value(path) for path in self.fields]
                numbers = [v for v in values if isinstance(v, int | Decimal)]
                if len(numbers) < len(values):
                    continue  # a blank or a pending cell: nothing to compare with
                actual = sum(numbers, start=0)
                low, high = parse_figure(match["figure"])
                if low <= actual <= high:
                    continue
                names = " + ".join(f"{context.label(p)} {_show(v)}" for p, v in zip(self.fields, numbers, strict=True))
                if len(self.fields) > 1:
                    names += f" = {_show(actual)}"
                allowed = _show(low) if low == high else f"{_show(low)}–{_show(high)}"
                message = f"正文“{match[0]}”与统计表不符：{names}（“{match['figure']}”应为 {allowed}）"
                yield Finding(self.id, self.severity, _cells(self.fields), message, where)
