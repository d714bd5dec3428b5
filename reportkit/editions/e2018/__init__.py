"""The pre-2019 format: the national 政府信息公开情况统计表 (国办发〔2014〕32号), 65 rows.

Field names are English; the official 统计指标 wording, the table, its rules are in ``edition.toml``.
"""

from __future__ import annotations

from attrs import Factory, frozen

from reportkit.editions.base import Amount, Count, amount, count


@frozen
class ActiveDisclosure:
    """一、主动公开情况"""

    total: Count = count()  # （一）主动公开政府信息数
    normative_documents: Count = count()  # 其中：主动公开规范性文件数
    normative_documents_issued: Count = count()  # 制发规范性文件总数
    gazette: Count = count()  # 1.政府公报
    website: Count = count()  # 2.政府网站
    weibo: Count = count()  # 3.政务微博
    wechat: Count = count()  # 4.政务微信
    other: Count = count()  # 5.其他方式


@frozen
class Responses:
    """二、回应解读情况"""

    hotspots: Count = count()
    press_conferences: Count = count()
    press_conferences_leaders: Count = count()
    interviews: Count = count()
    interviews_leaders: Count = count()
    interpretations: Count = count()
    weibo_wechat: Count = count()
    other: Count = count()


@frozen
class Applications:
    """三、依申请公开情况"""

    received: Count = count()  # （一）收到申请数
    in_person: Count = count()
    fax: Count = count()
    online: Count = count()
    letter: Count = count()
    completed: Count = count()  # （二）申请办结数
    on_time: Count = count()
    extended: Count = count()
    answered: Count = count()  # （三）申请答复数
    already_public: Count = count()
    granted: Count = count()
    partly_granted: Count = count()
    refused: Count = count()  # 4.不同意公开答复数
    refused_state_secret: Count = count()
    refused_commercial_secret: Count = count()
    refused_privacy: Count = count()
    refused_security: Count = count()
    refused_not_government_information: Count = count()
    refused_other_legal: Count = count()
    not_this_agency: Count = count()
    not_exist: Count = count()
    asked_to_amend: Count = count()
    other_channel: Count = count()


@frozen
class Cases:
    """四、行政复议数量 / 五、行政诉讼数量"""

    total: Count = count()
    upheld: Count = count()
    corrected: Count = count()
    other: Count = count()


@frozen
class Complaints:
    """六、举报投诉数量"""

    total: Count = count()


@frozen
class Fees:
    """七、依申请公开信息收取的费用 (万元)"""

    total: Amount = amount()


@frozen
class Organisation:
    """八、机构建设和保障经费情况"""

    bodies: Count = count()
    reading_points: Count = count()
    staff: Count = count()
    staff_full_time: Count = count()
    staff_part_time: Count = count()
    budget: Amount = amount()  # 万元


@frozen
class Meetings:
    """九、政府信息公开会议和培训情况"""

    meetings: Count = count()
    trainings: Count = count()
    trainees: Count = count()


@frozen
class Stats2018:
    """All figures of the 2018 统计表, each addressable as ``stats.applications.received``."""

    active: ActiveDisclosure = Factory(ActiveDisclosure)
    responses: Responses = Factory(Responses)
    applications: Applications = Factory(Applications)
    review: Cases = Factory(Cases)
    litigation: Cases = Factory(Cases)
    complaints: Complaints = Factory(Complaints)
    fees: Fees = Factory(Fees)
    organisation: Organisation = Factory(Organisation)
    meetings: Meetings = Factory(Meetings)
