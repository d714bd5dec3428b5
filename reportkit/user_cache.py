"""The user's cache folder: what reportkit keeps between runs to start faster (parsed fonts, the word index).

``REPORTKIT_CACHE_DIR`` names the folder (``off``: no cache); else ``$XDG_CACHE_HOME/reportkit``,
``~/.cache/reportkit`` (``%LOCALAPPDATA%\\reportkit`` on Windows). Everything in it can be deleted at any
time: it is made again when needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_folder() -> Path | None:
    chosen = os.environ.get("REPORTKIT_CACHE_DIR")
    if chosen:
        # absolute: a relative folder would name another place after a change of folder (and SQLite needs a URI)
        return None if chosen.strip().lower() == "off" else Path(chosen).absolute()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "reportkit"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "reportkit"
