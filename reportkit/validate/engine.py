"""Run an edition's rules over a report."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reportkit.document.model import Block, Paragraph, Section
from reportkit.document.numbering import heading_number
from reportkit.editions import covers, edition_for_year
from reportkit.editions.base import PENDING, get_value, value_fields
from reportkit.validate.findings import Finding, Severity
from reportkit.validate.load import rules_of
from reportkit.validate.rules import Compare, Context

if TYPE_CHECKING:
    from reportkit.editions import Edition
    from reportkit.report.model import AnnualReport

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|其中：)")


def short_label(label: str) -> str:
    """统计指标 without its number and its second line: "（三）申请答复数" -> "申请答复数"."""
    first = label.split("\n")[0]
    return _NUMBERING.sub("", first).strip()


def _narrative(blocks: tuple[Block, ...], level: int, heading: str) -> Iterator[tuple[str, str]]:
    count, paragraph = 0, 0
    for block in blocks:
        if isinstance(block, Section):
            count += 1
            title = f"{heading_number(level, count)}{block.title}"
            yield from _narrative(block.blocks, level + 1, title)
        elif isinstance(block, Paragraph):
            paragraph += 1
            yield (f"正文 {heading} 第{paragraph}段" if heading else f"正文 第{paragraph}段"), block.text


_CONTACT = {
    "address": "地址", "postcode": "邮编", "phone": "电话", "fax": "传真", "email": "电子邮箱", "website": "门户网站",
}


def _pending(report: AnnualReport[Any], context: Context) -> list[Finding]:
    """Everything still marked 待填写: figures, contact details, placeholders in the narrative."""
    out = [
        Finding("pending", Severity.WARNING, (f"stats.{path}",), f"{context.label(path)} {PENDING}", f"stats.{path}")
        for path, _ in value_fields(report.edition_info.figures_class) if get_value(report.stats, path) == PENDING
    ]
    for name, label in _CONTACT.items():
        if getattr(report.meta.contact, name) == PENDING:
            out.append(Finding("pending", Severity.WARNING, (), f"{label} {PENDING}", f"meta.contact.{name}"))
    for where, text in context.narrative:
        # the templates' placeholders; figures still to fill are reported once, above, not where they show
        for match in re.finditer(f"（{PENDING}[^）]*）", text):
            out.append(Finding("pending", Severity.WARNING, (), f"“{match[0]}”", where))
    return out


def _edition_year(report: AnnualReport[Any]) -> list[Finding]:
    """A data file whose format is not the one for its year: a 2025 report on the pre-2019 统计表, say."""
    edition, year = report.edition_info, report.meta.year
    if covers(edition, year):
        return []
    first, last = edition.years
    span = f"{first}年起" if last is None else f"{first}—{last}年度"
    right = edition_for_year(year)
    advice = f"，{year}年度报告的格式是 edition = \"{right}\"" if right else f"，没有{year}年度适用的格式"
    message = f"edition = \"{edition.name}\" 是{span}报告的格式{advice}"
    return [Finding("edition-year", Severity.WARNING, (), message, "数据文件 edition")]


def _dates(report: AnnualReport[Any]) -> list[Finding]:
    """统计期限 and 成文日期 against the reporting year: last year's dates left in, or a report out of time.

    The deadline is the one for governments, 3月31日 of the next year (条例 2007 第三十二条, 2019 第五十条);
    a department's report is due by 1月31日.
    """
    meta, out = report.meta, []
    if not meta.period_start.year == meta.period_end.year == meta.year:
        period = f"{meta.period_start}—{meta.period_end}"
        out.append(Finding("meta-period", Severity.WARNING, (), f"统计期限 {period} 不在 {meta.year} 年内",
                           "meta.period_start"))
    if meta.issued is not None and meta.issued < meta.period_end:
        out.append(Finding("meta-issued", Severity.WARNING, (),
                           f"成文日期 {meta.issued} 早于统计期限结束 {meta.period_end}", "meta.issued"))
    elif meta.issued is not None and meta.issued > dt.date(meta.year + 1, 3, 31):
        out.append(Finding("meta-issued", Severity.WARNING, (),
                           f"成文日期 {meta.issued} 晚于法定公布期限 {meta.year + 1}-03-31", "meta.issued"))
    return out


def validate(report: AnnualReport[Any], previous: AnnualReport[Any] | None = None) -> list[Finding]:
    """Every finding of the report's edition rules, errors first, in the order of the rules.

    ``previous``: last year's report, for the rules that carry figures over from one year to the next.
    """
    edition = report.edition_info
    if previous is not None and previous.edition != report.edition:
        raise ValueError(f"last year's report is in edition {previous.edition}, this one in {report.edition}")
    context = Context(
        value=lambda path: get_value(report.stats, path),
        labels=_labels(edition),
        units=edition.units(),
        narrative=tuple(_narrative(report.body, 1, "")),
        headings=tuple(block.title for block in report.body if isinstance(block, Section)),
        previous=(lambda path: get_value(previous.stats, path)) if previous is not None else None,
    )
    findings = _edition_year(report) + _dates(report) + _pending(report, context)
    findings += [finding for rule in rules_of(edition) for finding in rule.check(context)]
    return _errors_first(findings)


def validate_figures(edition: Edition, figures: object) -> list[Finding]:
    """The table rules of ``edition`` over figures alone, as a township's or department's return (no narrative)."""
    context = Context(value=lambda path: get_value(figures, path), labels=_labels(edition), narrative=(),
                      units=edition.units())
    return _errors_first([f for rule in rules_of(edition) if isinstance(rule, Compare) for f in rule.check(context)])


def _labels(edition: Edition) -> dict[str, str]:
    return {path: short_label(label) for path, label in edition.labels().items()}


def _errors_first(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: f.severity != Severity.ERROR)  # stable: rules keep their order
