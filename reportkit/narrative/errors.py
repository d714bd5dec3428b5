"""What can go wrong with a county's templates."""

from __future__ import annotations

from reportkit.i18n import _


class TemplateFailure(Exception):
    """A template that cannot be rendered: the file, the line and what is wrong."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        super().__init__(_("{file}: line {line}: {message}", file=file, line=line, message=message) if line
                         else _("{file}: {message}", file=file, message=message))
        self.file, self.line, self.message = file, line, message


class TemplateWarning(UserWarning):
    """A county template that changes nothing: a file no template includes."""
