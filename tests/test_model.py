from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportkit.document import (
    Cell,
    Column,
    Document,
    DocumentInfo,
    Paragraph,
    Row,
    Section,
    Signature,
    Table,
    chinese_numeral,
    flatten,
    heading_number,
)
from reportkit.document.flow import Kind, SignatureItem, TextItem
from reportkit.document.model import Attachment
from reportkit.document.numbering import starts_with_number
from reportkit.document.table import format_value


@pytest.mark.parametrize(
    ("n", "text"),
    [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (42, "四十二"), (99, "九十九"),
     (100, "一百"), (105, "一百零五"), (110, "一百一十"), (1001, "一千零一"), (1010, "一千零一十")],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert chinese_numeral(n) == text


def test_chinese_numeral_range() -> None:
    with pytest.raises(ValueError):
        chinese_numeral(0)
    with pytest.raises(ValueError):
        chinese_numeral(10000)


@pytest.mark.parametrize(
    ("level", "n", "text"), [(1, 3, "三、"), (2, 1, "（一）"), (2, 12, "（十二）"), (3, 2, "2."), (4, 5, "（5）")]
)
def test_heading_numbers(level: int, n: int, text: str) -> None:
    assert heading_number(level, n) == text


@pytest.mark.parametrize("title", ["一、概述", "（二）狠抓平台建设", "3.一是", "（4）其他", "十二、其他"])
def test_typed_numbers_are_found(title: str) -> None:
    assert starts_with_number(title) is not None


@pytest.mark.parametrize("title", ["概述", "一是加强领导", "2018年工作", "“五公开”"])
def test_titles_without_numbers(title: str) -> None:
    assert starts_with_number(title) is None


def _doc(*blocks: object, attachments: tuple[Attachment, ...] = (), closing: tuple[object, ...] = ()) -> Document:
    return Document(DocumentInfo("T", "某县人民政府"), "标题", blocks, attachments, closing)  # type: ignore[arg-type]


def test_numbers_come_from_the_tree() -> None:
    doc = _doc(
        Paragraph("前言"),
        Section("概述", (Section("加强领导。", (Paragraph("正文"),), run_in=True), Section("平台建设"))),
        Section("主动公开", (Section("甲", (Section("子", (Section("孙"),)),)),)),
    )
    items = [item for item in flatten(doc) if isinstance(item, TextItem)]
    texts = [item.text for item in items]
    assert texts == ["标题", "前言", "一、概述", "（一）加强领导。正文", "（二）平台建设", "二、主动公开", "（一）甲", "1.子", "（1）孙"]
    run_in = items[3]
    assert run_in.kind is Kind.BODY and [r.text for r in run_in.runs] == ["（一）加强领导。", "正文"]


def test_run_in_heading_needs_a_paragraph() -> None:
    with pytest.raises(ValueError, match="must be followed by a paragraph"):
        Section("加强领导。", (), run_in=True)


def test_depth_is_limited_to_four_levels() -> None:
    deep = Section("1", (Section("2", (Section("3", (Section("4", (Section("5"),)),)),)),))
    with pytest.raises(ValueError, match="deeper than level 4"):
        _doc(deep)


def test_attachment_note_and_pages() -> None:
    one = flatten(_doc(Paragraph("x"), attachments=(Attachment("统计表"),)))
    labels = [i.text for i in one if isinstance(i, TextItem) and i.kind is Kind.ATTACHMENT_LABEL]
    notes = [i.text for i in one if isinstance(i, TextItem) and i.kind is Kind.ATTACHMENT_NOTE]
    assert labels == ["附件"] and notes == ["附件：统计表"]
    two = flatten(_doc(Paragraph("x"), attachments=(Attachment("甲表"), Attachment("乙表"))))
    labels = [i.text for i in two if isinstance(i, TextItem) and i.kind is Kind.ATTACHMENT_LABEL]
    notes = [i.text for i in two if isinstance(i, TextItem) and i.kind is Kind.ATTACHMENT_NOTE]
    assert labels == ["附件1", "附件2"] and notes == ["附件：1.甲表\n2.乙表"]
    assert all(i.page_break_before for i in two if isinstance(i, TextItem) and i.kind is Kind.ATTACHMENT_LABEL)


def test_signature_date_has_no_leading_zeros() -> None:
    items = flatten(_doc(Paragraph("x"), closing=(Signature("某县人民政府", dt.date(2019, 3, 6), sealed=True),)))
    sig = [i for i in items if isinstance(i, SignatureItem)]
    assert sig == [SignatureItem("某县人民政府", "2019年3月6日", True)]


def test_blank_is_not_zero() -> None:
    assert format_value(None) == ""
    assert format_value(0) == "0"
    assert format_value(Decimal("10.50")) == "10.5"
    assert format_value(Decimal("1E+1")) == "10"


def test_units_follow_values_but_not_blanks() -> None:
    assert Cell(251000, unit="元").text == "251000元"
    assert Cell(0, unit="万元").text == "0万元"
    assert Cell(None, unit="元").text == ""


def test_table_rows_must_fill_the_grid() -> None:
    cols = (Column("a", 1), Column("b", 1), Column("c", 1))
    Table(cols, (Row((Cell("x", colspan=2), Cell("y"))), Row((Cell("p", rowspan=2), Cell(1), Cell(2))), Row((Cell(3), Cell(4)))))
    with pytest.raises(ValueError, match="row 2 covers 2 columns"):
        Table(cols, (Row((Cell("x"), Cell("y"), Cell("z"))), Row((Cell("x"), Cell("y")))))


def test_positioned_skips_spanned_cells() -> None:
    cols = (Column("a", 1), Column("b", 1), Column("c", 1))
    table = Table(cols, (Row((Cell("p", rowspan=2), Cell(1), Cell(2))), Row((Cell(3), Cell(4)))))
    assert [[c for c, _ in row] for row in table.positioned()] == [[0, 1, 2], [1, 2]]


def test_model_is_immutable() -> None:
    paragraph = Paragraph("x")
    with pytest.raises(AttributeError):
        paragraph.text = "y"  # type: ignore[misc]
