"""What reportlab reads from a TrueType file before it can set a line (the character map, the widths, the
glyph locations, the metrics), kept in the user's cache folder and checked against the font file.

reportlab parses every table of the file at each start: 80-100 ms for one CJK font, a third of a one-report
render's start. The cache holds the parsed face (not the file's bytes, which are read again: subsets are cut
from them); it is used only while the font file has the size and modification time it had, with the same
reportlab. A cache that cannot be read or written is no cache: the font is parsed as before.

``REPORTKIT_CACHE_DIR`` names the folder (``off``: no cache); else ``$XDG_CACHE_HOME/reportkit``,
``~/.cache/reportkit`` (``%LOCALAPPDATA%\\reportkit`` on Windows).
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, unShapedFontGlob

from reportkit.user_cache import cache_folder

_FORMAT = 1  # of the cache files: raised when what they hold changes
_NOT_KEPT = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a function (made again)


def _entry(path: Path, index: int) -> tuple[Path, tuple[Any, ...]] | None:
    folder = cache_folder()
    if folder is None:
        return None
    real = os.path.realpath(path)
    info = os.stat(real)
    stamp = (real, index, info.st_size, info.st_mtime_ns, reportlab.Version, _FORMAT, marshal.version)
    name = hashlib.sha256(repr(stamp).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return folder / "fonts" / f"{name}.marshal", stamp


def load_font(name: str, path: Path, index: int) -> TTFont:
    """``TTFont(name, path, subfontIndex=index)``, from the cache when it holds this file as it is now."""
    try:
        entry = _entry(path, index)
    except OSError:
        entry = None
    if entry is not None:
        font = _cached(name, path, *entry)
        if font is not None:
            return font
    font = TTFont(name, str(path), subfontIndex=index)
    if entry is not None:
        _store(font, *entry)
    return font


def _cached(name: str, path: Path, file: Path, stamp: tuple[Any, ...]) -> TTFont | None:
    try:
        kept, state, names = marshal.loads(file.read_bytes())
        if kept != stamp or not isinstance(state, dict) or not isinstance(state.get("charToGlyph"), dict):
            return None
        with open(path, "rb") as handle:
            data = handle.read()
    except (OSError, ValueError, EOFError, TypeError):
        return None
    face = TTFontFace.__new__(TTFontFace)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(state)
    for key in names:
        setattr(face, key, TTFNameBytes(state[key]))
    face._ttf_data = data
    per_unit = 1000 / face.unitsPerEm  # as TTFontFile.extractInfo scales
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * per_unit)
    # TTFont.__init__, with the face made above
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch.fnmatch(name, glob) for glob in unShapedFontGlob)
    return font


def _store(font: TTFont, file: Path, stamp: tuple[Any, ...]) -> None:
    state = {key: value for key, value in vars(font.face).items() if key not in _NOT_KEPT}
    names = [key for key, value in state.items() if isinstance(value, TTFNameBytes)]
    for key in names:
        state[key] = bytes(state[key])
    try:
        payload = marshal.dumps((stamp, state, names))
    except ValueError:  # something marshal cannot hold (another reportlab): no cache for this font
        return
    temporary = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temporary, file)  # whole or not at all, even with another process writing it too
        temporary = None
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
