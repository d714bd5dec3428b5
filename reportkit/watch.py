"""``reportkit watch``: render again whenever an input of the report changes (a preview while writing).

The inputs are the files of the report's folder that reportkit reads: data files, templates, workbooks and fonts.
They are polled (a snapshot of names, sizes and modification times) rather than watched through the operating
system's notifications, which behave differently on Windows, network drives and editors that save by renaming;
a report folder holds a few dozen files, so a snapshot every half second costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

# What a report reads; its outputs (.pdf, .docx, .html) are not among them, so writing them starts no new round.
INPUT_SUFFIXES = frozenset({".toml", ".yaml", ".yml", ".json", ".j2", ".jinja", ".xlsx", ".ttf", ".ttc", ".otf"})
MAX_FILES = 10_000  # a folder with more (a whole drive given by mistake) is watched only in part
_SKIPPED = frozenset({".git", ".venv", "venv", "node_modules", "__pycache__"})

Snapshot = tuple[tuple[str, int, int], ...]


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """Name, size and modification time of every input file under ``roots`` (a file or a folder each)."""
    seen: list[tuple[str, int, int]] = []
    for root in roots:
        for path in _inputs(root):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next round sees it gone
                continue
            seen.append((str(path), stat.st_size, stat.st_mtime_ns))
            if len(seen) >= MAX_FILES:
                return tuple(sorted(seen))
    return tuple(sorted(seen))


def _inputs(root: Path) -> Iterable[Path]:
    if root.is_file():
        yield root
        return
    if not root.is_dir():
        return
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in _SKIPPED or path.is_symlink():
            continue
        if path.is_dir():
            yield from _inputs(path)
        elif path.suffix.lower() in INPUT_SUFFIXES:
            yield path


def watch(roots: Iterable[Path], action: Callable[[], object], *, interval: float = 0.5,
          stop: threading.Event | None = None) -> None:
    """Run ``action`` now and again after each change under ``roots``, until ``stop`` is set (or Ctrl-C).

    A change is acted on once it has stood still for one interval, so that an editor's several writes of one
    save make one render."""
    roots = list(roots)
    stop = stop or threading.Event()
    current = snapshot(roots)
    action()
    while not stop.wait(interval):
        latest = snapshot(roots)
        if latest == current:
            continue
        while not stop.wait(interval):  # let the save settle
            settled = snapshot(roots)
            if settled == latest:
                break
            latest = settled
        if stop.is_set():
            return
        current = latest
        action()
