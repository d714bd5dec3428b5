"""What rendering the narrative learns about templates that is the same for every report: each template's
compiled code and the blocks it defines, by its file and a hash of its text, kept for this process.

The templates are compiled and parsed in the bounded child (reportkit.narrative.isolate): a county's templates
are untrusted, and compiling one is work a hostile template can make endless. The child sends back what it
compiled and parsed; the parent keeps it, and every later child (forked from the parent) starts with it. So a
batch compiles the editions' default templates once, not once a report, and a county's templates once however
often they are rendered (``watch``); a template whose text changed has another hash and is compiled anew.

The store is here, without Jinja2 (the parent keeps it and need not import Jinja2: reportkit.narrative.bounded);
what reads and fills it while rendering, in the child, is reportkit.narrative.bytecode.
"""

from __future__ import annotations

import hashlib
from typing import Any, NamedTuple


class Facts(NamedTuple):
    """What a template's text says of its place among templates."""

    blocks: frozenset[str]  # every block it defines, nested ones too
    parent: str | None  # the template it extends, when named by a constant
    own: tuple[str, ...]  # its top-level blocks, in order (what an override replaces)


_LIMIT = 64 * 1024 * 1024  # bytes kept at most; beyond, templates are compiled again each time

# Kept in the parent, inherited by each child; what a child adds goes back to the parent (learned/absorb).
_code: dict[str, bytes] = {}
_facts: dict[str, Facts] = {}
_new_code: dict[str, bytes] = {}
_new_facts: dict[str, Facts] = {}
_size = 0


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def stored_code(key: str) -> bytes | None:
    return _code.get(key)


def learn_code(key: str, data: bytes) -> None:
    _new_code[key] = data


def stored_facts(key: str) -> Facts | None:
    return _facts.get(key) or _new_facts.get(key)


def learn_facts(key: str, found: Facts) -> None:
    _new_facts[key] = found


def learned() -> tuple[dict[str, bytes], dict[str, Facts]]:
    """What this process compiled and parsed that its store lacked (a child's, for its parent)."""
    return dict(_new_code), dict(_new_facts)


def absorb(found: Any) -> None:
    """Keep what a child compiled and parsed (its :func:`learned`), within the store's bound."""
    global _size
    code, parsed = found
    _new_code.clear()  # not empty only where the work ran in this process (no fork)
    _new_facts.clear()
    for key, data in code.items():
        if key not in _code and isinstance(data, bytes) and _size + len(data) <= _LIMIT:
            _code[key] = data
            _size += len(data)
    for key, value in parsed.items():
        if len(_facts) < 10_000:
            _facts.setdefault(key, value)


def forget() -> None:
    """Empty the store (tests)."""
    global _size
    _code.clear()
    _facts.clear()
    _new_code.clear()
    _new_facts.clear()
    _size = 0
