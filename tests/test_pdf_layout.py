"""The example's PDF against the published report: lines, pages and the line-breaking rules."""

from __future__ import annotations

from pathlib import Path

import attrs

from reportkit import render_pdf
from reportkit.document.flow import Kind, TextItem, flatten
from reportkit.fonts import resolve_all
from reportkit.layout import DEFAULT_LAYOUT, PageLayout, Role
from reportkit.render.pdf_grid import PdfFonts
from reportkit.report.model import AnnualReport
from reportkit.typeset import atoms, break_lines, is_wide

from conftest import CLOSING_MARKS, pdf_text, reference_body_lines, reference_pages, squash, verbatim_share


def test_reference_lines_appear_verbatim(seed_lines: list[str], example_pdf: Path) -> None:
    # Issue 3 asks for 90 %: every one of the 243 comes out (the published source's paragraph ends restored,
    # docs/line-breaking.md).
    hits, total = verbatim_share(reference_body_lines(seed_lines), example_pdf)
    assert total > 200
    assert hits == total, f"{hits}/{total}"


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


def test_body_pages_break_where_the_published_ones_do(seed_lines: list[str], example_pdf: Path) -> None:
    pages = [page for page in _pages(example_pdf) if page]
    assert 16 <= len(pages) <= 18
    reference = reference_pages(seed_lines)
    body = next(i for i, page in enumerate(reference) if "附件" in page)  # the appendix's first page
    assert body == 13
    for number, (ours, published) in enumerate(zip(pages[:body], reference[:body], strict=True), 1):
        lines = [squash(line) for line in ours[:-1]]  # without the page number
        assert (lines[0], lines[-1], len(lines)) == (published[0], published[-1], len(published)), f"page {number}"
    counts = [len(page) - 1 for page in pages[1 : body - 1]]
    # 22 a page, 21 once: widow/orphan control moves the first line of 二是政务微博… on, as published.
    assert sorted(counts)[:2] == [21, 22] and set(counts) == {21, 22}, counts


def test_headings_are_kept_with_their_text_unless_the_layout_says(example: AnnualReport, tmp_path: Path) -> None:
    """By default a heading never ends a page; the example turns that off, as its published source was."""
    assert not example.layout.keep_headings_with_next
    document = example.to_document()
    def last_lines(layout: PageLayout) -> list[str]:
        pdf = tmp_path / "r.pdf"
        pdf.write_bytes(render_pdf(document, layout))
        pages = [[line for line in page.splitlines() if line.strip()] for page in pdf_text(pdf, "-layout").split("\f")]
        return [squash(page[-2]) for page in pages if len(page) > 1]  # the last line above the page number
    published = last_lines(example.layout)
    assert "三、围绕重点领域，深入推进政府信息公开" in published  # at the foot of page 6, as published
    kept = last_lines(attrs.evolve(example.layout, keep_headings_with_next=True))
    headings = {squash(item.text) for item in flatten(document) if isinstance(item, TextItem) and item.kind is Kind.HEADING}
    assert not headings & set(kept)
    assert headings & set(published)


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
