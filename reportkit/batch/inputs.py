"""The report files a command line names (files, folders, glob patterns) and the output file of each.

A folder stands for the report in it (``report.toml``, as ``reportkit new`` makes it), else for the reports
of its sub-folders (``*/report.*``), else for the data files directly in it. Output files are named after
the data file; when several reports share a name (every project's ``report.toml``), each one's output goes
to a sub-folder named as its data file's folder, so that nothing is written twice.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from reportkit.i18n import _
from reportkit.render.formats import ALL, FORMATS, OutputFormat, format_of
from reportkit.report import DataError

DATA_SUFFIXES = (".toml", ".yaml", ".yml", ".json")
DEFAULT_FILE = Path("report.toml")  # what `reportkit render` with no file renders


def _in_folder(folder: Path) -> list[Path]:
    own = [folder / f"report{suffix}" for suffix in DATA_SUFFIXES if (folder / f"report{suffix}").is_file()]
    if own:
        return own[:1]
    projects = sorted(path for suffix in DATA_SUFFIXES for path in folder.glob(f"*/report{suffix}"))
    if projects:
        return projects
    return sorted(path for path in folder.iterdir() if path.is_file() and path.suffix.lower() in DATA_SUFFIXES)


def report_files(names: Sequence[str]) -> list[Path]:
    """The report files ``names`` stand for, in order, each once; a DataError for a name that finds none."""
    if not names:
        if not DEFAULT_FILE.is_file():
            raise DataError(str(DEFAULT_FILE), "", _("no report.toml in the current folder; name the data file, "
                                                     "e.g. reportkit render 青山县/report.toml"))
        return [DEFAULT_FILE]
    found: list[Path] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            files = _in_folder(path)
            if not files:
                raise DataError(name, "", _("is a folder with no report data file (.toml, .yaml, .json) in it"))
        elif path.exists() or not glob.has_magic(name):
            files = [path]  # a missing file is reported by the loader, with the others still done
        else:
            files = sorted(Path(p) for p in glob.glob(name, recursive=True) if Path(p).is_file())
            if not files:
                raise DataError(name, "", _("no file matches this pattern"))
        found += files
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def chosen_formats(names: Sequence[str] | None, output: Path | None) -> tuple[OutputFormat, ...]:
    """The formats to write: those ``--format`` names, else the one of the suffix of ``-o FILE``, else all."""
    named = format_of(output.suffix) if output is not None else None
    if named is not None:
        if names and set(names) != {named.name}:
            raise DataError(str(output), "", _("is a {format} file name, but --format is {formats}",
                                               format=named.name.upper(), formats=" ".join(names)))
        return (named,)
    chosen = ALL if not names or "all" in names else tuple(dict.fromkeys(names))
    return tuple(FORMATS[name] for name in chosen)


def output_paths(files: Sequence[Path], formats: Sequence[OutputFormat],
                 output: Path | None) -> list[list[Path]]:
    """For each report file, where each format writes: the file name without its suffix, which each of the
    format's files (:class:`~reportkit.render.formats.Part`) completes.

    ``output``: a file name whose suffix is a format's (one report only), or a folder (default: the current one).
    """
    if output is not None and format_of(output.suffix) is not None:
        if len(files) > 1:
            raise DataError(str(output), "", _("is one file, but {count} reports are to be written; -o takes a "
                                               "folder for several reports", count=len(files)))
        writable(output)
        return [[output.with_suffix("")]]
    if output is not None and output.suffix and not output.is_dir():
        # -o out/x.txt, -o report.docx.bak: not a format's file, and a folder of that name is surely not meant
        raise DataError(str(output), "", _("is not a file type reportkit writes ({suffixes}), nor a folder",
                                           suffixes=_(", ").join(fmt.suffix for fmt in FORMATS.values())))
    folder = output or Path(".")
    if folder.exists() and not folder.is_dir():
        raise DataError(str(folder), "", _("is not a folder; -o takes the folder to write into, or a file named "
                                           "{names}", names=_(" or ").join(f"*{fmt.suffix}" for fmt in formats)))
    writable(folder / "report")
    stems = [path.stem for path in files]
    shared = {stem for stem in stems if stems.count(stem) > 1}
    bases = [_place(folder, path, files, shared) / path.stem for path in files]
    for k, base in enumerate(bases):
        if base in bases[:k]:  # report.toml and report.yaml in one folder
            other = files[bases.index(base)]
            raise DataError(str(files[k]), "", _("would be written over {other}'s output; render them one at a "
                                                 "time, each with its own -o", other=other))
    return [[base] * len(formats) for base in bases]


def _place(folder: Path, path: Path, files: Sequence[Path], shared: set[str]) -> Path:
    """The folder for ``path``'s output: ``folder`` itself unless another report has the same name; then
    the data file's folder, relative to the folder all the like-named reports share."""
    if path.stem not in shared:
        return folder
    alike = [str(p.resolve().parent) for p in files if p.stem == path.stem]
    common = Path(os.path.commonpath(alike))
    return folder / path.resolve().parent.relative_to(common)


def writable(path: Path) -> None:
    """Refuse at once (a DataError, before anything is rendered) a ``path`` whose folder cannot be made because
    one of the folders on its way is a file: ``-o notes.txt/report.pdf``."""
    for parent in path.parents:
        if parent.exists() or parent.is_symlink():
            if not parent.is_dir():
                raise DataError(str(path), "", _("cannot be written: {parent} is a file, not a folder",
                                                 parent=parent))
            return
