"""Writing output files: all of them or none, and the same bytes on every run.

The one place reportkit writes what it made (DOCX, PDF, HTML, collected figures, new projects)::

    write_outputs([(Path("out/report.docx"), docx), (Path("out/report.pdf"), pdf)])

writes every file to a temporary file beside its target (``.report.docx.<pid>.<random>.tmp``), then renames
them onto the targets. If anything fails, or Ctrl-C comes, the targets replaced so far get their old files
back, new targets are removed, and :class:`OutputError` names the target that failed: the old pair stays as it
was, never last year's PDF beside this year's DOCX. Temporary files a killed run left beside a target (their
process is gone) are removed first. The target folders must exist.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import os
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from reportkit.errors import ReportkitError, os_reason
from reportkit.i18n import _

# 1980-01-01, the earliest time a zip entry can carry: the same bytes on every run.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def file_date(created: dt.date | None) -> dt.datetime:
    """The date both a DOCX and a PDF carry as created and modified: the document's own date (a report's
    成文日期, else the end of its period), midnight UTC, else 1980-01-01 -- never the clock, and never
    SOURCE_DATE_EPOCH: the same data gives the same bytes on any machine, in either format."""
    day = created or dt.date(1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
_STALE_SECONDS = 600  # a temporary file without a process id in its name (an older reportkit's) is stale after


# Why a file could not be read or written, said to a person: one place for it, reportkit.errors.os_reason.
reason = os_reason


class OutputError(ReportkitError, OSError):
    """A target that could not be written: ``filename`` is the target, ``strerror`` why (in the user's language),
    ``errno`` the system's reason where there is one."""

    def __init__(self, target: Path, reason: str, code: int | None = None) -> None:
        super().__init__(code or 0, reason, str(target))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale(target: Path) -> None:
    """Remove the temporary files of ``target`` that a killed run left (their process no longer runs)."""
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
                continue
            pid = entry.name[len(prefix):].split(".", 1)[0]
            if pid.isdigit():
                stale = not _alive(int(pid))
            else:
                stale = time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS
            if stale:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _temporary(target: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _backup(target: Path) -> str:
    """A hard link to the old file, so that it can be put back; a copy where links are not allowed."""
    import secrets  # only when a file is replaced

    backup = target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
    try:
        os.link(target, backup, follow_symlinks=False)
    except OSError:
        return _temporary(target, target.read_bytes())
    return str(backup)


def write_outputs(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every ``(target, bytes)`` or none of them; an :class:`OutputError` names the failing target."""
    targets = [Path(path) for path, _ in files]
    for target in targets:
        remove_stale(target)
        if target.is_dir():
            raise OutputError(target, _("is a folder"), errno.EISDIR)
    temps: dict[Path, str] = {}
    backups: dict[Path, str] = {}
    replaced: list[Path] = []
    current = targets[0] if targets else Path()
    try:
        for current, (_target, data) in zip(targets, files, strict=True):
            temps[current] = _temporary(current, data)
        for current in targets:
            if current.exists():
                backups[current] = _backup(current)
        for current in targets:
            os.replace(temps[current], current)
            del temps[current]
            replaced.append(current)
    except BaseException as exc:
        for target in reversed(replaced):  # put the old files back; a new target goes again
            with contextlib.suppress(OSError):
                if target in backups:
                    os.replace(backups.pop(target), target)
                else:
                    target.unlink()
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            raise OutputError(current, reason(exc), exc.errno) from None
        raise
    finally:
        for leftover in [*temps.values(), *backups.values()]:
            with contextlib.suppress(OSError):
                os.unlink(leftover)


def write_atomic(path: str | Path, data: bytes) -> None:
    """One file, all or nothing (:func:`write_outputs`)."""
    write_outputs([(Path(path), data)])


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip (a DOCX) with fixed timestamps and a fixed part order, [Content_Types].xml first."""
    import zipfile  # a DOCX's: not for a PDF

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return zip_parts({name: source.read(name) for name in source.namelist()})


def zip_parts(parts: Mapping[str, bytes]) -> bytes:
    """A zip of ``parts`` (name -> bytes) as :func:`normalise_zip` writes it."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, parts[name])
    return out.getvalue()
