"""Rule kinds: arithmetic between cells, the type and sign of every value, narrative figures."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Protocol

from attrs import field, frozen

from reportkit.i18n import _zh
from reportkit.validate.findings import Finding, Severity

Number = int | Decimal
# A cell's value by its path in the figures ("applications.answered"); a str is PENDING (待填写).
Lookup = Callable[[str], Number | str | None]


PREVIOUS = "prev."  # a path into last year's report


@frozen
class Context:
    """What rules see: the figures, the 统计指标 names of the cells, the narrative, and last year's figures."""

    value: Lookup
    labels: Mapping[str, str]  # path -> short name, e.g. "applications.answered" -> "申请答复数"
    narrative: tuple[tuple[str, str], ...]  # (where, text)
    headings: tuple[str, ...] = ()  # the level-1 headings of the narrative, in order
    previous: Lookup | None = None  # last year's report, when given
    units: Mapping[str, str] = field(factory=dict)  # path -> the cell's unit (条, 件, 万元), for messages

    def label(self, path: str) -> str:
        if path.startswith(PREVIOUS):
            return _zh("上年{label}", label=self.labels.get(path[len(PREVIOUS):], path))
        return self.labels.get(path, path)

    def amount(self, value: Number, paths: Iterable[str]) -> str:
        """A figure as messages print it, with the unit its cells share ("2069条"), none if they differ."""
        units = {self.units.get(_bare(path)) for path in paths}
        unit = units.pop() if len(units) == 1 else None
        return f"{_show(value)}{unit or ''}"

    def lookup(self, path: str) -> Number | str | None:
        if path.startswith(PREVIOUS):
            assert self.previous is not None
            return self.previous(path[len(PREVIOUS):])
        return self.value(path)


class Rule(Protocol):
    @property
    def id(self) -> str: ...

    def check(self, context: Context) -> Iterable[Finding]: ...


def _cells(paths: Iterable[str]) -> tuple[str, ...]:
    return tuple(f"stats.{path}" for path in paths if not path.startswith(PREVIOUS))


def _bare(path: str) -> str:
    return path.removeprefix("-").removeprefix(PREVIOUS)


def _show(value: Number) -> str:
    return f"{value:,}".replace(",", "") if isinstance(value, int) else str(value)


def _terms(paths: tuple[str, ...]) -> list[tuple[int, str]]:
    """(sign, path) of each term: "-a.b" is subtracted."""
    return [(-1, p[1:]) if p.startswith("-") else (1, p) for p in paths]


@frozen
class Compare:
    """The sum of ``left`` against the sum of ``right``: ``=``, ``<=`` or ``>=``.

    A term written "-a.b" is subtracted; "prev.a.b" is last year's figure (the rule is skipped without last
    year's report). The names label the sums in messages (各类答复之和). A blank cell cannot be checked: the
    rule then reports it, since a blank is not 0.
    """

    id: str
    left: tuple[str, ...]
    op: str  # "=", "<=", ">="
    right: tuple[str, ...]
    right_name: str
    severity: Severity = Severity.WARNING
    left_name: str | None = None

    def _side(self, context: Context, terms: list[tuple[int, str]]) -> Number:
        total: Number = 0
        for sign, path in terms:
            value = context.lookup(path)
            assert isinstance(value, int | Decimal)
            total += sign * value
        return total

    def _describe(self, context: Context, terms: list[tuple[int, str]], name: str | None) -> str:
        if len(terms) == 1 and name is None:
            return context.label(terms[0][1])
        return name or " + ".join(context.label(path) for _, path in terms)

    def paths(self) -> list[str]:
        return [path for _, path in _terms(self.left) + _terms(self.right)]

    def blanks(self, context: Context) -> list[str] | None:
        """The blank cells that keep the rule from being checked; None when it is not checked at all.

        Not checked: a rule across years without last year's report, a cell still 待填写, or every cell
        blank (a part of the table the report leaves out).
        """
        paths = self.paths()
        if context.previous is None and any(p.startswith(PREVIOUS) for p in paths):
            return None
        values = [context.lookup(path) for path in paths]
        if all(v is None for v in values) or any(isinstance(v, str) for v in values):
            return None
        return [path for path, v in zip(paths, values, strict=True) if v is None]

    def describe_left(self, context: Context) -> str:
        return self._describe(context, _terms(self.left), self.left_name)

    def check(self, context: Context) -> Iterator[Finding]:
        """The finding when the figures do not add up; nothing when they do or cannot be checked (blanks
        are reported for all rules at once, by :mod:`reportkit.validate.blanks`)."""
        left, right = _terms(self.left), _terms(self.right)
        if self.blanks(context) != []:
            return
        paths = self.paths()
        values = [context.lookup(path) for path in paths]
        left_text = self._describe(context, left, self.left_name)
        a, b = self._side(context, left), self._side(context, right)
        if {"=": a == b, "<=": a <= b, ">=": a >= b}[self.op]:
            return
        sign = {"=": "≠", "<=": ">", ">=": "<"}[self.op]
        detail = ""
        if len(right) > 1:
            shown = [f"{'−' if s < 0 else '+'} {context.label(p)} {context.amount(v, [p])}"
                     for (s, p), v in zip(right, values[len(left):], strict=True) if isinstance(v, int | Decimal) and v]
            detail = _zh("（{terms}）", terms=" ".join(shown).removeprefix("+ ")) if shown else ""
        left_paths, right_paths = [p for _, p in left], [p for _, p in right]
        # The cells' names and the sums' names are the edition's (data): fields, as the figures are.
        message = _zh("{left} {left_sum} {sign} {right} {right_sum}{detail}", left=left_text,
                      left_sum=context.amount(a, left_paths), sign=sign, right=self.right_name,
                      right_sum=context.amount(b, right_paths), detail=detail)
        yield Finding(self.id, self.severity, _cells(paths), message)


@frozen
class Headings:
    """The level-1 headings of the narrative are the edition's official ones, in order."""

    id: str
    official: tuple[str, ...]
    severity: Severity = Severity.WARNING

    def check(self, context: Context) -> Iterator[Finding]:
        if not context.headings:
            return
        for k, (found, wanted) in enumerate(zip(context.headings, self.official, strict=False)):
            if found != wanted:
                yield Finding(self.id, self.severity, (),
                              _zh("第{number}个一级标题“{found}”与规定的“{wanted}”不一致", number=k + 1, found=found,
                                  wanted=wanted),
                              _zh("正文 第{number}个一级标题", number=k + 1))
        if len(context.headings) != len(self.official):
            listed = "、".join(self.official)
            message = _zh("一级标题有 {found} 个，规定为 {wanted} 个（{listed}）", found=len(context.headings),
                          wanted=len(self.official), listed=listed)
            yield Finding(self.id, self.severity, (), message, _zh("正文"))


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
                names = " + ".join(f"{context.label(p)} {context.amount(v, [p])}"
                                   for p, v in zip(self.fields, numbers, strict=True))
                if len(self.fields) > 1:
                    names += f" = {context.amount(actual, self.fields)}"
                approximate = "" if low == high else _zh("（“{figure}”即 {low}–{high}）", figure=match["figure"],
                                                         low=_show(low), high=_show(high))
                message = _zh("正文“{text}”与统计表不符：{names}{approximate}", text=match[0], names=names,
                              approximate=approximate)
                yield Finding(self.id, self.severity, _cells(self.fields), message, where)
