"""Run an edition's rules over a report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reportkit.document.model import Block, Paragraph, Section
from reportkit.document.numbering import heading_number
from reportkit.editions.base import PENDING, get_value, value_fields
from reportkit.i18n import _zh
from reportkit.validate.blanks import blank_findings
from reportkit.validate.findings import Finding, Severity, accept
from reportkit.validate.load import rules_of
from reportkit.validate.meta import date_findings, edition_year_findings, title_findings
from reportkit.validate.rules import Compare, Context, Lookup, Number
from reportkit.validate.style import enumeration_findings, repeat_findings, stale_year_findings
from reportkit.validate.text import TextRules
from reportkit.validate.vocabulary import Concept, Vocabulary, vocabulary
from reportkit.validate.years import jump_findings, similarity_findings

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
            if heading:
                yield _zh("正文 {heading} 第{number}段", heading=heading, number=paragraph), block.text
            else:
                yield _zh("正文 第{number}段", number=paragraph), block.text


def _contact() -> dict[str, str]:
    return {"address": _zh("地址"), "postcode": _zh("邮编"), "phone": _zh("电话"), "fax": _zh("传真"),
            "email": _zh("电子邮箱"), "website": _zh("门户网站")}


def _pending(report: AnnualReport[Any], context: Context) -> list[Finding]:
    """Everything still marked 待填写: figures, contact details, placeholders in the narrative."""
    out = [
        Finding("pending", Severity.WARNING, (f"stats.{path}",), _zh("{cell} 待填写", cell=context.label(path)),
                f"stats.{path}")
        for path, _kind in value_fields(report.edition_info.figures_class) if get_value(report.stats, path) == PENDING
    ]
    for name, label in _contact().items():
        if getattr(report.meta.contact, name) == PENDING:
            out.append(Finding("pending", Severity.WARNING, (), _zh("{cell} 待填写", cell=label),
                               f"meta.contact.{name}"))
    for where, text in context.narrative:
        # the templates' placeholders; figures still to fill are reported once, above, not where they show
        for match in re.finditer(f"（{PENDING}[^）]*）", text):
            out.append(Finding("pending", Severity.WARNING, (), _zh("“{text}”", text=match[0]), where))
    return out


def _section_texts(body: tuple[Block, ...]) -> list[tuple[str, str]]:
    """(title, all its text) of each level-1 section: what the similarity with last year compares."""
    return [(block.title, "".join(text for _, text in _narrative(block.blocks, 2, block.title)))
            for block in body if isinstance(block, Section)]


def _previous_lookup(previous: AnnualReport[Any]) -> Lookup:
    """Last year's figures by path; a cell last year's edition does not have is 待填写 (not compared)."""
    figures = {path: get_value(previous.stats, path) for path, _ in value_fields(previous.edition_info.figures_class)}

    def lookup(path: str) -> Number | str | None:
        value = figures.get(path, PENDING)
        return value if value is None or isinstance(value, int | Decimal | str) else PENDING

    return lookup


def _same_quantities(report: AnnualReport[Any], previous: AnnualReport[Any], words: Vocabulary
                     ) -> tuple[list[str], list[tuple[Concept, tuple[str, ...]]]]:
    """What this year's and last year's reports both state (for the jumps): the cells of the same path, kind and
    name in both editions, and the concepts both vocabularies name, held in other cells by last year's."""
    now, before = report.edition_info, previous.edition_info
    kinds = {path: field.metadata.get("kind") for path, field in value_fields(before.figures_class)}
    labels, before_labels = _labels(now), _labels(before)
    paths = [path for path, field in value_fields(now.figures_class)
             if path in kinds and kinds[path] == field.metadata.get("kind")
             and labels.get(path) == before_labels.get(path)]
    if now.name == before.name:
        return paths, []
    theirs = {c.id: c for c in vocabulary(before, tuple(kinds)).concepts if c.cells}
    concepts = [(c, theirs[c.id].cells) for c in words.concepts
                if c.cells and c.id in theirs and theirs[c.id].cells != c.cells and theirs[c.id].unit == c.unit]
    return paths, concepts


def _previous_year(report: AnnualReport[Any], previous: AnnualReport[Any]) -> list[Finding]:
    if previous.meta.year == report.meta.year - 1:
        return []
    message = _zh("上年报告是{before}年度的，本报告是{year}年度的：跨年度的核对未进行", before=previous.meta.year,
                  year=report.meta.year)
    return [Finding("previous-year", Severity.WARNING, (), message, "--previous")]


def validate(report: AnnualReport[Any], previous: AnnualReport[Any] | None = None) -> list[Finding]:
    """Every finding of the report, errors first, each with the reason of the [[accept]] entry keeping it.

    ``previous``: last year's report (its figures; its narrative when it has one), for the checks across
    years. It may be in another edition: the cells both have are compared.
    """
    # A "last year's" report of another year is a wrong file: say so once, and compare nothing with it (a
    # carry-over or a fivefold jump against 2018 would be noise called 上年).
    wrong_year = _previous_year(report, previous) if previous is not None else []
    if wrong_year:
        previous = None
    edition = report.edition_info
    paths = tuple(path for path, _ in value_fields(edition.figures_class))
    narrative = tuple(_narrative(report.body, 1, ""))
    words = vocabulary(edition, paths)
    context = Context(
        value=lambda path: get_value(report.stats, path),
        labels={path: words.label(path, label) for path, label in _labels(edition).items()},
        units=edition.units(),
        narrative=narrative,
        headings=tuple(block.title for block in report.body if isinstance(block, Section)),
        previous=_previous_lookup(previous) if previous is not None else None,
    )
    findings = edition_year_findings(report) + date_findings(report) + title_findings(report)
    findings += _pending(report, context)
    rules = rules_of(edition)
    findings += [finding for rule in rules for finding in rule.check(context)]
    text = TextRules(edition.name, words, context, report.bound).check(narrative)
    findings += blank_findings(edition.name, [r for r in rules if isinstance(r, Compare)], context, text.unchecked)
    findings += text.findings
    findings += enumeration_findings(edition.name, words, narrative)
    findings += repeat_findings(edition.name, words, narrative)
    findings += stale_year_findings(edition.name, words, narrative, report.meta.year)
    findings += wrong_year
    if previous is not None:
        findings += jump_findings(edition.name, context, *_same_quantities(report, previous, words))
        findings += similarity_findings(edition.name, _section_texts(report.body), _section_texts(previous.body))
    return _ordered(accept(findings, report.accepted))


def validate_figures(edition: Edition, figures: object) -> list[Finding]:
    """The table rules of ``edition`` over figures alone, as a township's or department's return (no narrative)."""
    context = Context(value=lambda path: get_value(figures, path), labels=_labels(edition), narrative=(),
                      units=edition.units())
    rules = [rule for rule in rules_of(edition) if isinstance(rule, Compare)]
    findings = [f for rule in rules for f in rule.check(context)]
    return _ordered(findings + blank_findings(edition.name, rules, context, []))


def _labels(edition: Edition) -> dict[str, str]:
    return {path: short_label(label) for path, label in edition.labels().items()}


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: _ORDER[f.severity])  # stable: rules keep their order
