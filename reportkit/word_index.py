"""jieba's dictionary looked up entry by entry from an index in the user's cache, instead of loaded whole.

Cutting a title with jieba means loading its dictionary first: some 500,000 words and prefixes, about a second
of processor time and 90 MB, in every process that breaks a title (each CLI run of a county whose title is
too long for one line, each batch worker). A cut reads only the entries for the substrings of its own text, a
few hundred. The dictionary jieba builds (``Tokenizer.gen_pfdict``) is written once to an SQLite file in the
cache folder (:mod:`reportkit.user_cache`), named after jieba's dictionary file as it is now (path, size,
modification time); each cut then looks up its substrings. Without a cache folder (``REPORTKIT_CACHE_DIR=off``,
a folder that cannot be written, a Python without sqlite3) the dictionary is loaded whole, once a process.

:func:`cut` is jieba's ``Tokenizer.cut(text, HMM=False)`` (jieba 0.42) over a dictionary given as a mapping;
tests/test_titles.py holds it to jieba's own cut.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import logging
import math
import os
import re
import tempfile
from collections import ChainMap
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from reportkit.user_cache import cache_folder

_FORMAT = 1  # of the index files: raised when what they hold changes
ADDED_FREQUENCY = 100000  # of a word the caller adds (a county's name): above any in jieba's dictionary
_BATCH = 500  # substrings looked up in one query (older SQLite allows 999 parameters)

# jieba's re_han_default, re_skip_default and re_eng: what it cuts with its dictionary, what it splits on
_HAN = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile(r"(\r\n|\s)")
_ENG = re.compile("[a-zA-Z0-9]")


def cut(text: str, freq: Mapping[str, int], total: int) -> Iterator[str]:
    """The words of ``text``, as jieba cuts it without its HMM, with the dictionary ``freq`` (frequencies;
    0 for a prefix of a word) and the sum of its frequencies ``total``."""
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            yield from _cut_block(block, freq, total)
            continue
        for part in _SKIP.split(block):
            if _SKIP.match(part):
                yield part
            else:
                yield from part


def _cut_block(sentence: str, freq: Mapping[str, int], total: int) -> Iterator[str]:
    n = len(sentence)
    dag: dict[int, list[int]] = {}
    for k in range(n):  # Tokenizer.get_DAG
        ends, i, frag = [], k, sentence[k]
        while i < n and frag in freq:
            if freq[frag]:
                ends.append(i)
            i += 1
            frag = sentence[k : i + 1]
        dag[k] = ends or [k]
    route: dict[int, tuple[float, int]] = {n: (0, 0)}  # Tokenizer.calc
    log_total = math.log(total)
    for idx in range(n - 1, -1, -1):
        route[idx] = max((math.log(freq.get(sentence[idx : x + 1]) or 1) - log_total + route[x + 1][0], x)
                         for x in dag[idx])
    x, buf = 0, ""
    while x < n:  # Tokenizer.__cut_DAG_NO_HMM: single letters and digits run together
        y = route[x][1] + 1
        word = sentence[x:y]
        if _ENG.match(word) and len(word) == 1:
            buf += word
        else:
            if buf:
                yield buf
                buf = ""
            yield word
        x = y
    if buf:
        yield buf


def words_of(text: str, added: Sequence[str] = ()) -> list[str]:
    """``text`` cut by jieba's dictionary with the words ``added`` (each as ``Tokenizer.add_word(word,
    freq=ADDED_FREQUENCY)`` would add it, in turn), the process's dictionary left as it was."""
    found = _dictionary(text)
    if found is None:
        tokenizer = _loaded()
        base: Mapping[str, int] = tokenizer.FREQ
        total: int = tokenizer.total
    else:
        base, total = found
    extra: dict[str, int] = {}
    freq = ChainMap(extra, base)  # type: ignore[arg-type]  # read only: ChainMap writes go to ``extra``
    for word in added:
        extra[word] = ADDED_FREQUENCY
        total += ADDED_FREQUENCY
        for k in range(1, len(word) + 1):
            if word[:k] not in freq:
                extra[word[:k]] = 0
    return list(cut(text, freq, total))


def _dictionary(text: str) -> tuple[dict[str, int], int] | None:
    """The dictionary's entries for the substrings of ``text``, and its total, from the index (None: no
    index here)."""
    index = _index()
    if index is None:
        return None
    db, total, longest = index
    n = len(text)
    keys = list(dict.fromkeys(text[k:i] for k in range(n) for i in range(k + 1, min(n, k + longest) + 1)))
    import sqlite3  # imported already: there is an index

    found: dict[str, int] = {}
    try:
        for start in range(0, len(keys), _BATCH):
            chunk = keys[start : start + _BATCH]
            rows = db.execute(f"SELECT k, v FROM f WHERE k IN ({','.join('?' * len(chunk))})", chunk)
            found.update((str(k), int(v)) for k, v in rows)
    except sqlite3.Error:  # an index broken since it was opened is no index
        return None
    return found, total


def _dictionary_file() -> Path | None:
    spec = importlib.util.find_spec("jieba")  # where jieba is, without importing it (a tenth of a second)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


_OPEN: dict[int, tuple[Any, int, int] | None] = {}  # by process: a connection is never used across a fork


def _index() -> tuple[Any, int, int] | None:
    """The open index (connection, total, longest entry), made first if need be; None without one."""
    pid = os.getpid()
    if pid not in _OPEN:
        _OPEN.clear()
        _OPEN[pid] = _open_index()
    return _OPEN[pid]


def _open_index() -> tuple[Any, int, int] | None:
    folder, source = cache_folder(), _dictionary_file()
    if folder is None or source is None:
        return None
    try:
        import sqlite3
    except ImportError:  # a Python built without it
        return None
    try:
        info = source.stat()
        stamp = repr((os.path.realpath(source), info.st_size, info.st_mtime_ns, _FORMAT, sqlite3.sqlite_version))
        path = folder / "words" / f"{hashlib.sha256(stamp.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}.sqlite"
        if not path.is_file():
            _build(path)
        try:
            return _connect(path)
        except sqlite3.Error:  # a damaged file (a disk full while it was written elsewhere): made again
            _build(path)
            return _connect(path)
    except (OSError, sqlite3.Error, TypeError, ValueError):
        return None  # no index: the dictionary is loaded whole


def _connect(path: Path) -> tuple[Any, int, int]:
    import sqlite3

    db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        total, longest = db.execute("SELECT total, longest FROM meta").fetchone()
        db.execute("SELECT k, v FROM f LIMIT 1").fetchall()
    except BaseException:
        db.close()
        raise
    return db, int(total), int(longest)


def _build(path: Path) -> None:
    """The index of jieba's dictionary, written whole or not at all (another process may write it too)."""
    import sqlite3

    tokenizer = _jieba().Tokenizer()
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(handle)
    try:
        db = sqlite3.connect(temporary)
        try:
            db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                             "CREATE TABLE f (k TEXT PRIMARY KEY, v INTEGER NOT NULL) WITHOUT ROWID;"
                             "CREATE TABLE meta (total INTEGER NOT NULL, longest INTEGER NOT NULL);")
            db.executemany("INSERT INTO f VALUES (?, ?)", sorted(freq.items()))
            db.execute("INSERT INTO meta VALUES (?, ?)", (total, max(map(len, freq), default=1)))
            db.commit()
        finally:
            db.close()
        os.replace(temporary, path)
        temporary = ""
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _jieba() -> Any:
    import jieba  # a tenth of a second to import; only to build the index or without one

    jieba.setLogLevel(logging.WARNING)
    return jieba


@functools.cache
def _loaded() -> Any:
    """jieba's dictionary loaded whole, once a process: where there is no index."""
    tokenizer = _jieba().Tokenizer()
    tokenizer.initialize()
    return tokenizer
