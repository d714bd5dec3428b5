"""reportkit's speed against fair floors and peers, measured side by side in one run (medians of paired runs).

    python benchmarks/run.py [--runs N] [--only SECTION ...] [--reports 100] [--separate 20] [--memory 400]

Sections (each prints medians and ratios, and what the ratio should be):
- start-up: one CLI render of the flagship to PDF, a fresh process, against a process that only imports
  reportlab's platypus and registers the same fonts (with reportkit's cache of the parsed fonts, as on any
  run after the first, and without it); the CLI's peak memory, measured by a small parent of its
  own (not inherited from this one);
- in-process: render_pdf / render_docx against plain reportlab / python-docx given the same work (the same
  fonts for the same roles, text, table, page numbers, bookmarks);
- peers: Typst (PyPI ``typst``, when installed) setting a comparable document as a whole process, and
  LibreOffice converting DOCX to PDF, one process per file and one process for a whole batch;
- batch: N reports (both examples, copied with other county names), PDF and DOCX, with --jobs 1 and 2,
  against separate CLI runs (a sample of them, per report);
- tables: one table of 1,000 / 5,000 / 10,000 rows, in-process, each in a fresh process, the sizes in turn
  (--table-runs rounds; the ratio is the median of each round's);
- memory: the peak memory of a batch of N reports against one of a quarter as many (flat means no leak).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ENV, FLAGSHIP, PYTHON, load, paired, process, quiet, reportkit, timed

SECTIONS = ("start-up", "in-process", "peers", "batch", "tables", "memory")
Row = tuple[str, str, str, str]  # what, measured, against, ratio (and its target)
rows: list[Row] = []


def record(what: str, measured: str, against: str = "", ratio: str = "") -> None:
    rows.append((what, measured, against, ratio))
    print(f"  {what:<44} {measured:>16} {against:>26} {ratio}", flush=True)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def start_up(runs: int, tmp: Path) -> None:
    from floors import FLOOR_PROCESS, font_files

    cli = reportkit("render", str(FLAGSHIP), "--format", "pdf", "-o", str(tmp / "cli"))
    floor = [PYTHON, "-c", FLOOR_PROCESS, *font_files()]
    peaks: list[float] = []

    def ours() -> float:
        seconds, peak = process(cli)
        peaks.append(peak)
        return seconds

    a, b, ratio = paired(ours, lambda: process(floor)[0], runs)
    record("CLI render flagship PDF (fresh process)", ms(a), f"reportlab+fonts {ms(b)}", f"{ratio:.2f}x (<= 1.5)")
    record("CLI peak memory (its own)", f"{statistics.median(peaks):.0f} MB", "", "(< 250 MB)")
    # The fonts parsed as on a first run (no cache of them: reportkit.render.font_cache).
    a, b, ratio = paired(lambda: process(cli, REPORTKIT_CACHE_DIR="off")[0], lambda: process(floor)[0], runs)
    record("the same, without the font cache", ms(a), f"reportlab+fonts {ms(b)}", f"{ratio:.2f}x")


def in_process(runs: int) -> None:
    from floors import Content, plain_docx, plain_reportlab

    from reportkit import load_report, render_docx, render_pdf

    document = load_report(FLAGSHIP).to_document()
    content = Content(FLAGSHIP)
    a, b, ratio = paired(lambda: timed(lambda: render_pdf(document)), lambda: timed(lambda: plain_reportlab(content)),
                         runs)
    record("render_pdf (in-process, warm)", ms(a), f"plain reportlab {ms(b)}", f"{ratio:.2f}x")
    a, b, ratio = paired(lambda: timed(lambda: render_docx(document)), lambda: timed(lambda: plain_docx(content)),
                         runs)
    record("render_docx (in-process, warm)", ms(a), f"plain python-docx {ms(b)}", f"{ratio:.2f}x")


def peers(runs: int, tmp: Path) -> None:
    from floors import Content, typst_source

    cli = reportkit("render", str(FLAGSHIP), "--format", "pdf", "-o", str(tmp / "cli"))
    try:
        import typst  # noqa: F401
    except ImportError:
        record("Typst", "not installed (pip install typst)")
    else:
        source = tmp / "flagship.typ"
        source.write_text(typst_source(Content(FLAGSHIP)), "utf-8")
        dirs = sorted({str(Path(spec.rsplit("#", 1)[0]).parent) for spec in _fonts()})
        code = (f"import typst; typst.compile({str(source)!r}, output={str(tmp / 'typst.pdf')!r}, "
                f"font_paths={dirs!r}, ignore_system_fonts=True)")
        a, b, ratio = paired(lambda: process(cli)[0], lambda: process([PYTHON, "-c", code])[0], runs)
        record("CLI render flagship PDF", ms(a), f"Typst process {ms(b)}", f"{ratio:.2f}x")
    soffice = shutil.which("soffice")
    if soffice is None:
        record("LibreOffice", "not installed")
        return
    from reportkit import load_report, render_docx

    batch = tmp / "lo-in"
    batch.mkdir()
    docx = render_docx(load_report(FLAGSHIP).to_document())
    count = 10
    for k in range(count):
        (batch / f"r{k}.docx").write_bytes(docx)
    profile = f"-env:UserInstallation=file://{tmp}/lo-profile"

    def convert(files: list[Path]) -> list[str]:
        return [soffice, "--headless", profile, "--convert-to", "pdf", "--outdir", str(tmp / "lo"),
                *map(str, files)]

    one = [batch / "r0.docx"]
    subprocess.run(convert(one), capture_output=True, check=True)  # the profile is made once
    a, b, ratio = paired(lambda: process(convert(one))[0], lambda: process(cli)[0], max(3, runs // 2))
    record("LibreOffice DOCX->PDF, one process per file", ms(a), f"reportkit CLI {ms(b)}", f"{ratio:.1f}x slower")
    files = sorted(batch.iterdir())
    lo = timed(lambda: subprocess.run(convert(files), capture_output=True, check=True)) / count
    record(f"LibreOffice DOCX->PDF, {count} files in one process", f"{ms(lo)}/file")


def _fonts() -> list[str]:
    from floors import font_files

    return font_files()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # every finished child, and theirs
    return usage.ru_utime + usage.ru_stime


def batch(reports: int, separate: int, tmp: Path) -> None:
    """Wall-clock throughput, and the processor time each report took (user + system, all processes): on a
    shared machine the wall clock measures the other jobs too, the processor time much less so."""
    from common import county_copies

    files = county_copies(reports, tmp / "reports")
    formats = ["--format", "pdf", "--format", "docx"]
    start = _cpu()
    one = [timed(lambda f=f: subprocess.run(reportkit("render", str(f), *formats, "-o", str(tmp / "sep")),
                                            capture_output=True, check=True, env=ENV))
           for f in files[:separate]]
    separate_cpu = (_cpu() - start) / separate
    per_report = statistics.median(one)
    record(f"separate CLI runs (median of {separate})", f"{1 / per_report:.1f} reports/s", f"{ms(per_report)} each",
           f"CPU {ms(separate_cpu)} a report")
    for jobs in (1, 2):
        start = _cpu()
        seconds = timed(lambda jobs=jobs: subprocess.run(
            reportkit("render", str(tmp / "reports"), *formats, "-o", str(tmp / f"out{jobs}"), "--jobs", str(jobs)),
            capture_output=True, check=True, env=ENV))
        cpu = (_cpu() - start) / reports
        rate = reports / seconds
        target = " (>= 15/s, >= 10x)" if jobs == 2 else ""
        record(f"batch of {reports}, PDF+DOCX, --jobs {jobs}", f"{rate:.1f} reports/s", f"{seconds:.1f} s",
               f"{rate * per_report:.1f}x separate runs{target}; CPU {ms(cpu)} a report, "
               f"{separate_cpu / cpu:.1f}x less than separate runs")
        if jobs == 2:
            record("  what its CPU time allows on 2 idle cores", f"{2 / cpu:.1f} reports/s", "(an estimate)")


def tables(runs: int) -> None:
    from tables import measure

    sizes = (1000, 5000, 10000)
    rounds = [{count: measure(count) for count in sizes} for _ in range(runs)]  # the sizes interleaved
    for count in sizes:
        seconds = statistics.median(r[count][0] for r in rounds)
        ratio = statistics.median(r[count][0] / r[1000][0] for r in rounds)
        cpu = statistics.median(r[count][1] for r in rounds)
        cpu_ratio = statistics.median(r[count][1] / r[1000][1] for r in rounds)
        record(f"table of {count:,} rows (PDF, in-process)", f"{seconds:.2f} s", f"CPU {cpu:.2f} s",
               f"{ratio:.1f}x 1k, CPU {cpu_ratio:.1f}x" + (" (<= 12x)" if count == 10000 else ""))


def memory(reports: int, tmp: Path) -> None:
    from common import county_copies

    county_copies(reports, tmp / "many")
    small = tmp / "few"
    small.mkdir()
    for path in sorted((tmp / "many").iterdir())[: reports // 4]:
        shutil.copytree(path, small / path.name)
    peaks = {}
    for folder, count in ((small, reports // 4), (tmp / "many", reports)):
        seconds, peaks[count] = process(reportkit("render", str(folder), "--format", "pdf", "--format", "docx",
                                                  "-o", str(tmp / f"mem{count}"), "--jobs", "2"))
        record(f"batch of {count}, --jobs 2: peak of any process", f"{peaks[count]:.0f} MB", f"{seconds:.1f} s")
    few, many = peaks[reports // 4], peaks[reports]
    record("memory growth over the batch", f"{many - few:+.0f} MB", "", f"{many / few:.2f}x (flat: ~1.0x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="paired runs per comparison")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--reports", type=int, default=100, help="reports in the batch")
    parser.add_argument("--separate", type=int, default=20, help="separate CLI runs sampled")
    parser.add_argument("--table-runs", type=int, default=3, help="rounds of the table sizes (paired ratios)")
    parser.add_argument("--memory", type=int, default=400, help="reports in the memory batch")
    args = parser.parse_args()
    quiet()
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(FLAGSHIP.parent.parent.parent / "reportkit")],
                   check=True, capture_output=True)  # as installed: with bytecode
    print(f"{platform.node()}: {os.cpu_count()} cores, {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M %Z')}, load {load()}")
    sections: dict[str, Callable[[Path], None]] = {
        "start-up": lambda tmp: start_up(args.runs, tmp),
        "in-process": lambda tmp: in_process(args.runs),
        "peers": lambda tmp: peers(args.runs, tmp),
        "batch": lambda tmp: batch(args.reports, args.separate, tmp),
        "tables": lambda tmp: tables(args.table_runs),
        "memory": lambda tmp: memory(args.memory, tmp),
    }
    for name in args.only:
        print(f"{name} (load {load()})")
        with tempfile.TemporaryDirectory() as tmp:
            sections[name](Path(tmp))
    print(f"done (load {load()})")


if __name__ == "__main__":
    main()
