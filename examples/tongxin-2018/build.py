"""Build the 同心县 2018 report through the Python API instead of the data file, and render it.

    python examples/tongxin-2018/build.py [OUTDIR]

It reads the narrative from report.toml beside this file (the text is long), but builds the metadata,
the figures and the attachment as typed objects, to show what a county's own script looks like.
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

import attrs

from reportkit import (
    DEFAULT_LAYOUT,
    AnnualReport,
    Attachment,
    Contact,
    Paragraph,
    ReportMeta,
    Stats2018,
    TableRef,
    load_report,
    render_docx,
    render_pdf,
)
from reportkit.editions.e2018 import (
    ActiveDisclosure,
    Applications,
    Cases,
    Complaints,
    Fees,
    Meetings,
    Organisation,
    Responses,
)
from reportkit.render import write_atomic
from reportkit.validate.findings import Acceptance

HERE = Path(__file__).resolve().parent


def build() -> AnnualReport[Stats2018]:
    meta = ReportMeta(
        issuer="同心县人民政府",
        county="同心县",
        year=2018,
        period_start=dt.date(2018, 1, 1),
        period_end=dt.date(2018, 12, 31),
        title="同心县2018年政府信息公开工作年度报告",
        contact=Contact(
            address="同心县新区行政中心3楼333室",
            postcode="751300",
            phone="0953-80223328",
            fax="0953-80223328",
            email="txzfzwgk@l63.com",
            website="www.tongxin.gov.cn",
        ),
    )
    no_cases = Cases(total=0, upheld=0, corrected=0, other=0)
    stats = Stats2018(
        active=ActiveDisclosure(total=15607, normative_documents=8, normative_documents_issued=8,
                                gazette=44, website=9084, weibo=287, wechat=3011, other=3225),
        responses=Responses(hotspots=25, press_conferences=0, press_conferences_leaders=0, interviews=0,
                            interviews_leaders=0, interpretations=23, weibo_wechat=2,
                            other=None),  # left blank in the published table: blank is not 0
        applications=Applications(
            received=3, in_person=0, fax=0, online=3, letter=0, completed=3, on_time=3, extended=0,
            answered=3, already_public=2, granted=3, partly_granted=0, refused=0, refused_state_secret=0,
            refused_commercial_secret=0, refused_privacy=0, refused_security=0,
            refused_not_government_information=0, refused_other_legal=0, not_this_agency=0, not_exist=0,
            asked_to_amend=0, other_channel=0,
        ),
        review=no_cases,
        litigation=no_cases,
        complaints=Complaints(total=0),
        fees=Fees(total=Decimal(0)),
        organisation=Organisation(bodies=1, reading_points=15, staff=70, staff_full_time=2,
                                  staff_part_time=68, budget=Decimal(10)),
        meetings=Meetings(meetings=2, trainings=2, trainees=146),
    )
    narrative = load_report(HERE / "report.toml").body
    attachment = Attachment(
        "同心县2018年度政府信息公开情况统计表",
        (Paragraph("填报单位（盖章）：同心县人民政府", indent=False), TableRef("stats")),
    )
    # As published: headings without keep-with-next (one stands at the foot of page 6).
    layout = attrs.evolve(DEFAULT_LAYOUT, keep_headings_with_next=False)
    return AnnualReport(meta=meta, edition="2018", stats=stats, body=narrative, attachments=(attachment,),
                        layout=layout, accepted=PUBLISHED_SLIPS)


_ANSWERS = ("answered", "already_public", "granted", "partly_granted", "refused", "not_this_agency", "not_exist",
            "asked_to_amend", "other_channel")
# The published report's two slips, kept as published (the data file's [[accept]] entries).
PUBLISHED_SLIPS = (
    Acceptance("2018.answers-sum",
               "published table: 申请答复数 3, while its parts add to 5 (2 already public + 3 granted)",
               tuple(f"stats.applications.{name}" for name in _ANSWERS)),
    Acceptance("2018.text-table", "published text: 累计公开政府信息15万余条, while the table has 15607",
               ("stats.active.total",)),
)


def main(outdir: Path) -> None:
    report = build()
    document = report.to_document()
    outdir.mkdir(parents=True, exist_ok=True)
    write_atomic(outdir / "tongxin-2018.docx", render_docx(document))
    write_atomic(outdir / "tongxin-2018.pdf", render_pdf(document))
    print(f"wrote {outdir / 'tongxin-2018.docx'} and {outdir / 'tongxin-2018.pdf'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd())
