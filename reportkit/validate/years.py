"""Against last year's report (k, j): figures that jump, and sections copied from last year.

Last year's report needs only its data file (its figures); its narrative is read when it has one.
It may be in another edition: the 2021 format's first report against a 2019 one compares the cells that are the
same quantity in both (the same path, kind and name: 上年结转 = last year's 结转下年度继续办理), and the quantities
both editions' vocabularies name by the same concept but hold in other cells (（六）其他处理: one row in 2019,
three in 2021; 行政许可 本年处理决定数量). A cell of one edition is never compared with another quantity that
happens to share its path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from difflib import SequenceMatcher

from reportkit.i18n import _zh
from reportkit.validate.findings import Finding, Severity
from reportkit.validate.rules import Context, Lookup, Number
from reportkit.validate.vocabulary import Concept

# Fivefold: a figure that grows more than ×5 or falls below a fifth is more often a slip (a figure typed in
# the wrong row, last year's left in, a unit of 万 and 条 mixed) than a real change. Small figures move a lot
# for nothing (1 → 6 applications): only figures where either year is at least MIN_JUMP are compared.
FACTOR = 5
MIN_JUMP = 20

# 内容雷同: the 宿迁 assessment rules (notes-2026-12.md §2) count a report as copied when more than half of its
# text repeats last year's. A section is compared with last year's same section, figures taken out (the same
# text with new figures is still the same text); sections shorter than MIN_SECTION characters are left out.
SIMILAR = 0.5
MIN_SECTION = 60


def jump_findings(edition: str, context: Context, paths: Sequence[str],
                  concepts: Sequence[tuple[Concept, tuple[str, ...]]] = ()) -> Iterator[Finding]:
    """k: figures that grew more than fivefold or fell below a fifth since last year.

    ``paths``: the cells that are the same quantity in both years' editions; ``concepts``: this year's concepts
    with last year's cells for them, where the editions hold the same quantity in different cells.
    """
    if context.previous is None:
        return
    for path in paths:
        yield from _jump(edition, context.label(path), (path,), _total(context.value, (path,)),
                         _total(context.previous, (path,)))
    for concept, before in concepts:
        yield from _jump(edition, concept.name, concept.cells, _total(context.value, concept.cells),
                         _total(context.previous, before))


def _total(lookup: Lookup, paths: Sequence[str]) -> Number | None:
    """The sum of the cells; None when one is blank, 待填写 or not a figure of that edition."""
    total: Number = 0
    for path in paths:
        value = lookup(path)
        if not isinstance(value, int | Decimal) or isinstance(value, bool):
            return None
        total += value
    return total


def _jump(edition: str, name: str, cells: Sequence[str], now: Number | None, before: Number | None
          ) -> Iterator[Finding]:
    if now is None or before is None:
        return
    if max(now, before) < MIN_JUMP or before == 0 or now == 0:
        return
    if now > FACTOR * before or now * FACTOR < before:
        ratio = format(now / before if now > before else before / now, ".1f")
        if now > before:
            message = _zh("{cell} 由上年 {before} 增长到 {now}（相差{ratio}倍），请核实", cell=name,
                          before=_show(before), now=_show(now), ratio=ratio)
        else:
            message = _zh("{cell} 由上年 {before} 减少到 {now}（相差{ratio}倍），请核实", cell=name,
                          before=_show(before), now=_show(now), ratio=ratio)
        yield Finding(f"{edition}.year-jump", Severity.WARNING, tuple(f"stats.{path}" for path in cells), message)


def _show(value: Number) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _plain(text: str) -> str:
    return re.sub(r"\d+(?:\.\d+)?", "#", text)


def repeated_share(now: str, before: str) -> float:
    """The share of ``now``'s characters found, in order, in ``before`` (difflib's matching blocks)."""
    if not now:
        return 0.0
    matcher = SequenceMatcher(None, before, now, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(now)


def similarity_findings(edition: str, now: Sequence[tuple[str, str]], before: Sequence[tuple[str, str]]
                        ) -> Iterator[Finding]:
    """Each level-1 section (title, text) against last year's section of the same title."""
    last = dict(before)
    for title, text in now:
        plain = _plain(text)
        if len(plain) < MIN_SECTION or title not in last:
            continue
        share = repeated_share(plain, _plain(last[title]))
        if share > SIMILAR:
            message = _zh("“{title}”一节有 {share} 的文字与上年报告相同（超过 {limit} 即视为内容雷同），"
                          "请按本年情况重写",
                          title=title, share=format(share, ".0%"), limit=format(SIMILAR, ".0%"))
            yield Finding(f"{edition}.year-similar", Severity.WARNING, (), message,
                          _zh("正文 {heading}", heading=title), title)
