"""Both examples' HTML in a real browser: Debian's chromium, headless, driven by playwright-core (tests/js).

One node run loads the pages and the fragments (each fragment in a bare page with no style sheet, as a site's
editor would show it), runs axe-core, reads every table cell from the DOM, takes a screenshot and prints
the page to PDF. html-validate checks the same files. scripts/bootstrap.sh installs chromium, Node.js and
the npm packages; without them the tests skip here, and fail under CI (CI set), where bootstrap ran.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reportkit import load_report, render_html, render_html_fragment
from reportkit.document.flow import TableItem, flatten
from reportkit.document.model import Document

from conftest import pdf_text

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "js"
EXAMPLES = {name: ROOT / "examples" / name / "report.toml" for name in ("pingtan-2022", "tongxin-2018")}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _tools() -> str:
    missing = [tool for tool in ("node", "npx") if shutil.which(tool) is None]
    missing += [CHROMIUM] if not Path(CHROMIUM).exists() else []
    missing += ["tests/js/node_modules"] if not (JS / "node_modules" / "playwright-core").is_dir() else []
    if missing:
        message = f"{', '.join(missing)} missing; run scripts/bootstrap.sh"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return str(JS)


def _bare_page(fragment: bytes, title: str) -> bytes:
    """A fragment as a site's page holds it: no style sheet of ours, only the article's inline styles."""
    head = f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n</head>\n'
    return head.encode() + b"<body>\n<main>\n" + fragment + b"</main>\n</body>\n</html>\n"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Document]]:
    _tools()
    out = tmp_path_factory.mktemp("html")
    documents = {}
    for name, path in EXAMPLES.items():
        document = load_report(path).to_document()
        documents[name] = document
        (out / f"{name}.html").write_bytes(render_html(document))
        (out / f"{name}.fragment.html").write_bytes(_bare_page(render_html_fragment(document), "fragment"))
    return out, documents


@pytest.fixture(scope="module")
def browser(rendered: tuple[Path, dict[str, Document]]) -> dict[str, Any]:
    out, _ = rendered
    files = sorted(str(p) for p in out.glob("*.html"))
    result = subprocess.run(["node", str(JS / "check-page.js"), str(out), *files], capture_output=True, text=True,
                            cwd=JS, timeout=300, env={**os.environ, "CHROMIUM": CHROMIUM})
    assert result.returncode == 0, result.stderr[-3000:]
    return {Path(page["file"]).name.removesuffix(".html"): page for page in json.loads(result.stdout)}


def test_axe_core_finds_no_violation(browser: dict[str, Any]) -> None:
    assert sorted(browser) == ["pingtan-2022", "pingtan-2022.fragment", "tongxin-2018", "tongxin-2018.fragment"]
    for name, page in browser.items():
        assert page["axe"] == [], f"{name}: {page['axe']}"
        assert page["lang"] == "zh-CN"
        assert page["requests"] == []  # nothing fetched: no external file


def _expected(table: Any) -> list[list[tuple[str, int, int, bool]]]:
    """Each row's cells as the data has them: text, colspan, rowspan, blank."""
    return [[(cell.text, cell.colspan, cell.rowspan, cell.value is None) for _, cell in placed]
            for placed in table.positioned()]


def test_every_table_cell_in_the_dom_matches_the_data(rendered: tuple[Path, dict[str, Document]],
                                                       browser: dict[str, Any]) -> None:
    _, documents = rendered
    checked = expected = 0
    for name, document in documents.items():
        tables = [item.table for item in flatten(document) if isinstance(item, TableItem)]
        expected += 2 * sum(len(placed) for table in tables for placed in table.positioned())
        for form in (name, f"{name}.fragment"):
            dom = browser[form]["tables"]
            assert len(dom) == len(tables)
            for table, found in zip(tables, dom, strict=True):
                assert found["thead"] == table.header_count
                cells = [[(c["text"], c["colspan"], c["rowspan"], c["spoken"] == "空白" and c["text"] == "")
                          for c in row] for row in found["rows"]]
                assert cells == _expected(table)
                for row, placed in zip(found["rows"], table.positioned(), strict=True):
                    for c, (_, cell) in zip(row, placed, strict=True):
                        checked += 1
                        if cell.value is None:
                            assert c["tag"] == "td" and c["spoken"] == "空白"  # blank: 空白 to a screen reader
                        elif not isinstance(cell.value, str):
                            assert c["tag"] == "td" and c["headers"], c  # a figure, tied to its headings
                            if cell.colspan == 1:
                                assert c["align"] == "right"
    assert checked == expected > 900  # both examples, both forms, every cell


def test_zero_and_blank_differ_in_the_tongxin_table(browser: dict[str, Any]) -> None:
    rows = browser["tongxin-2018"]["tables"][0]["rows"]
    by_label = {row[0]["text"]: row for row in rows}
    assert [c["text"] for c in by_label["4.微博微信回应事件数"][1:]] == ["次", "2"]
    assert [(c["text"], c["spoken"]) for c in by_label["5.其他方式回应事件数"][1:]] == [("次", "次"), ("", "空白")]
    assert [c["text"] for c in by_label["2.政府网站在线访谈次数"][1:]] == ["次", "0"]


def test_headings_in_order_with_official_numbers(browser: dict[str, Any]) -> None:
    headings = browser["pingtan-2022"]["headings"]
    assert headings[0] == [1, "平潭综合实验区2022年度政府信息公开工作年度报告"]
    assert [text for level, text in headings if level == 2][:3] == ["一、总体情况", "二、主动公开政府信息情况",
                                                                    "三、收到和处理政府信息公开申请情况"]
    levels = [level for level, _ in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_text_reflows_on_a_narrow_screen(browser: dict[str, Any]) -> None:
    # WCAG 1.4.10 / GB/T 37668 text that resizes: 320 CSS pixels wide, the page itself never scrolls sideways;
    # a wide table (表三, 表四) scrolls inside its own region, which the keyboard can reach (tabindex).
    for name, page in browser.items():
        assert page["reflow"]["page"] <= 320, name
    assert any(browser["pingtan-2022"]["reflow"]["regions"])


def test_a_narrow_window_breaks_the_title_where_the_pdf_may(browser: dict[str, Any]) -> None:
    # GB/T 9704 §7.3.1 (回行时要做到词意完整): before 政府信息公开工作年度报告 or where the PDF breaks, not
    # inside 年度 as the browser did on its own ("…公开工作 / 年度报告" at 480 px).
    assert browser["tongxin-2018"]["titleLines"]["480"] == ["同心县2018年", "政府信息公开工作年度报告"]
    for name, page in browser.items():
        for width, lines in page["titleLines"].items():
            ends = list(itertools.accumulate(len(line) for line in lines))[:-1]
            title = "".join(lines)
            for end in ends:  # each break before the preferred phrase or at the PDF's, unless a part is too wide
                assert title[end:].startswith(("政府", "信息公开")) or width == "360", (name, width, lines)


def test_a_screenshot_is_taken(browser: dict[str, Any]) -> None:
    for page in browser.values():
        shot = Path(page["screenshot"])
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 30_000  # text drawn, not a blank page


def test_printed_a4_with_page_numbers_attachment_on_a_new_page_and_header_rows_repeated(
        browser: dict[str, Any]) -> None:
    pdf = Path(browser["tongxin-2018"]["pdf"])
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = pdf_text(pdf, "-layout").split("\f")[:-1]
    assert len(pages) > 5
    assert re.search(r"—\s*1\s*—", pages[0]) and re.search(r"—\s*2\s*—", pages[1])
    start = next(i for i, page in enumerate(pages) if page.strip().startswith("附件"))
    assert "同心县2018年度政府信息公开情况统计表" in pages[start]
    assert "九、存在的问题及下一步措施" in "".join(pages[:start])  # the body ends before the attachment's page
    table_pages = pages[start:]
    assert len(table_pages) >= 2
    assert all(re.search(r"统计指标\s+单位\s+统计数", page) for page in table_pages)  # the header row on each


def test_html_validate_passes_on_both_pages_and_fragments(rendered: tuple[Path, dict[str, Document]]) -> None:
    out, _ = rendered
    files = sorted(str(p) for p in out.glob("*.html"))
    result = subprocess.run(["npx", "--no-install", "html-validate", "--config", "htmlvalidate.json", *files],
                            capture_output=True, text=True, cwd=JS, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert len(files) == 4
