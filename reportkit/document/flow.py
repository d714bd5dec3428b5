"""The document tree flattened into the items a renderer draws, in order, with numbers resolved.

Both renderers walk this one list, so numbering, the attachment note and the attachment pages are
decided once.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools

from attrs import frozen

from reportkit.document.model import Attachment, Block, Document, Paragraph, Section, Signature, TableBlock, TableRef
from reportkit.document.numbering import heading_number
from reportkit.document.table import Table
from reportkit.i18n import _
from reportkit.layout import HEADING_ROLES, Role
from reportkit.titles import title_breaks


class Kind(enum.Enum):
    TITLE = "title"
    HEADING = "heading"  # a heading on a line of its own
    BODY = "body"  # a paragraph, possibly starting with a run-in heading
    PLAIN = "plain"  # a paragraph without first-line indent
    ATTACHMENT_NOTE = "attachment_note"  # 附件说明
    ATTACHMENT_LABEL = "attachment_label"  # 附件 / 附件2, top left of a new page
    ATTACHMENT_TITLE = "attachment_title"  # centred on the third line


@frozen
class Run:
    role: Role
    text: str


@frozen
class TextItem:
    kind: Kind
    runs: tuple[Run, ...]
    level: int = 0  # heading level (1..4) for HEADING, and for BODY with a run-in heading
    page_break_before: bool = False
    breaks: tuple[int, ...] = ()  # a wrapped title: where its lines start (indices into text), the same in every output

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@frozen
class TableItem:
    table: Table


@frozen
class SignatureItem:
    issuer: str
    date_text: str
    sealed: bool


FlowItem = TextItem | TableItem | SignatureItem


def format_date(date: dt.date) -> str:
    """成文日期: Arabic numerals, the year in full, no leading zeros (GB/T 9704-2012 §7.3.5.4)."""
    return f"{date.year}年{date.month}月{date.day}日"


def attachment_label(index: int, count: int) -> str:
    return "附件" if count == 1 else f"附件{index}"


def _blocks(blocks: tuple[Block, ...], level: int, out: list[FlowItem]) -> None:
    number = 0
    for block in blocks:
        if isinstance(block, Section):
            number += 1
            head = Run(HEADING_ROLES[level - 1], heading_number(level, number) + block.title)
            if block.run_in:
                first = block.blocks[0]
                assert isinstance(first, Paragraph)
                out.append(TextItem(Kind.BODY, (head, Run(Role.BODY, first.text)), level=level))
                _blocks(block.blocks[1:], level + 1, out)
            else:
                out.append(TextItem(Kind.HEADING, (head,), level=level))
                _blocks(block.blocks, level + 1, out)
        elif isinstance(block, Paragraph):
            kind = Kind.BODY if block.indent else Kind.PLAIN
            out.append(TextItem(kind, (Run(Role.BODY, block.text),)))
        elif isinstance(block, TableBlock):
            out.append(TableItem(block.table))
        elif isinstance(block, Signature):
            out.append(SignatureItem(block.issuer, format_date(block.date), block.sealed))
        elif isinstance(block, TableRef):
            raise ValueError(_("table {name} was not resolved before rendering", name=repr(block.name)))


def _note(attachments: tuple[Attachment, ...]) -> TextItem:
    # 附件说明 (§7.3.4): one attachment has no number; several are numbered "1." "2." on their own lines.
    if len(attachments) == 1:
        return TextItem(Kind.ATTACHMENT_NOTE, (Run(Role.BODY, "附件：" + attachments[0].title),))
    lines = [f"{i}.{a.title}" for i, a in enumerate(attachments, 1)]
    return TextItem(Kind.ATTACHMENT_NOTE, (Run(Role.BODY, "附件：" + "\n".join(lines)),))


def split_at(text: str, breaks: tuple[int, ...]) -> list[str]:
    """``text`` cut into lines at ``breaks`` (TextItem.breaks)."""
    cuts = [0, *breaks, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


def _title(kind: Kind, text: str, document: Document) -> TextItem:
    breaks = title_breaks(text, document.layout, document.title_words, document.title_breaks_before)
    return TextItem(kind, (Run(Role.TITLE, text),), breaks=breaks)


def flatten(document: Document) -> list[FlowItem]:
    out: list[FlowItem] = [_title(Kind.TITLE, document.title, document)]
    _blocks(document.blocks, 1, out)
    if document.attachments:
        out.append(_note(document.attachments))
    _blocks(document.closing, 1, out)
    count = len(document.attachments)
    for index, attachment in enumerate(document.attachments, 1):
        label = attachment_label(index, count)
        out.append(TextItem(Kind.ATTACHMENT_LABEL, (Run(Role.ATTACHMENT_LABEL, label),), page_break_before=True))
        out.append(_title(Kind.ATTACHMENT_TITLE, attachment.title, document))
        _blocks(attachment.blocks, 1, out)
    return out
