"""The example's PDF against the published report: lines, pages and the line-breaking rules."""

from __future__ import annotations

from pathlib import Path

from reportkit.document.flow import TextItem, flatten
from reportkit.fonts import resolve_all
from reportkit.layout import DEFAULT_LAYOUT, Role
from reportkit.render.pdf_grid import PdfFonts
from reportkit.report.model import AnnualReport
from reportkit.typeset import atoms, break_lines, is_wide

from conftest import CLOSING_MARKS, pdf_text, reference_body_lines, squash, verbatim_share


def test_reference_lines_appear_verbatim(seed_lines: list[str], example_pdf: Path) -> None:
    # Issue 3 asks for 90 %. 223 of 243 come out: every line but the 20 after "问量达到 16 / 人次", where the
    # published text lost characters the example keeps out (the line after it is too short for "人次" alone).
    hits, total = verbatim_share(reference_body_lines(seed_lines), example_pdf)
    assert total > 200
    assert hits / total >= 0.90, f"{hits}/{total}"


def _paragraph_bounds(example: AnnualReport, reference: list[str]) -> tuple[set[int], set[int]]:
    """Offsets in the joined reference where the example's paragraphs start and end."""
    joined = "".join(reference)
    starts, ends, pos = set(), set(), 0
    for item in flatten(example.to_document()):
        if not isinstance(item, TextItem):
            continue
        text = squash(item.text)
        if text.endswith("事件时不"):
            text = text[:-1]  # the 不 the published text lost
        found = joined.find(text[:12], pos)
        if found >= 0:
            starts.add(found)
            ends.add(found + len(text))
            pos = found
    return starts, ends


def test_each_reference_line_breaks_where_published(example: AnnualReport, seed_lines: list[str]) -> None:
    """Started where a reference line starts, the typesetter ends its first line where the reference does.

    This checks the breaking rules line by line, free of the cascade one early break causes.
    """
    reference = reference_body_lines(seed_lines)
    starts, ends = _paragraph_bounds(example, reference)
    fonts = PdfFonts(resolve_all(warn=False), DEFAULT_LAYOUT)
    size = DEFAULT_LAYOUT.size(Role.BODY)
    def measure(text: str) -> float:
        return fonts.width(text, Role.BODY)
    cell = DEFAULT_LAYOUT.cell_pitch
    offset, agree, tried = 0, 0, 0
    for k, line in enumerate(reference):
        start, offset = offset, offset + len(line)
        if offset in ends or k + 1 == len(reference):
            continue
        rest = "".join(reference[k:])
        stop = min((e for e in ends if e > start), default=len("".join(reference)))
        items = atoms([(Role.BODY, rest[: stop - start])], cell, measure)
        indent = 2 * cell if start in starts else 0.0
        first = break_lines(items, DEFAULT_LAYOUT.text_width, indent, size, measure)[0]
        tried += 1
        agree += first.text == line
    assert tried > 200
    assert agree / tried >= 0.95, f"{agree}/{tried}"


def _pages(pdf: Path) -> list[list[str]]:
    return [[line for line in page.splitlines() if line.strip()] for page in pdf_text(pdf, "-layout").split("\f")]


def test_pages_hold_22_lines_and_page_2_starts_as_published(example_pdf: Path) -> None:
    pages = [page for page in _pages(example_pdf) if page]
    assert 16 <= len(pages) <= 18
    assert squash(pages[1][0]).startswith("极性、主动性不断提高")
    body = [page for page in pages if not any(squash(line) == "附件" for line in page)]
    body = body[: next(i for i, page in enumerate(body) if any("附件：" in line for line in page))]
    counts = [len(page) - 1 for page in body[1:]]  # without the page number
    assert len(pages[0]) - 1 == 21  # the title (two grid lines' room, one text line) and 20 body lines
    # 22 a page; 21 or 20 only where widow/orphan control or a heading kept with its text moves lines on.
    assert all(20 <= n <= 22 for n in counts), counts
    assert counts.count(22) >= len(counts) - 2, counts


def test_no_line_starts_with_closing_punctuation(example_pdf: Path) -> None:
    lines = [squash(line) for line in pdf_text(example_pdf, "-raw").splitlines()]
    body = lines[: next(i for i, line in enumerate(lines) if line == "附件")]
    assert [line for line in body if line and line[0] in CLOSING_MARKS] == []


def _cells(line: str) -> float:
    return sum(1.0 if is_wide(ch) else 0.5 for ch in line)


def test_closing_marks_hang_as_in_the_reference(seed_lines: list[str], example_pdf: Path) -> None:
    """Lines wider than the 28 cells end in a hung closing mark, as often as in the reference."""
    lines = [squash(line) for line in pdf_text(example_pdf, "-raw").split("附件\n")[0].splitlines()]
    hung = [line for line in lines if _cells(line) > 28 and line[-1] in CLOSING_MARKS]
    published = [line for line in reference_body_lines(seed_lines) if _cells(line) > 28 and line[-1] in CLOSING_MARKS]
    assert len(published) >= 5
    assert abs(len(hung) - len(published)) <= 2, (hung, published)
