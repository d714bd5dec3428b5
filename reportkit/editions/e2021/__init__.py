"""The figures of the current format, 国办公开办函〔2021〕30号: 表二、三、四 of the body.

Field names are English; the official wording, the grids, the rules and the headings are in ``edition.toml``
beside this file, the default narrative in ``templates/``.
"""

from __future__ import annotations

from typing import Any

from attrs import Factory, frozen

from reportkit.editions.base import Amount, Count, amount, count


@frozen
class Documents:
    """第二十条第（一）项: a kind of document."""

    issued: Count = count()  # 本年制发件数
    repealed: Count = count()  # 本年废止件数
    valid: Count = count()  # 现行有效件数


@frozen
class Active2021:
    """表二 主动公开政府信息情况."""

    regulations: Documents = Factory(Documents)  # 规章
    normative_documents: Documents = Factory(Documents)  # 行政规范性文件
    licensing: Count = count()  # 第（五）项 行政许可 本年处理决定数量
    penalties: Count = count()  # 第（六）项 行政处罚
    coercion: Count = count()  # 第（六）项 行政强制
    fees: Amount = amount()  # 第（八）项 行政事业性收费 本年收费金额（万元）


@frozen
class ByApplicant:
    """A row of 表三: one figure per kind of applicant (申请人情况), and the row's 总计."""

    natural_person: Count = count()  # 自然人
    commercial: Count = count()  # 商业企业
    research: Count = count()  # 科研机构
    public_welfare: Count = count()  # 社会公益组织
    legal_service: Count = count()  # 法律服务机构
    other: Count = count()  # 其他
    total: Count = count()  # 总计


def applicant_row() -> Any:
    return Factory(ByApplicant)


@frozen
class ApplicationResults:
    """表三's rows shared by the 2019 and 2021 formats, up to （五）不予处理."""

    new_received: ByApplicant = applicant_row()  # 一、本年新收
    carried_over: ByApplicant = applicant_row()  # 二、上年结转
    granted: ByApplicant = applicant_row()  # （一）予以公开
    partly_granted: ByApplicant = applicant_row()  # （二）部分公开
    refused_state_secret: ByApplicant = applicant_row()  # （三）不予公开 1.属于国家秘密
    refused_other_law: ByApplicant = applicant_row()  # 2.其他法律行政法规禁止公开
    refused_security: ByApplicant = applicant_row()  # 3.危及“三安全一稳定”
    refused_third_party: ByApplicant = applicant_row()  # 4.保护第三方合法权益
    refused_internal_affairs: ByApplicant = applicant_row()  # 5.属于三类内部事务信息
    refused_process: ByApplicant = applicant_row()  # 6.属于四类过程性信息
    refused_enforcement_file: ByApplicant = applicant_row()  # 7.属于行政执法案卷
    refused_admin_query: ByApplicant = applicant_row()  # 8.属于行政查询事项
    unavailable_not_held: ByApplicant = applicant_row()  # （四）无法提供 1.本机关不掌握相关政府信息
    unavailable_needs_creation: ByApplicant = applicant_row()  # 2.没有现成信息需要另行制作
    unavailable_unclear: ByApplicant = applicant_row()  # 3.补正后申请内容仍不明确
    unprocessed_petition: ByApplicant = applicant_row()  # （五）不予处理 1.信访举报投诉类申请
    unprocessed_repeat: ByApplicant = applicant_row()  # 2.重复申请
    unprocessed_publication: ByApplicant = applicant_row()  # 3.要求提供公开出版物
    unprocessed_massive: ByApplicant = applicant_row()  # 4.无正当理由大量反复申请
    unprocessed_confirm: ByApplicant = applicant_row()  # 5.要求行政机关确认或重新出具已获取信息


@frozen
class Applications2021(ApplicationResults):
    """表三 收到和处理政府信息公开申请情况 (2021): 25 rows of seven columns."""

    other_overdue_correction: ByApplicant = applicant_row()  # （六）其他处理 1.逾期不补正
    other_overdue_fee: ByApplicant = applicant_row()  # 2.逾期未按收费通知要求缴纳费用
    other_other: ByApplicant = applicant_row()  # 3.其他
    results_total: ByApplicant = applicant_row()  # （七）总计
    carried_forward: ByApplicant = applicant_row()  # 四、结转下年度继续办理


@frozen
class Outcomes:
    """A group of 表四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计."""

    upheld: Count = count()
    corrected: Count = count()
    other: Count = count()
    pending: Count = count()
    total: Count = count()


@frozen
class Cases2021:
    """表四 政府信息公开行政复议、行政诉讼情况."""

    review: Outcomes = Factory(Outcomes)  # 行政复议
    litigation_direct: Outcomes = Factory(Outcomes)  # 行政诉讼 未经复议直接起诉
    litigation_after_review: Outcomes = Factory(Outcomes)  # 行政诉讼 复议后起诉


@frozen
class Stats2021:
    """All figures of the three tables, each addressable as ``stats.applications.new_received.total``."""

    active: Active2021 = Factory(Active2021)
    applications: Applications2021 = Factory(Applications2021)
    cases: Cases2021 = Factory(Cases2021)
