"""How render time and memory grow with the length of a report (issue: a 500-page report renders).

    python benchmarks/scale.py [--pages 25 50 100 250 500]

Each size renders in a fresh child process (so peak memory is its own), PDF then DOCX; the figures are
printed per size and per page: flat per-page figures mean linear growth.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings

from reportkit import render_docx, render_pdf
from reportkit.document import Document, DocumentInfo, Paragraph, Section

SENTENCE = "全县深入推进政务公开，2025年累计公开政府信息15607条，回应社会关切，提升政府公信力。"
LINES_PER_PARAGRAPH = 9  # 6 sentences of 43 characters: about 9 lines of 28


def document(pages: int) -> Document:
    paragraphs = pages * 22 // LINES_PER_PARAGRAPH
    part = Section("具体工作", tuple(Paragraph(SENTENCE * 6) for _ in range(10)))  # about 4 pages
    parts = max(1, paragraphs // 10)
    sections = tuple(Section("工作情况", (part,) * min(10, parts - k)) for k in range(0, parts, 10))
    return Document(DocumentInfo("长报告", "某县人民政府"), "某县2025年政府信息公开工作年度报告", sections)


def measure(pages: int, fmt: str) -> tuple[float, float]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        warnings.simplefilter("ignore")
        doc = document(pages)
        render = render_pdf if fmt == "pdf" else render_docx
        render(document(2))  # warm-up: fonts and imports out of the figure
        start = time.perf_counter()
        render(doc)
        os.write(write, f"{time.perf_counter() - start}".encode())
        os._exit(0)
    os.close(write)
    _, _, usage = os.wait4(pid, 0)
    elapsed = float(os.read(read, 64).decode())
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, nargs="+", default=[25, 50, 100, 250, 500])
    args = parser.parse_args()
    print(f"{'pages':>6} {'format':>6} {'seconds':>8} {'ms/page':>8} {'peak MB':>8}")
    for fmt in ("pdf", "docx"):
        for pages in args.pages:
            seconds, peak = measure(pages, fmt)
            print(f"{pages:>6} {fmt:>6} {seconds:>8.2f} {seconds / pages * 1000:>8.1f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
