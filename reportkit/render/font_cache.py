"""What reportlab reads from a TrueType file before it can set a line (the character map, the widths, the
glyph locations, the metrics), kept in the user's cache folder and checked against the font file.

reportlab parses every table of the file at each start: 80-100 ms for one CJK font, a third of a one-report
render's start. The cache holds the parsed face, its large tables as raw arrays (a font of 42,000 characters
is ready in ~5 ms: two dicts to build, the rest copied as it is); it is used only while the font file has the
size and modification time it had, with the same reportlab. A cache that cannot be read or written, or that
fails its checksum, is no cache: the font is parsed as before.

A face from the cache reads none of the font file (17 MB for WenQuanYi Zen Hei) at its start: the file is
mapped when reportlab cuts a subset from it, and only the pages of the glyphs used are read (see _KEEP_MAPPED
for how long the mapping is kept). Every face also gives reportlab its glyph table as a window
on the file's data (:func:`_window_glyphs`), not as a copy of 5-15 MB for each subset.

The folder is :func:`reportkit.user_cache.cache_folder` (``REPORTKIT_CACHE_DIR``; ``off``: no cache).
"""

from __future__ import annotations

import contextlib
import fnmatch
import functools
import hashlib
import io
import marshal
import mmap
import os
import struct
import sys
import tempfile
import weakref
import zlib
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import chain
from pathlib import Path
from typing import Any, Protocol
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace, TTFontFile, unShapedFontGlob

from reportkit.fonts import FontError
from reportkit.i18n import _
from reportkit.user_cache import cache_folder

_FORMAT = 3  # of the cache files: raised when what they hold changes
_NOT_KEPT = ("_ttf_data", "_pdfScale", "get_table")  # the file's bytes, a function, our glyph window
_HEAD = struct.Struct("<II")  # a cache file: crc32 of all after it, length of the marshalled header; the arrays
_INT_CODES = ("B", "H", "I", "Q", "q")  # the smallest array type that holds a column's ints is used
_EAGER = ("charToGlyph", "charWidths", "hmetrics", "glyphPos")  # read at once: every render uses them
_LIKE = {"charWidths": "charToGlyph"}  # a dict kept as another's keys and its own values where they differ
_LATER = ("glyphToChar",)  # read only by reportlab's shaping (uharfbuzz, when installed): parsed if ever read

Identity = tuple[str, int, int]  # a font file's real path, size and modification time (ns)


def _identity(path: Path | str) -> Identity:
    real = os.path.realpath(path)
    info = os.stat(real)
    return real, info.st_size, info.st_mtime_ns


def _entry(identity: Identity, index: int) -> tuple[Path, tuple[Any, ...]] | None:
    folder = cache_folder()
    if folder is None:
        return None
    stamp = (*identity, index, reportlab.Version, _FORMAT, marshal.version, sys.byteorder)
    return folder / "fonts" / f"{_digest(identity[0], index, reportlab.Version)}-{_digest(*stamp)}.marshal", stamp


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _forget_older(file: Path) -> None:
    """Delete the cache files this one replaces: of the same font file and reportlab, made before the font
    changed or by another format (their names begin alike), and those named by one hash of 32 hex digits (as
    earlier versions named them; none is read since). The folder then holds one file a font, not one a font
    update."""
    font = file.name.split("-")[0]
    for other in file.parent.glob("*.marshal"):
        stem = other.stem
        older = stem.startswith(f"{font}-") or (len(stem) == 32 and "-" not in stem)
        if older and other != file:
            with contextlib.suppress(OSError):  # another process may have deleted it, or may be reading it
                other.unlink()


def load_font(name: str, path: Path, index: int) -> TTFont:
    """``TTFont(name, path, subfontIndex=index)``, from the cache when it holds this file as it is now."""
    try:
        identity: Identity | None = _identity(path)
    except OSError:
        identity = None  # reportlab says what is wrong with the path
    entry = _entry(identity, index) if identity is not None else None
    font = _cached(name, identity, index, *entry) if identity is not None and entry is not None else None
    if font is None:
        font = TTFont(name, str(path), subfontIndex=index)
        if entry is not None and _unchanged(identity):  # not a file rewritten while it was parsed
            _store(font, *entry)
    _window_glyphs(font.face)
    font.reportkit_file = identity
    return font


def unchanged(font: Any) -> bool:
    """Whether the file of a font :func:`load_font` made still has the size and time it had then (a font
    replaced while ``reportkit watch`` runs is loaded again; a face from the cache reads its file)."""
    return _unchanged(getattr(font, "reportkit_file", None))


def _unchanged(identity: Identity | None) -> bool:
    if identity is None:
        return True
    try:
        return _identity(identity[0]) == identity
    except OSError:
        return False


def _window_glyphs(face: Any) -> None:
    """reportlab's ``makeSubset`` takes the whole glyph table (5-15 MB) out of the file's data for every subset
    it embeds (256 characters: a report embeds six or seven), then slices each glyph out of it: the table is
    given as a window here, which slices the glyphs out of the data itself."""
    table = face.get_table

    def get_table(tag: str) -> Any:
        if tag != "glyf":
            return table(tag)
        start, length = face.get_table_pos(tag)
        return _Window(face._ttf_data, start, length)

    face.get_table = get_table


class _Window:
    """``length`` bytes of ``data`` from ``start``, sliced like bytes (the only use reportlab makes of it)."""

    __slots__ = ("_data", "_length", "_start")

    def __init__(self, data: Any, start: int, length: int) -> None:
        self._data, self._start, self._length = data, start, length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, key: slice) -> bytes:
        start, stop = key.start, key.stop
        if key.step is None and start is not None and stop is not None and 0 <= start <= stop <= self._length:
            return bytes(self._data[self._start + start:self._start + stop])  # a glyph: makeSubset's only slice
        return bytes(self._data[self._start:self._start + self._length][key])


# On Windows a file that is open or mapped cannot be replaced or deleted: there a face maps its file for each
# subset and closes it again. Elsewhere it keeps the mapping for as long as it lives: a batch's subsets then find
# their glyphs' pages mapped already (mapping them again costs 0.3 ms a subset), and a font file replaced by a
# new one (a rename, as installers and editors do) leaves the old one whole for the face that describes it.
_KEEP_MAPPED = sys.platform != "win32"


class _Face(TTFontFace):  # type: ignore[misc]  # reportlab has no types
    """A face made from the cache: reportlab's own, but its file is mapped when a subset is first cut (see
    _KEEP_MAPPED), and what only shaping reads is unpacked when first read."""

    reportkit_identity: Identity
    reportkit_later: dict[str, Callable[[], Any]]
    reportkit_mapped: Any = None  # the file's data while a subset is cut
    reportkit_kept: _Mapped | None = None

    @property
    def _ttf_data(self) -> Any:
        """The file's data, as reportlab's readers take it: the mapping while a subset is cut, else (for
        uharfbuzz, which shapes from the whole file) the file's bytes."""
        if self.reportkit_mapped is not None:
            return self.reportkit_mapped
        mapped = _Mapped(self.reportkit_identity, whole=True)
        try:
            return mapped.data
        finally:
            mapped.close()

    def makeSubset(self, subset: Sequence[int]) -> bytes:  # reportlab's name
        mapped = self._mapped()
        self.reportkit_mapped = mapped.data
        try:
            return bytes(super().makeSubset(subset))
        finally:
            self.reportkit_mapped = None
            if mapped is not self.reportkit_kept:
                mapped.close()

    def _mapped(self) -> _Mapped:
        kept = self.reportkit_kept
        if kept is not None:
            kept.check()  # a file rewritten in place since: its glyphs are no longer where the face says
            return kept
        mapped = _Mapped(self.reportkit_identity)
        if _KEEP_MAPPED:
            self.reportkit_kept = mapped
            weakref.finalize(self, mapped.close)
        return mapped

    def __getattr__(self, name: str) -> Any:
        later = self.__dict__.get("reportkit_later", {})
        if name not in later:
            raise AttributeError(name)
        value = later.pop(name)()
        setattr(self, name, value)
        return value


class _Mapped:
    """A face's font file, open and mapped (read whole where it cannot be mapped, or for uharfbuzz, which is not
    a dependency and may want bytes), refused if it is no longer the file the face was made from."""

    def __init__(self, identity: Identity, whole: bool = False) -> None:
        self.identity = identity
        self.file = open(identity[0], "rb")  # noqa: SIM115  # closed by close(), when the face is done with it
        try:
            self.check()
            self.data: Any = self._data(whole or ttfonts.uharfbuzz is not None)
        except BaseException:
            self.file.close()
            raise

    def _data(self, whole: bool) -> Any:
        if not whole:
            with contextlib.suppress(OSError, ValueError):  # a file system that cannot map files
                return mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        return self.file.read()

    def check(self) -> None:
        real, size, mtime = self.identity
        info = os.fstat(self.file.fileno())
        if (info.st_size, info.st_mtime_ns) != (size, mtime):
            raise FontError(_("{path} changed while the report was rendered; render it again", path=real))

    def close(self) -> None:
        if not isinstance(self.data, bytes):  # a mapping
            self.data.close()
        self.file.close()


def _cached(name: str, identity: Identity, index: int, file: Path, stamp: tuple[Any, ...]) -> TTFont | None:
    try:
        face = _face(file.read_bytes(), stamp, identity, index)
    except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, OverflowError, struct.error):
        return None  # no cache file, or one this code did not write whole (the checksum guards its arrays)
    if face is None:
        return None
    # TTFont.__init__, with the face made above
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch.fnmatch(name, glob) for glob in unShapedFontGlob)
    return font


def _face(data: bytes, stamp: tuple[Any, ...], identity: Identity, index: int) -> _Face | None:
    crc, length = _HEAD.unpack_from(data)
    if zlib.crc32(memoryview(data)[4:]) != crc:
        return None
    kept, state, names, columns = marshal.loads(memoryview(data)[_HEAD.size:_HEAD.size + length])
    if kept != stamp:
        return None
    blob = memoryview(data)[_HEAD.size + length:]
    face = _Face.__new__(_Face)
    pdfmetrics.TypeFace.__init__(face, None)
    face.__dict__.update(state)
    for key in names:
        setattr(face, key, TTFNameBytes(state[key]))
    for key in _EAGER:
        if key in columns:
            setattr(face, key, _unpack(columns[key], blob, face))
    face.reportkit_later = {key: functools.partial(_parsed, identity, index, key) for key in columns["later"]}
    face.reportkit_identity = identity
    per_unit = 1000 / face.unitsPerEm  # as TTFontFile.extractInfo scales
    face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * per_unit)
    return face


def _parsed(identity: Identity, index: int, key: str) -> Any:
    """An attribute of reportlab's own parse of the file (half of a cache file's size, for what only shaping
    reads: parsed once a process if ever)."""
    mapped = _Mapped(identity, whole=True)  # refused if the file is no longer the one the face was made from
    try:
        data = mapped.data
    finally:
        mapped.close()
    return getattr(TTFontFile(io.BytesIO(data), subfontIndex=index), key)


def _store(font: TTFont, file: Path, stamp: tuple[Any, ...]) -> None:
    state = {key: value for key, value in vars(font.face).items() if key not in _NOT_KEPT}
    names = [key for key, value in state.items() if isinstance(value, TTFNameBytes)]
    for key in names:
        state[key] = bytes(state[key])
    blob = bytearray()
    columns: dict[str, Any] = {}
    whole = dict(state)
    for key in _EAGER:
        packed = _pack_like(whole, key, blob) or _pack(whole.get(key), blob)
        if packed is not None:  # else marshal keeps it as it is
            columns[key] = packed
            del state[key]
    columns["later"] = [key for key in _LATER if state.pop(key, None) is not None]
    try:
        header = marshal.dumps((stamp, state, names, columns))
    except ValueError:  # something marshal cannot hold (another reportlab): no cache for this font
        return
    rest = struct.pack("<I", len(header)) + header + blob
    _write(file, struct.pack("<I", zlib.crc32(rest)) + rest)


def _write(file: Path, payload: bytes) -> None:
    temporary = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(temporary, file)  # whole or not at all, even with another process writing it too
        temporary = None
        _forget_older(file)
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


# The large tables as arrays. A column is a list of numbers: its ints, then its floats (reportlab's lists are
# so: widths scaled to 1/1000 em are floats, the glyph numbers and positions ints; the advances of a font's
# last glyphs are floats after ints). A dict is its keys' column and its values'; the metrics two columns.

def _pack_like(state: dict[str, Any], key: str, blob: bytearray) -> tuple[Any, ...] | None:
    """The widths as the character map's keys with the most common width, and the other widths: a dict made
    from another dict's keys is made whole at once, not grown key by key (4 of the 5 ms for 42,000 widths)."""
    value, like = state.get(key), _LIKE.get(key)
    other = state.get(like) if like else None
    if type(value) is not dict or type(other) is not dict or not value or value.keys() != other.keys():
        return None
    common = max(_counts(value.values()).items(), key=lambda item: item[1])[0][1]
    rest = {k: v for k, v in value.items() if type(v) is not type(common) or v != common}
    packed = _pack(rest, blob)
    return None if packed is None else ("like", like, common, packed)


def _counts(values: Iterable[Any]) -> dict[tuple[type, Any], int]:
    counts: dict[tuple[type, Any], int] = {}
    for value in values:
        counts[type(value), value] = counts.get((type(value), value), 0) + 1
    return counts


def _pack(value: Any, blob: bytearray) -> tuple[Any, ...] | None:
    """``value`` as arrays appended to ``blob``, and how to read them back (:func:`_unpack`); None (and
    ``blob`` as it was) when it is not of the shapes above."""
    start = len(blob)
    packed = _pack_shape(value, blob)
    if packed is None:
        del blob[start:]
    return packed


def _pack_shape(value: Any, blob: bytearray) -> tuple[Any, ...] | None:
    if type(value) is dict:
        keys, values = _pack_numbers(list(value), blob), _pack_numbers(list(value.values()), blob)
        return None if keys is None or values is None or keys[3] else ("dict", keys, values)
    if type(value) is list and value and all(type(item) is tuple and len(item) == 2 for item in value):
        first = _pack_numbers([item[0] for item in value], blob)
        second = _pack_numbers([item[1] for item in value], blob)
        return None if first is None or second is None else ("pairs", first, second)
    if type(value) is list:
        numbers = _pack_numbers(value, blob)
        return None if numbers is None else ("list", numbers)
    return None


def _pack_numbers(values: list[Any], blob: bytearray) -> tuple[str, int, int, int, int] | None:
    """(typecode of the ints, its item size, how many ints, how many floats after them, offset in blob)."""
    split = next((i for i, v in enumerate(values) if type(v) is not int), len(values))
    if not all(type(v) is float for v in values[split:]):
        return None
    ints = _ints(values[:split])
    if ints is None:
        return None
    offset = len(blob)
    blob += ints.tobytes()
    blob += array("d", values[split:]).tobytes()
    return ints.typecode, ints.itemsize, len(ints), len(values) - split, offset


def _ints(values: list[int]) -> array[int] | None:
    for code in _INT_CODES:
        with contextlib.suppress(OverflowError):
            return array(code, values)
    return None


def _unpack(packed: tuple[Any, ...], blob: memoryview, face: Any) -> Any:
    kind = packed[0]
    if kind == "like":
        _kind, like, common, rest = packed
        made = dict.fromkeys(getattr(face, like), common)
        made.update(_unpack(rest, blob, face))
        return made
    if kind == "dict":
        keys, floats = _unpack_numbers(packed[1], blob)
        values = _unpack_numbers(packed[2], blob)
        if floats or len(keys) != len(values[0]) + len(values[1]):
            raise ValueError("a dict's keys are not ints, or differ in number from its values")
        return dict(zip(keys, chain(*values), strict=True))
    if kind == "pairs":
        first, second = (_joined(*_unpack_numbers(column, blob)) for column in packed[1:])
        if len(first) != len(second):
            raise ValueError("pairs of two columns that differ in length")
        return _Pairs(first, second)
    return _joined(*_unpack_numbers(packed[1], blob))


def _unpack_numbers(packed: tuple[str, int, int, int, int], blob: memoryview) -> tuple[array[Any], array[float]]:
    code, size, count, floats, offset = packed
    ints: array[Any] = array(code)
    if ints.itemsize != size:
        raise ValueError("another size of integers")
    end = offset + size * count
    ints.frombytes(blob[offset:end])
    tail = array("d")
    tail.frombytes(blob[end:end + tail.itemsize * floats])
    if (len(ints), len(tail)) != (count, floats):
        raise ValueError("a column cut short")
    return ints, tail


def _joined(ints: array[Any], floats: array[float]) -> _Indexed:
    return ints if not floats else _Joined(ints, floats)


class _Indexed(Protocol):
    def __len__(self) -> int: ...

    def __getitem__(self, index: int, /) -> Any: ...


class _Joined:
    """A column of ints then floats, indexed as the one list it was."""

    __slots__ = ("_floats", "_ints")

    def __init__(self, ints: array[Any], floats: array[float]) -> None:
        self._ints, self._floats = ints, floats

    def __len__(self) -> int:
        return len(self._ints) + len(self._floats)

    def __getitem__(self, index: int) -> Any:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._ints[index] if index < len(self._ints) else self._floats[index - len(self._ints)]


class _Pairs:
    """reportlab's ``hmetrics`` (a list of (advance, left side bearing)) from two columns."""

    __slots__ = ("_first", "_second")

    def __init__(self, first: _Indexed, second: _Indexed) -> None:
        self._first, self._second = first, second

    def __len__(self) -> int:
        return len(self._first)

    def __getitem__(self, index: int) -> tuple[Any, Any]:
        return self._first[index], self._second[index]
