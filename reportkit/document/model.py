"""Blocks of a document as an ordered tree: sections hold paragraphs, tables and deeper sections.

Headings carry no number: their official numbers (一、 （一） 1. （1）) come from their place in the tree.
"""

from __future__ import annotations

import datetime as dt

from attrs import field, frozen

from reportkit.document.numbering import MAX_LEVEL
from reportkit.document.table import Table
from reportkit.document.text import xml_text
from reportkit.i18n import _
from reportkit.layout import DEFAULT_LAYOUT, PageLayout


@frozen
class Paragraph:
    """A paragraph of body text (正文), first line indented two characters unless ``indent`` is False."""

    text: str = field(validator=xml_text)
    indent: bool = True


@frozen
class TableBlock:
    table: Table


@frozen
class TableRef:
    """A table named by the report's edition (for example ``stats``), replaced by its TableBlock before drawing."""

    name: str


@frozen
class Signature:
    """发文机关署名 and 成文日期 (GB/T 9704-2012 §7.3.5).

    ``sealed``: the 加盖印章 layout (date 右空四字, issuer centred over the date); otherwise the
    不加盖印章 layout (issuer 右空二字, date one line below, shifted right by two characters).
    """

    issuer: str = field(validator=xml_text)
    date: dt.date
    sealed: bool = False


@frozen
class Section:
    """A heading with the blocks under it.

    ``run_in``: the heading runs into its first paragraph, as in "（一）加强组织领导，进一步靠实责任。同心县始终…"
    (the first block must then be a Paragraph).
    """

    title: str = field(validator=xml_text)
    blocks: tuple[Block, ...] = ()
    run_in: bool = False

    def __attrs_post_init__(self) -> None:
        if self.run_in and not (self.blocks and isinstance(self.blocks[0], Paragraph)):
            raise ValueError(_("run-in heading {title} must be followed by a paragraph", title=repr(self.title)))


Block = Paragraph | Section | TableBlock | TableRef | Signature


@frozen
class Attachment:
    """附件: starts a new page with its label (附件 or 附件2), its title on the third line, then its blocks."""

    title: str = field(validator=xml_text)
    blocks: tuple[Block, ...] = ()


@frozen
class DocumentInfo:
    """Metadata written into the files (PDF Info, DOCX core properties)."""

    title: str = field(validator=xml_text)
    author: str = field(validator=xml_text)  # the issuing body (发文机关)
    subject: str = ""
    created: dt.date | None = None
    keywords: tuple[str, ...] = ()


def _check_depth(blocks: tuple[Block, ...], level: int = 1) -> None:
    for block in blocks:
        if isinstance(block, Section):
            if level > MAX_LEVEL:
                raise ValueError(_("heading {title} is nested deeper than level {most}", title=repr(block.title),
                                   most=MAX_LEVEL))
            _check_depth(block.blocks, level + 1)


@frozen
class Document:
    info: DocumentInfo
    title: str = field(validator=xml_text)
    blocks: tuple[Block, ...] = field(default=())
    attachments: tuple[Attachment, ...] = ()
    closing: tuple[Block, ...] = ()  # after the attachment note: the signature block
    layout: PageLayout = DEFAULT_LAYOUT  # the page it is set on, read by both renderers
    # A title too long for a line breaks between words (reportkit.titles): words the segmenter keeps whole, and
    # phrases a line should rather start with.
    title_words: tuple[str, ...] = ()
    title_breaks_before: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_depth(self.blocks)
        for attachment in self.attachments:
            _check_depth(attachment.blocks)
