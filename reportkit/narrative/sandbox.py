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
from reportkit.errors import not_utf8_line, os_reason
from reportkit.i18n import _
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
        raise TemplateFailure(filename, line, _("contains the character {code}, which a report cannot hold; delete it",
                                                code="U+" + format(ord(bad.group()), "04X")))


def read_template(path: str, shown: str | None = None) -> tuple[str, float]:
    """The text of a template file and its modification time; a TemplateFailure names what is wrong, by
    ``shown`` (the name in its folder, as the other template messages give it) where given."""
    name = shown or path
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise TemplateFailure(name, None, _("is not a regular file; a template is a text file"))
        if info.st_size > limit("template_bytes"):
            raise TemplateFailure(name, None, _("is {size} bytes, too large for a template {limit}", size=info.st_size,
                                                limit=exceeded("template_bytes")))
        with open(path, "rb") as handle:
            raw = handle.read(limit("template_bytes") + 1)
    except OSError as exc:
        raise TemplateFailure(name, None, _("cannot read the template: {reason}", reason=os_reason(exc))) from None
    if len(raw) > limit("template_bytes"):
        raise TemplateFailure(name, None, _("is too large for a template {limit}", limit=exceeded("template_bytes")))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateFailure(name, not_utf8_line(raw, exc), _("is not UTF-8 text; save it as UTF-8")) from None
    _check_source(text, name)
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
            raise TemplateFailure(candidate, None, _("leads to {real}, outside the template folder {folder}: a "
                                                     "template is read only from its folder", real=real,
                                                     folder=self.root))
        text, mtime = read_template(real, candidate)
        return text, candidate, lambda: os.path.exists(real) and os.path.getmtime(real) == mtime

    def list_templates(self) -> list[str]:
        """The templates of the folder; a folder with more files than any template folder has is refused."""
        found: list[str] = []
        seen = 0
        for dirpath, _dirnames, filenames in os.walk(self.root, followlinks=False):
            seen += len(filenames) + 1
            if seen > limit("template_files"):
                raise TemplateFailure(self.root, None, _("holds too many files to be a template folder {limit}",
                                                         limit=exceeded("template_files")))
            relative = os.path.relpath(dirpath, self.root)
            for name in filenames:
                found.append(name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"))
        return sorted(found)
