"""What a template may read: regular UTF-8 files inside its template folder, of a bounded size.

Jinja2's FileSystemLoader follows symbolic links, so a folder in a county's templates that links to ``/`` would
let ``{% include %}`` print any file on the machine. Here every template's real path must lie inside the real
path of the folder it was found in.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable

import jinja2
from jinja2.loaders import split_template_path

from reportkit.document.text import FORBIDDEN
from reportkit.limits import exceeded, limit
from reportkit.narrative.errors import TemplateFailure

# Characters no report holds; and the line separators splitlines() breaks on but Jinja2 does not (the line
# numbers would disagree).
_BAD = re.compile(f"{FORBIDDEN.pattern}|[\x85\u2028\u2029]")


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([path, root]) == root


def _check_source(text: str, filename: str) -> None:
    bad = _BAD.search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        raise TemplateFailure(filename, line, f"contains the character U+{ord(bad.group()):04X}, which a report "
                                              "cannot hold; delete it")


def read_template(path: str) -> tuple[str, float]:
    """The text of a template file and its modification time; a TemplateFailure names what is wrong."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateFailure(path, None, "is not a regular file; a template is a text file")
        if info.st_size > limit("template_bytes"):
            raise TemplateFailure(path, None, f"is {info.st_size} bytes, too large for a template "
                                              f"{exceeded('template_bytes')}")
        with open(path, "rb") as handle:
            raw = handle.read(limit("template_bytes") + 1)
    except OSError as exc:
        raise TemplateFailure(path, None, f"cannot read the template: {exc.strerror}") from None
    if len(raw) > limit("template_bytes"):
        raise TemplateFailure(path, None, f"is too large for a template {exceeded('template_bytes')}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateFailure(path, None, f"is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8") from None
    _check_source(text, path)
    return text, info.st_mtime


class FolderLoader(jinja2.FileSystemLoader):
    """Templates of one folder, never a file outside it (through a symbolic link) or a device."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        super().__init__(str(folder), followlinks=False)
        self.root = str(folder)
        self.real_root = os.path.realpath(self.root)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        candidate = os.path.join(self.root, *split_template_path(template))
        if not os.path.lexists(candidate) or os.path.isdir(candidate):
            raise jinja2.TemplateNotFound(template)
        real = os.path.realpath(candidate)
        if not _inside(real, self.real_root):
            raise TemplateFailure(candidate, None, f"leads to {real}, outside the template folder {self.root}: "
                                                   "a template is read only from its folder")
        text, mtime = read_template(real)
        return text, candidate, lambda: os.path.exists(real) and os.path.getmtime(real) == mtime

    def list_templates(self) -> list[str]:
        """The templates of the folder; a folder with more files than any template folder has is refused."""
        found: list[str] = []
        seen = 0
        for dirpath, _, filenames in os.walk(self.root, followlinks=False):
            seen += len(filenames) + 1
            if seen > limit("template_files"):
                raise TemplateFailure(self.root, None, "holds too many files to be a template folder "
                                                       f"{exceeded('template_files')}")
            relative = os.path.relpath(dirpath, self.root)
            for name in filenames:
                found.append(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
        return sorted(found)
