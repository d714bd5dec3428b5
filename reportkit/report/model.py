"""The annual report (政府信息公开工作年度报告): metadata, the edition's figures, narrative and attachments."""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from attrs import Factory, field, frozen

from reportkit.document.model import (
    Attachment,
    Block,
    Document,
    DocumentInfo,
    Section,
    Signature,
    TableBlock,
    TableRef,
)
from reportkit.document.table import Table
from reportkit.editions import REGISTRY, Edition
from reportkit.errors import listing
from reportkit.i18n import _
from reportkit.layout import DEFAULT_LAYOUT, PageLayout
from reportkit.validate.findings import Acceptance


@frozen
class Contact:
    """联系方式 as printed in the preamble."""

    address: str | None = None  # 地址
    postcode: str | None = None  # 邮编
    phone: str | None = None  # 电话
    fax: str | None = None  # 传真
    email: str | None = None  # 电子邮箱
    website: str | None = None  # 门户网站


ISSUER_KINDS = ("government", "department")  # 人民政府 (report due 3月31日); 部门 or 办公厅/室 (due 1月31日)


@frozen
class ReportMeta:
    issuer: str  # 发文机关, e.g. 同心县人民政府
    county: str  # e.g. 同心县; a department's report names the department here (the default: its issuer)
    year: int  # the reporting year
    period_start: dt.date  # 统计期限
    period_end: dt.date
    title: str | None = None  # default: "{county}{year}年政府信息公开工作年度报告"
    issued: dt.date | None = None  # 成文日期
    contact: Contact = Factory(Contact)
    kind: str = "government"  # one of ISSUER_KINDS: which deadline the report has

    @property
    def full_title(self) -> str:
        return self.title or f"{self.county}{self.year}年政府信息公开工作年度报告"


S = TypeVar("S")  # the edition's figures class

# How an annual report's title breaks when it needs two lines (GB/T 9704 §7.3.1, 词意完整): the words of issuers'
# names a segmenter may not know, and the report's name, which a second line should rather start with
# ("平潭综合实验区管委会2022年度 / 政府信息公开工作年度报告"), the longer line first allowing.
TITLE_WORDS = ("综合实验区", "管委会", "管理委员会", "人民政府", "办公室", "开发区", "高新区", "经济技术开发区",
               "年度报告")
TITLE_BREAKS_BEFORE = ("政府信息公开工作年度报告",)


@frozen
class AnnualReport(Generic[S]):
    """A report; typed by its figures, so that ``report.stats.applications.received`` type-checks for the
    national editions (``AnnualReport[Stats2021]``)."""

    meta: ReportMeta
    edition: str
    stats: S  # the edition's figures class, e.g. Stats2018
    body: tuple[Block, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    signature: Signature | None = None
    layout: PageLayout = DEFAULT_LAYOUT  # the page both renderers set it on: GB/T 9704 unless the file says
    accepted: tuple[Acceptance, ...] = ()  # [[accept]]: published slips this report keeps on purpose
    # What the templates printed from the data, as (paragraph, offset, length) in the narrative's paragraphs
    # (counted in document order); None for a narrative written as ``body`` (all of it typed by hand). Not
    # part of equality: the same text, from templates or written as data, is the same report.
    bound: frozenset[tuple[int, int, int]] | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        edition = REGISTRY.get(self.edition)
        if edition is None:
            raise ValueError(REGISTRY.unknown(self.edition))
        if not isinstance(self.stats, edition.figures_class):
            raise TypeError(_("edition {edition} needs {figures} figures", edition=self.edition,
                              figures=edition.figures_class.__name__))

    @property
    def edition_info(self) -> Edition:
        edition = REGISTRY.get(self.edition)
        assert edition is not None  # checked when the report was made
        return edition

    def tables(self) -> dict[str, Table]:
        return self.edition_info.tables(self.stats)

    def to_document(self) -> Document:
        """Resolve the edition's tables into the generic document the renderers draw."""
        tables = self.tables()
        info = DocumentInfo(
            title=self.meta.full_title,
            author=self.meta.issuer,
            subject=f"{self.meta.county}{self.meta.year}年政府信息公开工作年度报告",
            created=self.meta.issued or self.meta.period_end,
            keywords=("政府信息公开", "年度报告", str(self.meta.year)),
        )
        return Document(
            info=info,
            title=self.meta.full_title,
            blocks=_resolve(self.body, tables),
            attachments=tuple(Attachment(a.title, _resolve(a.blocks, tables)) for a in self.attachments),
            closing=(self.signature,) if self.signature else (),
            layout=self.layout,
            title_words=TITLE_WORDS,
            title_breaks_before=TITLE_BREAKS_BEFORE,
        )


def _resolve(blocks: tuple[Block, ...], tables: dict[str, Table]) -> tuple[Block, ...]:
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, TableRef):
            if block.name not in tables:
                raise ValueError(_("unknown table {name}; this edition has: {known}", name=repr(block.name),
                                   known=listing(sorted(tables))))
            out.append(TableBlock(tables[block.name]))
        elif isinstance(block, Section):
            out.append(Section(block.title, _resolve(block.blocks, tables), run_in=block.run_in))
        else:
            out.append(block)
    return tuple(out)
