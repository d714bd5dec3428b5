"""Render timings of the example, as ratios against floors measured in the same process.

    python benchmarks/run.py [--runs N] [--no-libreoffice]

Figures (medians of N runs after one warm-up):
- PDF in-process, against a plain reportlab platypus script that sets the same paragraphs and table
  (the floor of what reportlab costs);
- DOCX in-process, against a plain python-docx script that writes the same paragraphs and table;
- HTML in-process (the page), as a ratio of the PDF's time on the same document;
- the CLI (`reportkit render --format pdf`, a fresh process) and its peak memory;
- LibreOffice converting the example's DOCX to PDF (what users do without reportkit), against the CLI.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from reportkit import load_report, render_docx, render_html, render_pdf
from reportkit.document.flow import TableItem, TextItem, flatten
from reportkit.fonts import resolve
from reportkit.layout import Role

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "tongxin-2018" / "report.toml"


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_time(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm-up: fonts parsed, modules imported
    return statistics.median(_timed(fn) for _ in range(runs))


def paired(ours: Callable[[], object], floor: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """Median times of both and the median of their ratios, run alternately so that a noisy machine's
    slow moments fall on both alike."""
    ours(), floor()  # warm-up
    pairs = [(_timed(ours), _timed(floor)) for _ in range(runs)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(a / b for a, b in pairs))


def _content() -> tuple[list[str], list[list[str]]]:
    items = flatten(load_report(EXAMPLE).to_document())
    texts = [item.text for item in items if isinstance(item, TextItem)]
    table = next(item.table for item in items if isinstance(item, TableItem))
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    return texts, rows


def plain_reportlab(texts: list[str], rows: list[list[str]]) -> bytes:
    body = resolve(Role.BODY).face
    if "bench-body" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("bench-body", str(body.path), subfontIndex=body.index))
    style = ParagraphStyle("b", fontName="bench-body", fontSize=16, leading=28.95, wordWrap="CJK", firstLineIndent=32)
    cell = ParagraphStyle("c", fontName="bench-body", fontSize=14, leading=18, wordWrap="CJK")
    story: list[object] = [Paragraph(text, style) for text in texts]
    story.append(Table([[Paragraph(text, cell) for text in row] for row in rows], repeatRows=1,
                       colWidths=[300, 60, 80]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def plain_docx(texts: list[str], rows: list[list[str]]) -> bytes:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for table_row, row in zip(table.rows, rows, strict=True):  # row by row: Table.cell() is quadratic
        for cell, text in zip(table_row.cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def cli_run(outdir: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one `reportkit render --format pdf`."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: exec the CLI, so that wait4 reports this process's own peak memory
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(sys.executable, [sys.executable, "-m", "reportkit", "render", str(EXAMPLE), "-o", str(outdir),
                                  "--format", "pdf"])
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit("the CLI failed")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-libreoffice", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    document = load_report(EXAMPLE).to_document()
    texts, rows = _content()

    pdf, pdf_floor, pdf_ratio = paired(lambda: render_pdf(document), lambda: plain_reportlab(texts, rows), args.runs)
    docx_time, docx_floor, docx_ratio = paired(lambda: render_docx(document), lambda: plain_docx(texts, rows),
                                               args.runs)
    print(f"PDF  in-process  {pdf * 1000:7.0f} ms   plain reportlab {pdf_floor * 1000:7.0f} ms   "
          f"ratio {pdf_ratio:.2f}  (target <= 2)")
    print(f"DOCX in-process  {docx_time * 1000:7.0f} ms   plain python-docx {docx_floor * 1000:5.0f} ms   "
          f"ratio {docx_ratio:.2f}  (target <= 2)")
    html, html_pdf, html_ratio = paired(lambda: render_html(document), lambda: render_pdf(document), args.runs)
    print(f"HTML in-process  {html * 1000:7.0f} ms   reportkit's PDF {html_pdf * 1000:7.0f} ms   "
          f"ratio {html_ratio:.3f} of the PDF's time")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        cli_run(out)  # warm-up (page cache, bytecode)
        runs = [cli_run(out) for _ in range(args.runs)]
        cli = statistics.median(t for t, _ in runs)
        peak = max(m for _, m in runs) / 1024
        print(f"CLI  render pdf  {cli * 1000:7.0f} ms   peak memory {peak:.0f} MB  (target < 250 MB)")
        soffice = shutil.which("soffice")
        if args.no_libreoffice or soffice is None:
            return
        source = out / "report.docx"
        source.write_bytes(render_docx(document))
        profile = f"-env:UserInstallation=file://{out}/lo-profile"
        command = [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(out / "lo"), str(source)]
        lo = median_time(lambda: subprocess.run(command, capture_output=True, check=True), max(3, args.runs // 2))
        print(f"LibreOffice DOCX->PDF {lo * 1000:7.0f} ms   {lo / pdf:.1f}x reportkit's PDF in-process (target >= 5x), "
              f"{lo / cli:.1f}x its CLI")


if __name__ == "__main__":
    main()
