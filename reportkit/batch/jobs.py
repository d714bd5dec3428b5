"""One report rendered or checked: the work a worker process does, with everything it would print kept
in the outcome, so that the parent prints it (above the progress bar) and nothing is lost in a worker."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from attrs import frozen

from reportkit.fonts import FontError, FontSubstitutionWarning, MissingGlyphWarning
from reportkit.narrative import TemplateWarning
from reportkit.render.errors import RenderError
from reportkit.render.formats import FORMATS
from reportkit.render.output import write_outputs
from reportkit.report import AnnualReport, DataError, load_report
from reportkit.report.load import load_previous
from reportkit.validate import Finding, Severity, validate
from reportkit.validate.findings import open_findings
from reportkit.validate.show import MACHINE_FORMATS, findings_table, summary

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_BAD_INPUT = 2


@frozen
class Task:
    """What to do with one report file; ``outputs`` pairs a format's name with where it writes (the file name
    without its suffix)."""

    file: Path
    outputs: tuple[tuple[str, Path], ...] = ()
    templates: Path | None = None
    previous: Path | None = None
    force: bool = False
    strict: bool = False
    as_json: bool = False  # validate: the findings as JSON instead of a table
    output: str = "table"  # validate: table, json, sarif or junit
    accepted: bool = False  # validate: also list the findings [[accept]] keeps


@frozen
class Outcome:
    file: Path
    status: int
    messages: tuple[str, ...]  # for stderr, in order
    warnings: tuple[str, ...]  # caught warnings (fonts, templates): the parent prints each distinct one once
    findings: int = 0
    pages: int | None = None
    seconds: float = 0.0
    written: tuple[Path, ...] = ()
    report: str = ""  # for stdout: what `validate` prints


@contextmanager
def caught_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """The warnings reportkit gives its user, recorded (every one, even if an earlier run gave it)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontSubstitutionWarning)
        warnings.simplefilter("always", MissingGlyphWarning)
        warnings.simplefilter("always", TemplateWarning)
        yield caught


def status_of(findings: list[Finding], strict: bool) -> int:
    """Errors: 2; warnings with --strict: 1. Accepted findings and notes never count."""
    counted = [f for f in open_findings(findings) if f.severity is not Severity.NOTE]
    if any(f.severity is Severity.ERROR for f in counted):
        return EXIT_BAD_INPUT
    return EXIT_FAILURE if strict and counted else EXIT_OK


def previous_report(path: Path | None, report: AnnualReport[object]) -> AnnualReport[object] | None:
    """Last year's report: its data file is enough, in this edition or an earlier one (2019 -> 2021)."""
    return load_previous(path) if path is not None else None


class _Run:
    """The mutable record of one job while it runs."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.findings = 0
        self.pages: int | None = None
        self.written: list[Path] = []
        self.report = ""


def _render(task: Task, run: _Run) -> int:
    report = load_report(task.file, task.templates)
    findings = validate(report, previous_report(task.previous, report))
    run.findings = len(open_findings(findings))
    for finding in open_findings(findings):
        run.messages.append(f"{finding.severity.value}: {task.file}: [{finding.rule}] {finding.where}: "
                            f"{finding.message}")
    status = status_of(findings, task.strict)
    if status == EXIT_BAD_INPUT and not task.force:
        run.messages.append("error: the figures have errors; nothing written (fix them, or render anyway with "
                            "--force)")
        return status
    if status == EXIT_FAILURE:
        run.messages.append("error: --strict: the figures have warnings; nothing written")
        return status
    document = report.to_document()
    # Render everything first, then write: a failure in either renderer leaves no file behind.
    rendered: list[tuple[Path, bytes]] = []
    for name, base in task.outputs:
        parts, pages = FORMATS[name].render(document)
        run.pages = pages if pages is not None else run.pages
        rendered += [(base.with_name(base.name + suffix), data) for suffix, data in parts]
    for path, _ in rendered:
        path.parent.mkdir(parents=True, exist_ok=True)  # only once everything rendered
    write_outputs(rendered)  # all or none: never this year's DOCX beside last year's PDF
    run.written += [path for path, _ in rendered]
    return EXIT_OK


def _validate(task: Task, run: _Run) -> int:
    report = load_report(task.file, task.templates)
    findings = validate(report, previous_report(task.previous, report))
    run.findings = len(open_findings(findings))
    if task.output in MACHINE_FORMATS:
        run.report = MACHINE_FORMATS[task.output](str(task.file), findings)
    elif open_findings(findings) or (task.accepted and findings):
        run.report = f"{task.file}: {summary(findings)}\n{findings_table(findings, accepted=task.accepted)}"
    else:
        run.report = f"{task.file}: {summary(findings)}"
    return status_of(findings, task.strict)


def _run(work: Callable[[Task, _Run], int], task: Task) -> Outcome:
    start = time.perf_counter()
    run = _Run()
    with caught_warnings() as caught:
        try:
            status = work(task, run)
        except (DataError, FontError) as exc:
            run.messages.append(f"error: {exc}")
            status = EXIT_BAD_INPUT
        except RenderError as exc:
            run.messages.append(f"error: {task.file}: {exc}; nothing written")
            status = EXIT_BAD_INPUT
        except OSError as exc:
            run.messages.append(f"error: cannot write {exc.filename or 'the output'}: {exc.strerror}; nothing written")
            status = EXIT_BAD_INPUT
    return Outcome(task.file, status, tuple(run.messages), tuple(str(w.message) for w in caught),
                   findings=run.findings, pages=run.pages, seconds=time.perf_counter() - start,
                   written=tuple(run.written), report=run.report)


def render(task: Task) -> Outcome:
    """Render one report to its outputs (a worker's job)."""
    return _run(_render, task)


def check(task: Task) -> Outcome:
    """Check one report's figures (a worker's job)."""
    return _run(_validate, task)
