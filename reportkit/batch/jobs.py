"""One report rendered or checked: the work a worker process does, with everything it would print kept
in the outcome, so that the parent prints it (above the progress bar) and nothing is lost in a worker."""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from attrs import frozen

from reportkit.collector import fewer_collections
from reportkit.editions.base import PENDING
from reportkit.fonts import FontError, FontSubstitutionWarning, MissingGlyphError, MissingGlyphWarning
from reportkit.i18n import _
from reportkit.narrative import TemplateWarning
from reportkit.narrative.isolate import meanwhile
from reportkit.render.errors import RenderError
from reportkit.render.formats import FORMATS
from reportkit.render.output import reason, write_outputs
from reportkit.report import AnnualReport, DataError, load_report
from reportkit.report.load import load_previous
from reportkit.validate import Finding, Severity, validate
from reportkit.validate.findings import open_findings
from reportkit.validate.show import MACHINE_FORMATS, findings_table, summary
from reportkit.workbook import WorkbookWarning

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
    verbose: bool = False  # render: every finding on its own line (else grouped, see _finding_lines)
    quiet: bool = False  # validate: the summary line of each report only


@frozen
class Relayed:
    """A warning a job caught, for the parent to print; ``font``: a font substitution (summed up in one line)."""

    text: str
    font: bool = False


@frozen
class Outcome:
    file: Path
    status: int
    messages: tuple[str, ...]  # for stderr, in order
    warnings: tuple[Relayed, ...]  # caught warnings (fonts, templates): the parent prints each distinct one once
    findings: int | None = None  # open findings; None: not checked (the report could not be read)
    pages: int | None = None
    seconds: float = 0.0
    written: tuple[Path, ...] = ()
    report: str = ""  # for stdout: what `validate` prints


def error_prefix() -> str:
    """How an error line begins in the user's language ("error: ", "错误：")."""
    return _("error: {message}", message="")


def labelled(severity: Severity, message: str) -> str:
    """``message`` after the word for its severity: "error: …", "warning: …", "note: …" (错误：, 警告：, 提示：)."""
    if severity is Severity.ERROR:
        return _("error: {message}", message=message)
    if severity is Severity.WARNING:
        return _("warning: {message}", message=message)
    return _("note: {message}", message=message)


def cannot_write(exc: OSError) -> str:
    """What an operating system's refusal to write says: the file, and why (render.output.reason: short, in the
    user's language for the common cases)."""
    return _("cannot write {file}: {reason}; nothing written", file=exc.filename or _("the output"),
             reason=reason(exc))


@contextmanager
def caught_warnings() -> Iterator[list[warnings.WarningMessage]]:
    """The warnings reportkit gives its user, recorded (every one, even if an earlier run gave it)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FontSubstitutionWarning)
        warnings.simplefilter("always", MissingGlyphWarning)
        warnings.simplefilter("always", TemplateWarning)
        warnings.simplefilter("always", WorkbookWarning)
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
        self.findings: int | None = None  # until the figures are checked
        self.pages: int | None = None
        self.written: list[Path] = []
        self.report = ""


def _render(task: Task, run: _Run) -> int:
    for name, _base in task.outputs:  # on a second processor while the narrative renders
        meanwhile(FORMATS[name].warm_up)
    report = load_report(task.file, task.templates)
    findings = validate(report, previous_report(task.previous, report))
    run.findings = len(open_findings(findings))
    run.messages += _finding_lines(task, open_findings(findings))
    status = status_of(findings, task.strict)
    if status == EXIT_BAD_INPUT and not task.force:
        run.messages.append(_("error: {message}", message=_("the figures have errors; nothing written (fix them, "
                                                              "or render anyway with --force)")))
        return status
    if status == EXIT_FAILURE:
        run.messages.append(_("error: {message}", message=_("--strict: the figures have warnings; nothing "
                                                              "written")))
        return status
    document = report.to_document()
    # Render everything first, then write: a failure in either renderer leaves no file behind.
    rendered: list[tuple[Path, bytes]] = []
    for name, base in task.outputs:
        parts, pages = FORMATS[name].render(document)
        run.pages = pages if pages is not None else run.pages
        rendered += [(base.with_name(base.name + suffix), data) for suffix, data in parts]
    for path, __ in rendered:
        path.parent.mkdir(parents=True, exist_ok=True)  # only once everything rendered
    write_outputs(rendered)  # all or none: never this year's DOCX beside last year's PDF
    run.written += [path for path, _ in rendered]
    return EXIT_OK


_SHOWN_PER_RULE = 3  # warnings of one rule printed by render before "and N more"


def _finding_lines(task: Task, findings: Sequence[Finding]) -> list[str]:
    """What render prints of the findings: every error; of the warnings, a few per rule and one line for the
    cells and paragraphs still 待填写 (a new report has some two hundred): ``validate`` lists them all."""
    def line(finding: Finding) -> str:
        return labelled(finding.severity, f"{task.file}: [{finding.rule}] {finding.where}: {finding.message}")

    if task.verbose:
        return [line(finding) for finding in findings]
    out: list[str] = []
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            out.append(line(finding))
        else:
            by_rule.setdefault(finding.rule, []).append(finding)
    for rule, group in by_rule.items():
        if rule == "pending":
            text = sum(1 for finding in group if finding.in_text)
            out.append(_("warning: {message}", message=_(
                "{file}: [pending] {count} places still {pending} ({figures} figures and details, {paragraphs} "
                "paragraphs of text); each one: reportkit validate {file}", file=task.file, count=len(group),
                pending=PENDING, figures=len(group) - text, paragraphs=text)))
            continue
        out += [line(finding) for finding in group[:_SHOWN_PER_RULE]]
        if len(group) > _SHOWN_PER_RULE:
            out.append(_("warning: {message}", message=_(
                "{file}: [{rule}] {count} more warnings like these (reportkit validate {file}, or render --verbose)",
                file=task.file, rule=rule, count=len(group) - _SHOWN_PER_RULE)))
    return out


def _validate(task: Task, run: _Run) -> int:
    report = load_report(task.file, task.templates)
    findings = validate(report, previous_report(task.previous, report))
    run.findings = len(open_findings(findings))
    if task.output in MACHINE_FORMATS:
        run.report = MACHINE_FORMATS[task.output](str(task.file), findings)
    elif not task.quiet and (open_findings(findings) or (task.accepted and findings)):
        run.report = f"{task.file}: {summary(findings)}\n{findings_table(findings, accepted=task.accepted)}"
    else:
        run.report = f"{task.file}: {summary(findings)}"
    return status_of(findings, task.strict)


def _run(work: Callable[[Task, _Run], int], task: Task) -> Outcome:
    start = time.perf_counter()
    run = _Run()
    # Young objects collected every 10,000 allocations, not 700: 4 % of a batch report's time, its narrative's
    # child included (100 reports in 6.4 s instead of 6.7 on two cores).
    with caught_warnings() as caught, fewer_collections(young=10_000):
        try:
            status = work(task, run)
        except MissingGlyphError as exc:  # the document's text, not a setting: name the data file
            run.messages.append(_("error: {message}", message=_("{file}: {problem}; nothing written",
                                                                  file=task.file, problem=exc)))
            status = EXIT_BAD_INPUT
        except (DataError, FontError) as exc:
            run.messages.append(_("error: {message}", message=exc))
            status = EXIT_BAD_INPUT
        except RenderError as exc:
            run.messages.append(_("error: {message}", message=_("{file}: {problem}; nothing written",
                                                                  file=task.file, problem=exc)))
            status = EXIT_BAD_INPUT
        except OSError as exc:
            run.messages.append(_("error: {message}", message=cannot_write(exc)))
            status = EXIT_BAD_INPUT
    relayed = tuple(Relayed(str(w.message), isinstance(w.message, FontSubstitutionWarning)) for w in caught)
    return Outcome(task.file, status, tuple(run.messages), relayed,
                   findings=run.findings, pages=run.pages, seconds=time.perf_counter() - start,
                   written=tuple(run.written), report=run.report)


def render(task: Task) -> Outcome:
    """Render one report to its outputs (a worker's job)."""
    return _run(_render, task)


def check(task: Task) -> Outcome:
    """Check one report's figures (a worker's job)."""
    return _run(_validate, task)
