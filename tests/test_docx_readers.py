"""Real readers of DOCX: an OOXML validator, mammoth, pandoc and a LibreOffice DOCX -> DOCX round trip (issue 17).

Each reads the file its own way; each must find all the text, the headings, the merged cells, and (LibreOffice)
keep the footers, the PAGE fields, the header rows and the styles when it saves the file again.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import mammoth
import pypandoc
import pytest
from openxml_audit import OpenXmlValidator

from reportkit import load_report, render_docx
from reportkit.document import Attachment, Document, DocumentInfo, Paragraph, Section, Signature, TableBlock
from reportkit.document.flow import Kind, TableItem, TextItem, flatten
from reportkit.document.table import Cell, Column, Row, Table

from conftest import ROOT, need, squash

EXAMPLES = ["tongxin-2018", "pingtan-2022"]


def _made_up() -> Document:
    """A document with what the examples lack: sections four deep, an attachment, a sealed signature."""
    table = Table(
        (Column("项目", 2), Column("数量", 1), Column("单位", 1)),
        (Row((Cell("项目", colspan=1), Cell("数量与单位", colspan=2)), is_header=True),
         Row((Cell("甲", rowspan=2), Cell("1"), Cell("件"))),
         Row((Cell("2"), Cell("件"))),
         Row((Cell("合计", colspan=2), Cell("件")))),
    )
    deep = Section("四级标题", (Paragraph("第四层的正文。"),))
    return Document(
        DocumentInfo("某县2025年政府信息公开工作年度报告", "某县人民政府"),
        "某县2025年政府信息公开工作年度报告",
        (Section("一级标题", (Section("二级标题", (Section("三级标题", (deep,)),)), TableBlock(table))),),
        attachments=(Attachment("附表名称", (Paragraph("附件的正文。"),)),),
        closing=(Signature("某县人民政府", dt.date(2026, 1, 9), sealed=True),),
    )


def _documents() -> dict[str, Document]:
    found = {name: load_report(ROOT / "examples" / name / "report.toml").to_document() for name in EXAMPLES}
    found["made-up"] = _made_up()
    return found


NAMES = [*EXAMPLES, "made-up"]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Document, Path]]:
    folder = tmp_path_factory.mktemp("readers")
    out = {}
    for name, document in _documents().items():
        (folder / f"{name}.docx").write_bytes(render_docx(document))
        out[name] = (document, folder / f"{name}.docx")
    return out


@pytest.fixture(params=NAMES)
def rendered(request: pytest.FixtureRequest, written: dict[str, tuple[Document, Path]]) -> tuple[Document, Path]:
    return written[request.param]


@pytest.fixture(scope="module")
def round_trip(written: dict[str, tuple[Document, Path]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documents as LibreOffice saves them again as DOCX (one run of soffice for all: it starts slowly)."""
    folder = tmp_path_factory.mktemp("round-trip")
    subprocess.run([need("soffice"), "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), *(str(p) for _, p in written.values())],
                   capture_output=True, check=True, timeout=300)
    return folder / "out"


def _texts(document: Document) -> list[str]:
    out: list[str] = []
    for item in flatten(document):
        if isinstance(item, TextItem):
            out.append(squash(item.text))
        elif isinstance(item, TableItem):
            out += [squash(cell.text) for row in item.table.rows for cell in row.cells if cell.text]
    return out


def _headings(document: Document) -> list[str]:
    return [squash(i.text) for i in flatten(document) if isinstance(i, TextItem) and i.kind == Kind.HEADING]


def _merged(document: Document) -> list[tuple[str, int, int]]:
    return [(squash(cell.text), cell.colspan, cell.rowspan) for item in flatten(document) if isinstance(item, TableItem)
            for row in item.table.rows for cell in row.cells if cell.colspan > 1 or cell.rowspan > 1]


class _Html(HTMLParser):
    """The text, the headings and the cells (text, colspan, rowspan) of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[str] = []
        self.cells: list[tuple[str, int, int]] = []
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch("h[1-6]|td|th", tag):
            self._open.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _, attrs, parts = self._open.pop()
            text = squash("".join(parts))
            if tag.startswith("h"):
                self.headings.append(text)
            else:
                self.cells.append((text, int(attrs.get("colspan") or 1), int(attrs.get("rowspan") or 1)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _, _, parts in self._open:
            parts.append(data)


def _read(page: str) -> _Html:
    parser = _Html()
    parser.feed(page)
    return parser


def _plain(text: str) -> str:
    # The hyphen of a phone number is a w:noBreakHyphen: mammoth drops it, pandoc gives U+2011.
    return squash(text).replace("-", "").replace("\u2011", "")


def _check(document: Document, page: _Html, reader: str) -> None:
    text = _plain(html.unescape("".join(page.text)))
    missing = [t for t in map(_plain, _texts(document)) if t not in text]
    assert missing == [], f"{reader} lost {missing[:3]}"
    assert [h for h in page.headings if h in _headings(document)] == _headings(document), reader
    merged = [cell for cell in page.cells if cell[1] > 1 or cell[2] > 1]
    assert merged == _merged(document), reader


def test_openxml_validator_finds_nothing(rendered: tuple[Document, Path]) -> None:
    result = OpenXmlValidator(strict=False).validate(rendered[1])
    # Not only no errors: with strict=False a schema violation is a warning, so none of those either.
    assert result.errors == [], [str(e) for e in result.errors[:5]]


def test_mammoth_reads_text_headings_and_merged_cells(rendered: tuple[Document, Path]) -> None:
    document, path = rendered
    with path.open("rb") as f:
        page = mammoth.convert_to_html(f).value
    _check(document, _read(page), "mammoth")


def test_pandoc_reads_text_headings_and_merged_cells(rendered: tuple[Document, Path]) -> None:
    document, path = rendered
    # --standalone: pandoc takes the Title paragraph for the document's title and writes it only in the header.
    _check(document, _read(pypandoc.convert_file(str(path), "html", extra_args=["--standalone"])), "pandoc")


def _parts(docx: Path) -> dict[str, str]:
    with zipfile.ZipFile(docx) as archive:
        return {n: archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_round_trip_keeps_footers_fields_header_rows_merges_and_styles(
    name: str, written: dict[str, tuple[Document, Path]], round_trip: Path
) -> None:
    document, path = written[name]
    saved = round_trip / path.name
    before, after = _parts(path), _parts(saved)
    footers = [text for name, text in after.items() if name.startswith("word/footer")]
    assert len(footers) == 2 and all(re.search(r"\bPAGE\b", f) for f in footers)
    assert "<w:evenAndOddHeaders" in after["word/settings.xml"]

    def count(pattern: str, parts: dict[str, str]) -> int:
        return len(re.findall(pattern, parts["word/document.xml"]))

    assert count(r"<w:tblHeader(?: w:val=\"true\")?/>", after) == count("<w:tblHeader/>", before) > 0
    assert count('<w:vMerge w:val="restart"/>', after) == count('<w:vMerge w:val="restart"/>', before)
    with saved.open("rb") as f:  # LibreOffice redraws the grid of a table: the merges, read back, are the same
        cells = _read(mammoth.convert_to_html(f).value).cells
    kept = [cell for cell in cells if cell[2] > 1 or cell[1] > 1]
    assert [(c[0], c[2]) for c in _merged(document) if c[2] > 1] == [(c[0], c[2]) for c in kept if c[2] > 1]
    assert {c[0] for c in _merged(document)} <= {c[0] for c in kept}
    names = {n.lower() for n in re.findall(r'<w:name w:val="([^"]+)"', after["word/styles.xml"])}
    assert {n.lower() for n in re.findall(r'<w:name w:val="([^"]+)"', before["word/styles.xml"])} <= names
    # What docs/docx-grid.md warns of: the file LibreOffice saves turns hanging punctuation off for Word.
    assert '<w:overflowPunct w:val="false"/>' in after["word/styles.xml"]
