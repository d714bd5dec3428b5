"""The ``reportkit`` command line."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import os
import re
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import attrs

from reportkit import __version__
from reportkit.argparse_text import translated
from reportkit.batch.inputs import DATA_SUFFIXES, chosen_formats, output_paths, report_files, writable
from reportkit.batch.jobs import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    Outcome,
    Relayed,
    Task,
    cannot_write,
    caught_warnings,
    check,
    error_prefix,
    labelled,
)
from reportkit.batch.jobs import render as render_job
from reportkit.batch.runner import cores, run, summary
from reportkit.document.text import name_problem
from reportkit.editions import REGISTRY, Edition, covers, edition_for_year, years_text
from reportkit.editions.base import PENDING
from reportkit.errors import listing
from reportkit.fonts import FontError, FontSubstitutionWarning, fontconfig_file, glyph_fallbacks, resolve_all
from reportkit.i18n import _, _n, language
from reportkit.render.formats import FORMATS
from reportkit.render.output import write_atomic
from reportkit.report import DataError, load_report
from reportkit.report.reader import show
from reportkit.validate import Severity, validate_figures

EXIT_INTERRUPTED = 130  # as a shell reports a command Ctrl-C stopped
EXIT_BROKEN_PIPE = 141  # as a shell reports a command whose reader left (128 + SIGPIPE)


# Characters two columns wide on a terminal, each of which a line may break before (CJK text has no spaces).
_WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff" \
        "\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
_TOKEN = f"[{_WIDE}]|[^\\s{_WIDE}]+|\\s+"  # compiled on first use: only --help wraps text
_CLOSING = set("，。、；：？！）》」』】”’…")  # never the first character of a line
_OPENING = "（《「『【“‘"  # never the last


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _padded(text: str, width: int) -> str:
    """``text`` and spaces to ``width`` columns on screen (a Chinese character takes two)."""
    return text + " " * (width - _columns(text))


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: English as textwrap does it; Chinese by each character's
    width on screen, broken between any two characters but never before a closing punctuation mark."""
    if not re.search(f"[{_WIDE}]", text):
        return textwrap.wrap(text, width)
    lines: list[str] = []
    line, space = "", False
    for token in re.findall(_TOKEN, text):
        if token.isspace():
            space = bool(line)
            continue
        joined = line + (" " if space else "") + token
        if line and _columns(joined) > width and token[0] not in _CLOSING:
            kept = line.rstrip(_OPENING)  # an opening bracket goes down with what it opens
            lines.append(kept or line)
            joined = line[len(kept):] + token if kept else token
        line, space = joined, False
    return [*lines, line] if line else lines


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's help with Chinese wrapped by its width on screen, and its headings ending in a full-width colon
    when in Chinese ("选项：")."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrapped(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrapped(" ".join(text.split()), width - len(indent)))

    def format_help(self) -> str:
        text = super().format_help()
        return re.sub(r"^(\S[^\n]*):$", r"\1：", text, flags=re.MULTILINE) if language() == "zh" else text


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """reportkit's arguments; with ``only``, the options of that command alone (those of the others are not
    built: a run is one command). Every command is there by name and help."""
    parser = argparse.ArgumentParser(
        prog="reportkit", formatter_class=_HelpFormatter,
        description=_("Render a 政府信息公开工作年度报告 from a data file to DOCX, PDF and HTML (GB/T 9704-2012 "
                      "layout)."),
    )
    parser.add_argument("--version", action="version", version=f"reportkit {__version__}",
                        help=_("print reportkit's version and exit"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    # watch takes render's options, and a mistake in them is shown with render's usage (_parsed)
    wanted = {only, "render"} if only == "watch" else {only}
    for name, (line, description, options) in _commands().items():
        command = commands.add_parser(name, help=line, description=description, formatter_class=_HelpFormatter)
        if only is None or name in wanted:
            options(command)
        if name != "completion":
            command.add_argument("--editions", action="append", type=Path, default=[], metavar="DIR",
                                 help=_("a province's edition (a folder with an edition.toml), or a folder of them"))
    return parser


Options = Callable[[argparse.ArgumentParser], None]


def _commands() -> dict[str, tuple[str, str, Options]]:
    """Each command: its line in reportkit's help, its description, and what adds its options."""
    return {
        "render": (_("render reports (.toml, .yaml, .json data files) to DOCX, PDF and HTML"),
                   _("Render one report or many: files, folders (a report project, or a folder of them) and glob "
                     "patterns ('reports/*.toml'); with no file, report.toml in the current folder."), _render_options),
        "validate": (_("check the figures: the tables' sums and the narrative against them"),
                     _("Check the figures of one report or many: the tables' sums, the narrative against the tables, "
                       "and last year's report against this one (--previous)."), _validate_options),
        "new": (_("start a county's report: a data file to fill in and a template folder"),
                _("Make a county's report project: report.toml with every value to fill in marked 待填写, a "
                  "README.md on what to do next, and a folder for the county's templates."), _new_options),
        "collect": (_("add up the returns of townships and departments into the county's figures (a file the "
                      "report names with stats = \"FILE\")"),
                    _("Add up the returns of townships and departments, cell by cell, into the county's figures: a "
                      "file the report names with stats = \"FILE\"."), _collect_options),
        "new-return": (_("a blank return for a township or department to fill in"),
                       _("Write a blank return for a township or department to fill in: a workbook (.xlsx) or a TOML "
                         "file, every figure empty."), _new_return_options),
        "export": (_("write a report's tables as a workbook in the official layout (a report takes it back with "
                     "stats = \"FILE.xlsx\")"),
                   _("Write a report's tables as a workbook in the official layout; a report takes it back with "
                     "stats = \"FILE.xlsx\"."), _export_options),
        "fonts": (_("show which font file serves each role, and the fallbacks for rare characters"),
                  _("Show which font file serves each role (title, body, headings, tables), and the fonts that "
                    "supply rare characters."), _fonts_options),
        "editions": (_("list the report formats: reportkit's, installed ones, a project's"),
                     _("List the report formats (editions): reportkit's own, installed ones, and a project's."),
                     _editions_options),
        "watch": (_("render again whenever the data file, a template or another input in the report's folder "
                    "changes (Ctrl-C stops)"),
                  _("Render the report, then again whenever the data file, a template or another input in the "
                    "report's folder changes: a preview while writing. Ctrl-C stops."), _watch_options),
        "completion": (_("print the shell's completion script for reportkit"),
                       _("Print the completion script for a shell; e.g. in bash: eval \"$(reportkit completion "
                         "bash)\"."), _completion_options),
    }


def _render_options(render: argparse.ArgumentParser) -> None:
    render.add_argument("files", nargs="*", metavar="FILE", help=_("report data files, folders or glob patterns"))
    render.add_argument("-o", "--output", type=Path, metavar="PATH",
                        help=_("a folder for <name>.docx, .pdf, .html and .fragment.html (default: the current "
                               "folder), or, for one report, the file to write (-o 青山县2025年报告.pdf: the file "
                               "type from the suffix)"))
    render.add_argument("--format", choices=(*FORMATS, "all"), action="append",
                        help=_("what to write, repeated for several (--format pdf --format docx); default: all, or "
                               "the format of the -o file"))
    render.add_argument("--templates", type=Path, metavar="DIR",
                        help=_("the county's template folder (instead of the data file's `templates`)"))
    render.add_argument("--previous", type=Path, metavar="FILE",
                        help=_("last year's report, for the checks across years"))
    strictness = render.add_mutually_exclusive_group()
    strictness.add_argument("--force", action="store_true", help=_("render even when the figures have errors"))
    strictness.add_argument("--strict", action="store_true", help=_("refuse to render when the figures have warnings"))
    _jobs_option(render)
    _loudness_options(render, _("print every finding and every font substitution on a line of its own"))


def _validate_options(check: argparse.ArgumentParser) -> None:
    check.add_argument("files", nargs="*", metavar="FILE", help=_("report data files, folders or glob patterns "
                                                                   "(default: report.toml in the current folder)"))
    check.add_argument("--format", choices=("table", "json", "sarif", "junit"), default="table",
                       help=_("how to print the findings (table: a summary line, then the findings by rule)"))
    check.add_argument("--accepted", action="store_true", help=_("also list the findings [[accept]] keeps"))
    check.add_argument("--strict", action="store_true", help=_("exit 1 when there are warnings"))
    check.add_argument("--templates", type=Path, metavar="DIR", help=_("the county's template folder"))
    _jobs_option(check)
    check.add_argument("--previous", type=Path, metavar="FILE",
                       help=_("last year's report: figures carried over (上年结转, 现行有效件数) are checked "
                              "against it"))
    _loudness_options(check, _("also list the findings [[accept]] keeps, as --accepted does"),
                      quiet=_("print only the summary line of each report (and errors)"))


def _new_options(new: argparse.ArgumentParser) -> None:
    new.add_argument("folder", type=_folder_name, metavar="FOLDER", help=_("the folder to make"))
    new.add_argument("--county", required=True, help=_("the county, e.g. 某县"))
    new.add_argument("--year", required=True, type=_whole_number("--year"), help=_("the reporting year, e.g. 2025"))
    new.add_argument("--edition", help=_("the report format (default: the one in force for --year; "
                                         "`reportkit editions` lists them)"))


def _collect_options(gather: argparse.ArgumentParser) -> None:
    gather.add_argument("returns", nargs="+", type=Path, metavar="RETURN",
                        help=_("a unit's return (.xlsx, .toml, .yaml, .json)"))
    gather.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help=_("the figures file to write: .toml, or .xlsx (the sum beside each unit's figures)"))
    gather.add_argument("--force", action="store_true",
                        help=_("write the sum even when a return's figures have errors, or over a file collect "
                               "did not write"))


def _new_return_options(blank: argparse.ArgumentParser) -> None:
    blank.add_argument("file", type=Path, metavar="FILE",
                       help=_("the file to write: .xlsx (a workbook to fill in) or .toml"))
    blank.add_argument("--unit", required=True, help=_("the township or department, e.g. 丁塘镇"))
    which = blank.add_mutually_exclusive_group(required=True)
    which.add_argument("--year", type=_whole_number("--year"),
                       help=_("the reporting year: the return takes the format in force"))
    which.add_argument("--edition", help=_("the report format, instead of --year"))


def _export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("file", type=Path, metavar="FILE", help=_("the report data file"))
    export.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help=_("the workbook to write (.xlsx)"))


def _fonts_options(fonts: argparse.ArgumentParser) -> None:
    fonts.add_argument("file", nargs="?", type=Path, metavar="FILE",
                       help=_("a report data file: with the fonts its [layout] chooses"))
    fonts.add_argument("--fontconfig", action="store_true",
                       help=_("print the path of reportkit's fontconfig file (FONTCONFIG_FILE=... soffice ...)"))


def _editions_options(listing: argparse.ArgumentParser) -> None:
    listing.add_argument("file", nargs="?", type=Path, metavar="FILE",
                         help=_("a report data file: with the editions of its project"))


def _watch_options(watching: argparse.ArgumentParser) -> None:
    watching.add_argument("file", type=Path, metavar="FILE", help=_("the report data file"))
    watching.add_argument("render_args", nargs=argparse.REMAINDER, metavar="...",
                          help=_("options for render, e.g. -o out --format pdf"))


def _completion_options(completion: argparse.ArgumentParser) -> None:
    completion.add_argument("shell", choices=("bash", "zsh", "fish", "powershell"), metavar="SHELL",
                            help=_("the shell: bash, zsh, fish or powershell"))


def _command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word, as reportkit's own options take no value (None: --help,
    --version, nothing, or a word that is no command)."""
    first = next(iter(argv), None)
    return first if first is not None and first in _COMMAND_NAMES else None


_COMMAND_NAMES = ("render", "validate", "new", "collect", "new-return", "export", "fonts", "editions", "watch",
                  "completion")


def _whole_number(option: str) -> Callable[[str], int]:
    """argparse's type for ``option``: a whole number, or a DataError in reportkit's words (one line, exit 2)
    instead of argparse's "invalid int value"."""
    def parsed(text: str) -> int:
        try:
            return int(text)
        except ValueError:
            raise DataError(option, "", _("expected a whole number, got {value}", value=show(text))) from None

    return parsed


def _folder_name(text: str) -> Path:
    """argparse's type for new's FOLDER: not empty (``new ''`` would write into the current folder)."""
    if not text.strip():
        raise DataError("FOLDER", "", _("must not be empty"))
    return Path(text)


def _loudness_options(command: argparse.ArgumentParser, verbose: str, quiet: str | None = None) -> None:
    loudness = command.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help=quiet or _("print errors only"))
    loudness.add_argument("-v", "--verbose", action="store_true", help=verbose)


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _jobs_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("-j", "--jobs", type=_whole_number("--jobs"), default=cores(), metavar="N",
                         help=_("worker processes for several reports (default: the cores, %(default)s)"))


def _tasks(args: argparse.Namespace, outputs: list[list[tuple[str, Path]]] | None = None) -> list[Task]:
    files = report_files(args.files)
    if args.previous is not None and len(files) > 1:
        raise DataError("--previous", "", _("names last year's report of one report, but {count} are given",
                                            count=len(files)))
    if args.jobs < 1:
        raise DataError("--jobs", "", _("expected a number of worker processes >= 1, got {jobs}", jobs=args.jobs))
    return [Task(file, templates=args.templates, previous=args.previous, force=getattr(args, "force", False),
                 strict=args.strict, as_json=getattr(args, "format", "") == "json",
                 output=getattr(args, "format", None) or "table",
                 accepted=getattr(args, "accepted", False) or (args.command == "validate" and args.verbose),
                 verbose=getattr(args, "verbose", False), quiet=getattr(args, "quiet", False))
            for file in files]


def _run(args: argparse.Namespace, job: Callable[[Task], Outcome], tasks: list[Task], label: str) -> list[Outcome]:
    quiet = getattr(args, "quiet", False)
    error = error_prefix()
    say = (lambda line: _say(line) if line.startswith(error) else None) if quiet else _say
    outcomes = run(job, tasks, args.jobs, progress=len(tasks) > 1 and sys.stderr.isatty() and not quiet, say=say,
                   label=label)
    for outcome in outcomes:
        # printed once each, with this process's own, by main(), after the error lines: so not those of a render
        # that wrote nothing (a font substituted in files never written is no news after "nothing written")
        if outcome.written or job is not render_job:
            args.relayed += outcome.warnings
    return outcomes


def _validate(args: argparse.Namespace) -> int:
    outcomes = _run(args, check, _tasks(args), _("checking"))
    if args.format == "json" and len(outcomes) > 1:
        print("[\n" + ",\n".join(o.report for o in outcomes if o.report) + "\n]")
    else:
        for outcome in outcomes:
            if outcome.report:
                print(outcome.report)
    if len(outcomes) > 1 and args.format != "json":
        summary(outcomes, pages=False)
    return max(o.status for o in outcomes)


def _render(args: argparse.Namespace) -> int:
    tasks = _tasks(args)
    formats = chosen_formats(args.format, args.output)
    paths = output_paths([task.file for task in tasks], formats, args.output)
    tasks = [attrs.evolve(task, outputs=tuple((fmt.name, path) for fmt, path in zip(formats, planned, strict=True)))
             for task, planned in zip(tasks, paths, strict=True)]
    outcomes = _run(args, render_job, tasks, _("rendering"))
    if len(outcomes) == 1:
        # After the warnings (main prints them): what was written is the last thing the user reads.
        args.closing += [_("wrote {file}", file=path) for path in outcomes[0].written]
    else:
        summary(outcomes, pages=any(fmt.counted for fmt in formats))
        written = [path for o in outcomes for path in o.written]
        reports = sum(1 for o in outcomes if o.written)
        # after the warnings, as for one report
        args.closing.append(
            _n("wrote {count} file of {reports} reports to {folder}", "wrote {count} files of {reports} reports to "
               "{folder}", len(written), reports=reports, folder=args.output) if args.output else
            _n("wrote {count} file of {reports} reports", "wrote {count} files of {reports} reports", len(written),
               reports=reports))
    return max(o.status for o in outcomes)


def _role_labels() -> dict[str, str]:
    """What each role of ``reportkit fonts`` is (its name is what ``[layout.fonts]`` takes)."""
    return {"title": _("title"), "body": _("body text"), "heading1": _("headings 一、"),
            "heading2": _("headings （一）"), "heading3": _("headings 1."), "heading4": _("headings （1）"),
            "attachment_label": _("the word 附件"), "table": _("tables"), "table_header": _("table headers"),
            "page_number": _("page numbers"), "latin": _("Latin letters and digits")}


def _fonts(args: argparse.Namespace) -> int:
    if args.fontconfig:
        print(fontconfig_file())
        return EXIT_OK
    configured = load_report(args.file).layout.fonts if args.file else None
    fonts = resolve_all(warn=False, configured=configured)
    rare = _("rare characters")
    width = max(_columns(text) for text in [rare, *(role.value for role in fonts)])
    known = _role_labels()
    labels = {role: known.get(role.value, "") for role in fonts}
    label = max(_columns(text) for text in labels.values())
    family = max(_columns(font.face.family) for font in fonts.values())
    for role, font in fonts.items():
        note = {"official": "", "user": _("  (your choice)")}.get(font.source,
                                                                  _("  (instead of {font})", font=font.wanted))
        index = f" #{font.face.index}" if font.face.index else ""
        print(f"{_padded(role.value, width)}  {_padded(labels[role], label)}  {_padded(font.face.family, family)}  "
              f"{font.face.path}{index}{note}")
    chain = listing(face.family for face in glyph_fallbacks()) or _("none installed")
    print(f"{_padded(rare, width + 2 + label)}  {chain}")
    return EXIT_OK


def _collect(args: argparse.Namespace) -> int:
    from reportkit.report.collect import collect, collected_toml, written_by_collect

    if args.output.suffix.lower() not in (".toml", ".xlsx"):
        raise DataError(str(args.output), "", _("the figures are written as TOML or as a workbook: give the file a "
                                                ".toml or an .xlsx name"))
    if any(path.resolve() == args.output.resolve() for path in args.returns):
        raise DataError(str(args.output), "", _("is one of the returns; write the sum to a file of its own"))
    writable(args.output)
    if args.output.exists() and not written_by_collect(args.output) and not args.force:
        raise DataError(str(args.output), "", _("exists and is not a figures file collect wrote (a report's data "
                                                "file?); write the sum to a file of its own, or replace it with "
                                                "--force"))
    collected = collect(args.returns)
    edition = REGISTRY.lookup(collected.edition, str(args.returns[0]))
    findings = [(r, f) for r in collected.returns for f in validate_figures(edition, r.figures)]
    for unit_return, finding in findings:
        _say(labelled(finding.severity, f"{unit_return.source}: {unit_return.unit}: [{finding.rule}] "
                                        f"{finding.message}"))
    if any(f.severity is Severity.ERROR for __, f in findings) and not args.force:
        _say(_("error: {message}", message=_("a return's figures have errors; nothing written (fix them, or "
                                               "collect anyway with --force)")))
        return EXIT_BAD_INPUT
    if args.output.suffix.lower() == ".xlsx":
        from reportkit.workbook.collected import collected_workbook  # openpyxl only for a workbook

        data = collected_workbook(collected, [(r.unit, f) for r, f in findings], collected.year)
    else:
        data = collected_toml(collected).encode("utf-8")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(args.output, data)
    _say(_n("wrote {file}: the figures of {count} return added up (edition {edition})",
            "wrote {file}: the figures of {count} returns added up (edition {edition})", len(collected.returns),
            file=args.output, edition=collected.edition))
    if collected.pending:
        units = dict.fromkeys(unit for waiting in collected.pending.values() for unit in waiting)
        _say(_n("{count} cell is still {pending}, waiting for: {units}",
                "{count} cells are still {pending}, waiting for: {units}", len(collected.pending), pending=PENDING,
                units=listing(units)))
    report = _report_beside(args.output)
    if report is None:
        _say(_('the report file takes these figures with stats = "PATH", the path of this file from the report\'s '
               'folder'))
    else:
        _say(_('{report} takes these figures with the line stats = "{path}"', report=report,
               path=_relative(args.output, report)))
    return EXIT_OK


def _report_beside(output: Path) -> Path | None:
    """The report a figures file is for, when there is no doubt: report.toml (.yaml, .json) in the current folder,
    else in the folder of ``output`` or the one above it (``collect returns/*.xlsx -o stats.xlsx`` in a project)."""
    for folder in dict.fromkeys((Path("."), output.parent, output.parent.parent)):
        found = [folder / f"report{suffix}" for suffix in DATA_SUFFIXES if (folder / f"report{suffix}").is_file()]
        if found:
            return found[0]
    return None


def _relative(target: Path, report: Path) -> str:
    """How ``report`` names ``target`` (stats = "..."): relative to the report's folder, with forward slashes."""
    try:
        return Path(os.path.relpath(target.resolve(), report.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return target.resolve().as_posix()


def _new_return(args: argparse.Namespace) -> int:
    from reportkit.report.collect import blank_return

    _check_name(args.unit, "--unit")
    REGISTRY.use_project(args.file.parent)
    edition = REGISTRY.choose(args.edition, args.year)
    writable(args.file)
    if args.file.exists():
        raise DataError(str(args.file), "", _("exists already; a return is never overwritten"))
    suffix = args.file.suffix.lower()
    if suffix not in (".toml", ".xlsx"):
        raise DataError(str(args.file), "", _("a return is a workbook (.xlsx) or a TOML file (.toml)"))
    args.file.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        from reportkit.workbook.write import return_workbook  # openpyxl only for a workbook

        data = return_workbook(edition, args.unit, args.year)
        done = _("wrote {file}: {unit}'s return (edition {edition}) with every figure cell empty, to fill in",
                 file=args.file, unit=args.unit, edition=edition.name)
    else:
        listed = _listed(edition, args.file.parent)
        data = blank_return(args.unit, edition.name, listed).encode("utf-8")
        done = _("wrote {file}: {unit}'s return (edition {edition}) with every figure {pending}", file=args.file,
                 unit=args.unit, edition=edition.name, pending=PENDING)
    write_atomic(args.file, data)
    _say(done)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".xlsx":
        raise DataError(str(args.output), "", _("export writes a workbook: give the file an .xlsx name"))
    writable(args.output)
    report = load_report(args.file)
    from reportkit.workbook.write import export_workbook  # openpyxl only for a workbook

    data = export_workbook(report.edition_info, report.stats, report.meta.county, report.meta.year)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(args.output, data)
    _say(_('wrote {file}: the tables of {report} (edition {edition}); a report takes these figures with the line '
           'stats = "{path}"', file=args.output, report=args.file, edition=report.edition,
           path=_relative(args.output, args.file)))
    return EXIT_OK


def _listed(edition: Edition, folder: Path) -> tuple[str, ...]:
    """How a new file in ``folder`` names the folder of ``edition`` (``editions = [...]``): not at all when
    reportkit, an installed package or the ``editions/`` folder beside it provides it."""
    if edition.folder is None or edition.source != str(edition.folder):
        return ()
    if edition.folder.resolve().parent == (folder / "editions").resolve():
        return ()
    return (Path(os.path.relpath(edition.folder.resolve(), folder.resolve())).as_posix(),)


def _editions(args: argparse.Namespace) -> int:
    if args.file is not None:
        load_report(args.file)  # registers the editions of its project
    rows = [(e.name, years_text(e), f"{e.title}（{e.document}）" if e.document else e.title,
             e.source + (_(", extends {edition}", edition=e.base) if e.base else "")) for e in REGISTRY.editions()]
    widths = [max(len(row[k]) for row in rows) for k in range(2)]
    for name, years, title, source in rows:
        print(f"{name:<{widths[0]}}  {years:<{widths[1]}}  {title}  [{source}]")
    return EXIT_OK


def _check_name(text: str, option: str) -> None:
    problem = name_problem(text)
    if problem:
        raise DataError(option, "", f"{text!r} {problem}")


def _new(args: argparse.Namespace) -> int:
    _check_name(args.county, "--county")
    if not 1900 <= args.year <= 9999:  # a report file holds its dates as YYYY-MM-DD
        raise DataError("--year", "", _("{year} is not a reporting year (1900 to 9999)", year=args.year))
    if args.folder.exists() and not args.folder.is_dir():
        raise DataError(str(args.folder), "", _("is a file; give the folder to make the project in"))
    writable(args.folder / "report.toml")
    REGISTRY.use_project(args.folder)
    edition = REGISTRY.choose(args.edition, args.year)
    notes: list[str] = []  # said once the project is made: a refusal is one line
    if not covers(edition, args.year):
        notes.append(_("edition {edition} is the format for {years} reports; a {year} report follows edition "
                       "{current}", edition=edition.name, years=years_text(edition), year=args.year,
                       current=edition_for_year(args.year) or _("(none known)")))
    this_year = dt.date.today().year
    if args.year > this_year:  # a report is on a year that has ended: 2099 for 2019 or 2029 is a slip
        notes.append(_("{year} has not ended yet (this is {current}); a report is on the year before it is "
                       "published: check --year", year=args.year, current=this_year))
    from reportkit.report.scaffold import new_project  # jinja2's parser, only to make a project

    try:
        written = new_project(args.folder, args.county, args.year, edition.name, _listed(edition, args.folder))
    except FileExistsError as exc:
        _say(_("error: {message}", message=exc))
        return EXIT_BAD_INPUT
    for note in notes:
        _say(_("warning: {message}", message=note))
    for path in written:
        _say(_("wrote {file}", file=path))
    _say(_("next: fill in {file}, then: reportkit render {file} -o {folder}", file=written[0],
           folder=args.folder / "out"))
    return EXIT_OK


def _tolerant_streams() -> None:
    # A Windows console or pipe in code page 936 (GBK) cannot encode every character a report may hold (𠀀 in
    # a place name): replace what it cannot show rather than stop on a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def _watch(args: argparse.Namespace) -> int:
    from reportkit.watch import watch

    def once() -> None:
        status = main(["render", str(args.file), *args.render_args])
        _say(_("rendered; watching {folder} (Ctrl-C stops)", folder=args.file.parent) if status == EXIT_OK
             else _("not rendered; watching {folder} (Ctrl-C stops)", folder=args.file.parent))

    # render's options, checked now: a mistake in them shows render's usage at once, not after the first round
    with translated():
        _parsed(_parser("render"), ["render", str(args.file), *args.render_args])
    if not args.file.exists():  # a typo'd name: say so once and stop, rather than watch its folder forever
        return main(["render", str(args.file), *args.render_args])
    try:
        watch([args.file.parent.resolve()], once)
    except KeyboardInterrupt:
        _say(_("stopped watching"))
    return EXIT_OK


def _completion(args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode  # the script calls reportkit back (_complete)

    print(shellcode(["reportkit"], shell=args.shell))
    return EXIT_OK


def _complete(parser: argparse.ArgumentParser) -> None:
    # Only when a shell asks for completions (argcomplete's protocol); costs nothing otherwise.
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)


def _parsed(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments; an unknown option is refused with the usage of the command it was given to
    (``reportkit watch FILE --bogus``: render's, which takes watch's options), not reportkit's."""
    args, extra = parser.parse_known_args(argv)
    if extra:
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        name = "render" if args.command == "watch" else args.command
        command: argparse.ArgumentParser = commands.choices[name] if name else parser
        command.error(_("unrecognized arguments: %s") % " ".join(extra))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    with translated():
        # A shell asking for completions (argcomplete) needs every command's options; a run, its own only.
        words = sys.argv[1:] if argv is None else argv
        parser = _parser(None if "_ARGCOMPLETE" in os.environ else _command_named(words))
        _complete(parser)
        try:
            args = _parsed(parser, argv)
        except DataError as exc:  # a value our own type functions refuse (--jobs abc)
            _say(_("error: {message}", message=exc))
            return EXIT_BAD_INPUT
        if args.command is None:
            # A bare ``reportkit`` is a usage error (as git's and pip's are): the help goes to stderr, exit 2.
            parser.print_help(sys.stderr)
            return EXIT_BAD_INPUT
    args.relayed = []
    args.closing = []
    with caught_warnings() as caught:
        try:
            command = {"fonts": _fonts, "validate": _validate, "render": _render, "new": _new,
                       "collect": _collect, "new-return": _new_return, "export": _export, "watch": _watch,
                       "completion": _completion, "editions": _editions}[args.command]
            for folder in getattr(args, "editions", []):  # first: every command sees the same registry
                REGISTRY.add_folder(folder)
            status = command(args)
        except (DataError, FontError) as exc:
            _say(_("error: {message}", message=exc))
            return EXIT_BAD_INPUT
        except BrokenPipeError:
            # The reader went away (reportkit completion bash | head): nothing to report, and nothing more to
            # write; stdout points at nothing so that Python's own flush at exit stays quiet too.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_BROKEN_PIPE
        except OSError as exc:
            _say(_("error: {message}", message=cannot_write(exc)))
            return EXIT_BAD_INPUT
        except KeyboardInterrupt:
            _say(_("error: {message}", message=_("interrupted (Ctrl-C); nothing written")))
            return EXIT_INTERRUPTED
    _print_warnings([Relayed(str(w.message), isinstance(w.message, FontSubstitutionWarning)) for w in caught]
                    + args.relayed, args)
    for line in [] if getattr(args, "quiet", False) else args.closing:
        _say(line)
    return status


def program() -> NoReturn:
    """The ``reportkit`` program (``python -m reportkit``): :func:`main`, then exit with its status."""
    # What is imported by now lives as long as the process: frozen, the cyclic collector no longer walks it at
    # every full collection (one of them, while the fonts load, took ~30 ms). Frozen again at the end: the
    # process exits, and Python's collections at exit need not walk everything it made (~50 ms).
    gc.freeze()
    status = main()
    gc.freeze()
    sys.exit(status)


def _print_warnings(messages: Sequence[Relayed], args: argparse.Namespace) -> None:
    """Each distinct warning once; the font substitutions, one line a font, as one line unless --verbose."""
    if getattr(args, "quiet", False):
        return
    texts = list(dict.fromkeys(message.text for message in messages))
    fonts = set(dict.fromkeys(message.text for message in messages if message.font))
    if fonts and not getattr(args, "verbose", False) and args.command in ("render", "watch"):
        texts = [text for text in texts if text not in fonts]
        texts.append(_n("{count} font substituted; see reportkit fonts",
                        "{count} fonts substituted; see reportkit fonts", len(fonts)))
    for text in texts:
        _say(_("warning: {message}", message=text))


if __name__ == "__main__":
    program()
