"""The official page layout (GB/T 9704-2012), the one source of truth both renderers read.

Every length is in points (1/72 in) unless its name says otherwise. The derived numbers follow
``../shared/spec/peers-and-pitfalls.md`` §4: Word stores the page in twips, so the type area is
8845 x 12756 twips (442.25 x 637.80 pt), the line pitch is floor(12756 / 22) = 579 twips (28.95 pt)
and the cell pitch is 442.25 / 28 = 15.7946 pt.
"""

from __future__ import annotations

import enum
import unicodedata
from typing import Literal

from attrs import field, fields, frozen

from reportkit.i18n import _

MM = 72 / 25.4
TWIP = 1 / 20
TWIPS_PER_MM = 56.6929  # as Word rounds it


def mm_to_twips(mm: float) -> int:
    return round(mm * MM * 20)


def char_cells(text: str) -> float:
    """How many characters of the grid ``text`` takes without font metrics: full-width 1, others half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


@frozen
class SignaturePlace:
    """Where the two lines of the signature block end: their distance from the right edge of the type area,
    in the unit of the widths given to :func:`signature_place`."""

    issuer_right: float
    date_right: float


def signature_place(issuer_width: float, date_width: float, sealed: bool, char: float = 1.0) -> SignaturePlace:
    """The signature block of GB/T 9704-2012 §7.3.5, from the widths of 发文机关署名 and 成文日期.

    ``char`` is one character in the widths' unit (the cell pitch for points, 1 for :func:`char_cells`).
    加盖印章 (``sealed``): the date 右空四字, the issuer centred over the date. 不加盖印章: the issuer 右空二字,
    the date on the next line starting two characters further right; a date longer than the issuer keeps
    右空二字 itself and the issuer moves left to start two characters before it.
    """
    if sealed:
        date_right = 4 * char
        return SignaturePlace(date_right + (date_width - issuer_width) / 2, date_right)
    issuer_right = 2 * char
    date_right = issuer_right + issuer_width - date_width - 2 * char
    if date_right < 2 * char:
        date_right = 2 * char
        issuer_right = date_right + date_width + 2 * char - issuer_width
    return SignaturePlace(issuer_right, date_right)


@frozen
class TableBreaks:
    """Where a table may end a page: the one pagination rule the PDF and the DOCX both apply.

    A table breaks between rows, never inside one; its header rows repeat at the top of every page it runs onto;
    a page never ends with the header alone or the header and a single row (nor with a heading and those above
    them): at least ``rows_at_foot`` body rows stay with the header, else the table starts on the next page.
    The PDF checks each break against it (render/pdf.py); Word and LibreOffice do the same from ``w:cantSplit``
    on every row, ``w:tblHeader`` on the header rows and ``w:keepNext`` on the paragraphs of the header rows and
    the first ``rows_at_foot - 1`` body rows (render/docx_table.py). Until this rule the PDF kept a table that
    fits on a page whole, below its heading, and left half a page blank where the DOCX broke it.
    """

    rows_at_foot: int = 2

    def kept_rows(self, header_rows: int, rows: int) -> int:
        """How many rows from the top must go on one page (the header and the first body rows)."""
        return min(rows, header_rows + self.rows_at_foot)


TABLE_BREAKS = TableBreaks()


@frozen
class CellSpacing:
    """The room around the text of a table cell, in points unless the name says.

    A row is as tall in both outputs, so that a table breaks across pages at the same rows (TableBreaks): the
    PDF pads ``top`` and ``bottom`` around lines of ``leading`` x the size; the DOCX writes the same as the
    cell paragraphs' space before and after and an exact line spacing (Word's "single" spacing follows the font,
    and LibreOffice's rows came out a quarter shorter than the PDF's). ``side`` is the PDF's and the HTML's left
    and right padding, ``word_side_twips`` the DOCX cell margin (Word's default 108 twips = 5.4 pt for a table at
    the layout's size).
    """

    top: float
    bottom: float
    side: float
    leading: float  # line height as a multiple of the font size
    word_side_twips: int


# A table at the layout's size; a wide table set small (Table.font_size) keeps its narrow cells for the text.
_CELL_SPACING = CellSpacing(top=3.0, bottom=4.0, side=6.0, leading=1.3, word_side_twips=108)
_NARROW_CELL_SPACING = CellSpacing(top=3.0, bottom=4.0, side=2.0, leading=1.3, word_side_twips=57)  # 57: 1 mm


class Role(enum.Enum):
    """What a piece of text is, which decides its font and size."""

    TITLE = "title"  # 标题: 2号 小标宋
    BODY = "body"  # 正文: 3号 仿宋
    HEADING1 = "heading1"  # 一级层次 一、: 3号 黑体
    HEADING2 = "heading2"  # 二级层次 （一）: 3号 楷体
    HEADING3 = "heading3"  # 三级层次 1.: 3号 仿宋
    HEADING4 = "heading4"  # 四级层次 （1）: 3号 仿宋
    ATTACHMENT_LABEL = "attachment_label"  # 附件 label: 3号 黑体
    TABLE = "table"  # 表格文字: 仿宋
    TABLE_HEADER = "table_header"  # 表头: 黑体
    PAGE_NUMBER = "page_number"  # 页码: 4号 宋体
    LATIN = "latin"  # digits and Latin letters inside Chinese text

    # Members are singletons compared by identity: hash them the same way, in C (Enum's own __hash__ runs
    # Python code, and the renderers look roles up for every character).
    __hash__ = object.__hash__


HEADING_ROLES = (Role.HEADING1, Role.HEADING2, Role.HEADING3, Role.HEADING4)


@frozen
class PageLayout:
    """Paper, margins, the 28 x 22 grid and the sizes of each role."""

    paper_width_mm: float = 210.0
    paper_height_mm: float = 297.0
    margin_top_mm: float = 37.0  # 天头
    margin_bottom_mm: float = 35.0
    margin_left_mm: float = 28.0  # 订口
    margin_right_mm: float = 26.0  # 翻口
    lines_per_page: int = 22
    chars_per_line: int = 28
    first_line_indent_chars: int = 2
    page_number_gap_mm: float = 7.0  # 一字线上距版心下边缘 7 mm
    page_number_format: str = "— {n} —"
    # A heading never ends a page (the typesetter's keep-with-next). Some published reports were typed without
    # it, and a heading stands at the foot of a page there: false reproduces them.
    keep_headings_with_next: bool = True
    # The county's own choice of font for a role, above the official fonts and the free fallbacks: a family
    # name or a TrueType file. The PDF embeds it; the DOCX names its family (fonts.docx_family).
    fonts: dict[Role, str] = field(factory=dict)
    sizes: dict[Role, float] = field(
        factory=lambda: {
            Role.TITLE: 22.0,  # 2号
            Role.BODY: 16.0,  # 3号
            Role.HEADING1: 16.0,
            Role.HEADING2: 16.0,
            Role.HEADING3: 16.0,
            Role.HEADING4: 16.0,
            Role.ATTACHMENT_LABEL: 16.0,
            Role.TABLE: 14.0,  # 4号: a three-column table fits the type area at this size
            Role.TABLE_HEADER: 14.0,
            Role.PAGE_NUMBER: 14.0,  # 4号
            Role.LATIN: 16.0,
        }
    )

    # Twips are what Word stores; every other length derives from them so both renderers agree.
    @property
    def page_width_twips(self) -> int:
        return mm_to_twips(self.paper_width_mm)

    @property
    def page_height_twips(self) -> int:
        return mm_to_twips(self.paper_height_mm)

    @property
    def margin_twips(self) -> tuple[int, int, int, int]:
        """Top, bottom, left, right."""
        return (
            mm_to_twips(self.margin_top_mm),
            mm_to_twips(self.margin_bottom_mm),
            mm_to_twips(self.margin_left_mm),
            mm_to_twips(self.margin_right_mm),
        )

    @property
    def text_width_twips(self) -> int:
        _top, _bottom, left, right = self.margin_twips
        return self.page_width_twips - left - right

    @property
    def text_height_twips(self) -> int:
        top, bottom, _left, _right = self.margin_twips
        return self.page_height_twips - top - bottom

    @property
    def line_pitch_twips(self) -> int:
        # floor, never round: 580 x 22 overflows the type area and Word then fits only 21 lines.
        return self.text_height_twips // self.lines_per_page

    @property
    def page_width(self) -> float:
        return self.page_width_twips * TWIP

    @property
    def page_height(self) -> float:
        return self.page_height_twips * TWIP

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """Top, bottom, left, right in points."""
        top, bottom, left, right = self.margin_twips
        return top * TWIP, bottom * TWIP, left * TWIP, right * TWIP

    @property
    def text_width(self) -> float:
        return self.text_width_twips * TWIP

    @property
    def text_height(self) -> float:
        return self.text_height_twips * TWIP

    @property
    def line_pitch(self) -> float:
        return self.line_pitch_twips * TWIP

    @property
    def cell_pitch(self) -> float:
        """Advance of one full-width character on the grid (15.7946 pt)."""
        return self.text_width / self.chars_per_line

    @property
    def body_size(self) -> float:
        return self.sizes[Role.BODY]

    def size(self, role: Role) -> float:
        return self.sizes[role]

    def page_number_text(self, n: int) -> str:
        return self.page_number_format.format(n=n)

    @property
    def page_number_parts(self) -> tuple[str, str]:
        """The text before and after the number, for a renderer that writes the number as a field."""
        before, after = self.page_number_format.split("{n}")
        return before, after

    @staticmethod
    def page_number_side(n: int) -> Literal["left", "right"]:
        """单页码居右，双页码居左 (GB/T 9704-2012 §7.5)."""
        return "right" if n % 2 else "left"

    @property
    def page_number_inset(self) -> float:
        """空一字: the page number stands one character of its own size in from the type area's edge."""
        return self.size(Role.PAGE_NUMBER)

    @property
    def page_number_baseline(self) -> float:
        """The page number's baseline above the paper's bottom edge, in points: its dash (about a third of an
        em above the baseline) lies ``page_number_gap_mm`` below the type area."""
        return self.margins[1] - self.page_number_gap_mm * MM - 0.33 * self.size(Role.PAGE_NUMBER)

    @property
    def footer_distance_twips(self) -> int:
        """Word's footer distance for the same place: a single-spaced 4号 line's bottom lies 3.5 mm below its dash."""
        return int((self.margin_bottom_mm - self.page_number_gap_mm - 3.5) * TWIPS_PER_MM)

    @staticmethod
    def cell_spacing(font_size: float | None) -> CellSpacing:
        """The room in a table's cells; ``font_size`` is the table's own size (None: the layout's)."""
        return _CELL_SPACING if font_size is None else _NARROW_CELL_SPACING

    def __attrs_post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def problem(self) -> str | None:
        """What makes this page unusable, or None: a grid too fine for its fonts, or no room left for text."""
        if self.text_width <= 0 or self.text_height <= 0:
            return _("the margins leave no room for the text on the paper")
        if self.page_number_gap_mm + 2 * self.size(Role.PAGE_NUMBER) / MM > self.margin_bottom_mm:
            return _("a page number {gap} mm below the text does not fit the {margin} mm bottom margin",
                     gap=format(self.page_number_gap_mm, "g"), margin=format(self.margin_bottom_mm, "g"))
        if self.lines_per_page < 8:
            return _("a page of {lines} lines is too short: a title, a heading and its text need 8",
                     lines=self.lines_per_page)
        if self.first_line_indent_chars >= self.chars_per_line // 2:
            return _("an indent of {indent} characters leaves too little of a {chars}-character line",
                     indent=self.first_line_indent_chars, chars=self.chars_per_line)
        body = self.body_size
        if self.cell_pitch < 0.95 * body:
            return _("{chars} characters a line leave {pitch} pt each, too narrow for the {size} pt text",
                     chars=self.chars_per_line, pitch=format(self.cell_pitch, ".1f"), size=format(body, "g"))
        if self.line_pitch < 1.2 * body:
            return _("{lines} lines a page leave {pitch} pt each, too tight for the {size} pt text",
                     lines=self.lines_per_page, pitch=format(self.line_pitch, ".1f"), size=format(body, "g"))
        return None


DEFAULT_LAYOUT = PageLayout()

# What a report file may set in its [layout] table: the scalar settings, and [layout.fonts] (not the sizes).
SETTINGS = tuple(f.name for f in fields(PageLayout) if f.name != "sizes")
