"""The generic document model: what is on the page, knowing nothing of DOCX, PDF or annual reports."""

from reportkit.document.flow import FlowItem, flatten
from reportkit.document.model import (
    Attachment,
    Block,
    Document,
    DocumentInfo,
    Paragraph,
    Section,
    Signature,
    TableBlock,
    TableRef,
)
from reportkit.document.numbering import chinese_numeral, heading_number
from reportkit.document.table import Align, Cell, Column, Row, Table

__all__ = [
    "Align",
    "Attachment",
    "Block",
    "Cell",
    "Column",
    "Document",
    "DocumentInfo",
    "FlowItem",
    "Paragraph",
    "Row",
    "Section",
    "Signature",
    "Table",
    "TableBlock",
    "TableRef",
    "chinese_numeral",
    "flatten",
    "heading_number",
]
