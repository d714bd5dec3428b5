"""The report's data around the text (l): its edition for its year, its dates and deadline, its title."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from reportkit.editions import covers, edition_for_year
from reportkit.i18n import _zh
from reportkit.validate.findings import Finding, Severity

if TYPE_CHECKING:
    from reportkit.report.model import AnnualReport

# 条例 (2019) 第五十条: 各级人民政府 by 3月31日; 第四十九条: 政府部门 to the government by 1月31日.
DEADLINES = {"government": (3, 31), "department": (1, 31)}


def edition_year_findings(report: AnnualReport[Any]) -> list[Finding]:
    """A data file whose format is not the one for its year: a 2025 report on the pre-2019 统计表, say."""
    edition, year = report.edition_info, report.meta.year
    if covers(edition, year):
        return []
    first, last = edition.years
    span = _zh("{first}年起", first=first) if last is None else _zh("{first}—{last}年度", first=first, last=last)
    right = edition_for_year(year)
    if right:
        advice = _zh("，{year}年度报告的格式是 edition = \"{right}\"", year=year, right=right)
    else:
        advice = _zh("，没有{year}年度适用的格式", year=year)
    message = _zh("edition = \"{edition}\" 是{span}报告的格式{advice}", edition=edition.name, span=span,
                  advice=advice)
    return [Finding("edition-year", Severity.WARNING, (), message, _zh("数据文件 edition"))]


def date_findings(report: AnnualReport[Any]) -> list[Finding]:
    """统计期限 and 成文日期 against the reporting year and the deadline of the issuer's kind."""
    meta, out = report.meta, []
    if not meta.period_start.year == meta.period_end.year == meta.year:
        period = f"{meta.period_start}—{meta.period_end}"
        out.append(Finding("meta-period", Severity.WARNING, (),
                           _zh("统计期限 {period} 不在 {year} 年内", period=period, year=meta.year),
                           "meta.period_start"))
    month, day = DEADLINES[meta.kind]
    deadline = dt.date(meta.year + 1, month, day)
    if meta.issued is not None and meta.issued < meta.period_end:
        out.append(Finding("meta-issued", Severity.WARNING, (),
                           _zh("成文日期 {issued} 早于统计期限结束 {end}", issued=meta.issued, end=meta.period_end),
                           "meta.issued"))
    elif meta.issued is not None and meta.issued > deadline:
        if meta.kind == "government":
            message = _zh("成文日期 {issued} 晚于法定公布期限 {deadline}（人民政府的年度报告于{month}月{day}日前公布，"
                          "meta.kind = \"{kind}\"）", issued=meta.issued, deadline=deadline, month=month, day=day,
                          kind=meta.kind)
        else:
            message = _zh("成文日期 {issued} 晚于法定公布期限 {deadline}（部门的年度报告于{month}月{day}日前公布，"
                          "meta.kind = \"{kind}\"）", issued=meta.issued, deadline=deadline, month=month, day=day,
                          kind=meta.kind)
        out.append(Finding("meta-issued", Severity.WARNING, (), message, "meta.issued"))
    return out


def title_findings(report: AnnualReport[Any]) -> list[Finding]:
    """The title says 年度报告 (not 工作报告) and names the reporting year."""
    title, year = report.meta.full_title, report.meta.year
    wanted = ((_zh("“年度报告”"), "年度报告" in title), (_zh("年份“{year}”", year=year), str(year) in title))
    missing = [what for what, ok in wanted if not ok]
    if not missing:
        return []
    message = _zh("标题“{title}”没有写{missing}", title=title, missing=_zh("和").join(missing))
    return [Finding("meta-title", Severity.WARNING, (), message, "meta.title", title)]
