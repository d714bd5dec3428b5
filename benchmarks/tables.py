"""A document of one long table, rendered to PDF in a fresh process (the time of the render alone)."""

from __future__ import annotations

import os
import time

from common import quiet

from reportkit import render_pdf
from reportkit.document import Cell, Column, Document, DocumentInfo, Row, Section, Table, TableBlock
from reportkit.document.table import Align


def document(rows: int) -> Document:
    columns = (Column("序号", 1, Align.CENTER), Column("事项", 5), Column("件数", 1.5, Align.RIGHT))
    header = Row((Cell("序号"), Cell("事项"), Cell("件数")), is_header=True)
    body = tuple(Row((Cell(k + 1), Cell(f"第{k + 1}件政府信息公开申请的办理"), Cell(k * 7 % 1000)))
                 for k in range(rows))
    table = Table(columns, (header, *body))
    return Document(DocumentInfo("长表", "某县人民政府"), "某县长表", (Section("办理情况", (TableBlock(table),)),))


def measure(rows: int) -> tuple[float, float]:
    """Seconds of the render, on the wall clock and in processor time (the second counts much less of what
    other jobs on the machine take)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        quiet()
        render_pdf(document(10))  # warm-up: fonts and imports out of the figure
        doc = document(rows)
        start, cpu = time.perf_counter(), time.process_time()
        render_pdf(doc)
        os.write(write, f"{time.perf_counter() - start} {time.process_time() - cpu}".encode())
        os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    wall, cpu = (float(part) for part in os.read(read, 64).decode().split())
    return wall, cpu
