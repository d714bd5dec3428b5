"""The error of a mistake in a file the user gave (a report, a return, an edition): ``FILE: field: message``."""

from __future__ import annotations


class DataError(Exception):
    """A mistake in a data file, located by file and field path."""

    def __init__(self, source: str, path: str, message: str) -> None:
        super().__init__(f"{source}: {path}: {message}" if path else f"{source}: {message}")
        self.source = source
        self.path = path
        self.message = message
