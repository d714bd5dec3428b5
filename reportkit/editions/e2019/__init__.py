"""The 2019 trial format: 国办公开办函〔2019〕60号, the first with tables in the body.

It differs from 2021 in 表二 (numbers of items and their change from last year, 其他对外管理服务事项, 政府集中采购)
and in 表三, where （六）其他处理 is a single row. 表四 is the same. Grids, rules, headings: ``edition.toml``;
the rows 表三 and 表四 share with 2021 are the 2021 classes.
"""

from __future__ import annotations

from attrs import Factory, frozen

from reportkit.editions.base import Amount, Change, Count, amount, change, count
from reportkit.editions.e2021 import ApplicationResults, ByApplicant, Cases2021, applicant_row


@frozen
class Made:
    """第二十条第（一）项 (2019): 本年新制作数量, 本年新公开数量, 对外公开总数量."""

    made: Count = count()
    published: Count = count()
    total: Count = count()


@frozen
class Items:
    """第（五）（六）项 (2019): 上一年项目数量, 本年增/减, 处理决定数量."""

    previous: Count = count()
    change: Change = change()
    decisions: Count = count()


@frozen
class FeeItems:
    """第（八）项 (2019): 行政事业性收费 上一年项目数量, 本年增/减."""

    previous: Count = count()
    change: Change = change()


@frozen
class Procurement:
    """第（九）项 (2019): 政府集中采购 采购项目数量, 采购总金额."""

    projects: Count = count()
    amount: Amount = amount()


@frozen
class Active2019:
    """表二 主动公开政府信息情况 (2019)."""

    regulations: Made = Factory(Made)  # 规章
    normative_documents: Made = Factory(Made)  # 规范性文件
    licensing: Items = Factory(Items)  # 行政许可
    other_services: Items = Factory(Items)  # 其他对外管理服务事项
    penalties: Items = Factory(Items)  # 行政处罚
    coercion: Items = Factory(Items)  # 行政强制
    fees: FeeItems = Factory(FeeItems)  # 行政事业性收费
    procurement: Procurement = Factory(Procurement)  # 政府集中采购


@frozen
class Applications2019(ApplicationResults):
    """表三 (2019): as 2021, with a single （六）其他处理 row."""

    other_processing: ByApplicant = applicant_row()  # （六）其他处理
    results_total: ByApplicant = applicant_row()  # （七）总计
    carried_forward: ByApplicant = applicant_row()  # 四、结转下年度继续办理


@frozen
class Stats2019:
    active: Active2019 = Factory(Active2019)
    applications: Applications2019 = Factory(Applications2019)
    cases: Cases2021 = Factory(Cases2021)
