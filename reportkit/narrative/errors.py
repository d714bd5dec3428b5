"""What can go wrong with a county's templates."""

from __future__ import annotations


class TemplateFailure(Exception):
    """A template that cannot be rendered: the file, the line and what is wrong."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        where = f"{file}: line {line}" if line else file
        super().__init__(f"{where}: {message}")
        self.file, self.line, self.message = file, line, message


class TemplateWarning(UserWarning):
    """A county template that changes nothing: a file no template includes."""
