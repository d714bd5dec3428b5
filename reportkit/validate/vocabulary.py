"""The edition's words for its figures, as data: ``editions/data/<edition>.vocabulary.toml`` plus the words
every edition shares (``common.vocabulary.toml``). The claim reader matches the narrative against them."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from attrs import frozen

from reportkit.errors import DataError
from reportkit.i18n import _

if TYPE_CHECKING:
    from reportkit.editions import Edition

# Beside the editions' folders, read by path as they are (importlib.resources would import zipfile for it).
COMMON_FILE = Path(__file__).parent.parent / "editions" / "common.vocabulary.toml"
GAP = "…"  # in a term: up to six characters of anything but punctuation


def term_pattern(term: str) -> str:
    """A term as a regular expression: "制发…规范性文件" also matches 制发的规范性文件, 制发行政规范性文件."""
    return r"[^，。；：、！？,;:]{0,6}".join(re.escape(part) for part in term.split(GAP))


@lru_cache(maxsize=4096)
def term_regex(term: str) -> re.Pattern[str]:
    """:func:`term_pattern` compiled, once a process for each term: the claim reader tries every term of the
    vocabulary on every clause before a figure (thousands of searches a report)."""
    return re.compile(term_pattern(term))


@frozen
class Concept:
    """A quantity the narrative may state: a cell or a sum of cells (none: a figure only the text has)."""

    id: str
    name: str
    cells: tuple[str, ...]
    terms: tuple[str, ...]
    unit: str | None = None
    row: str | None = None  # the 表三 row whose columns its parts are ("其中自然人71件")


@frozen
class Assertion:
    """Words that say some figures are 0 ("均获维持", "未发生行政复议"): wrong while any of ``nonzero`` is not."""

    id: str
    phrases: tuple[str, ...]
    nonzero: tuple[str, ...]


@frozen
class Vocabulary:
    concepts: tuple[Concept, ...]
    columns: Mapping[str, tuple[str, ...]]  # "natural_person" (or "a+b") -> the words naming that column
    assertions: tuple[Assertion, ...]
    words: Mapping[str, tuple[str, ...]]  # the shared lists: units, parts_words, year_before …
    groups: Mapping[str, str] = {}  # "cases.review" -> "行政复议": named before a cell's column ("（结果纠正）")

    def word_list(self, name: str) -> tuple[str, ...]:
        return self.words.get(name, ())

    def label(self, path: str, label: str) -> str:
        """A cell's name for messages: "行政复议（结果纠正）" where the table's own label is only "（结果纠正）"."""
        group = next((name for prefix, name in self.groups.items() if path.startswith(f"{prefix}.")), None)
        return f"{group}{label}" if group and label.startswith("（") else label


def _common() -> dict[str, Any]:
    return tomllib.loads(COMMON_FILE.read_text("utf-8"))


def _read(folder: Path | None) -> dict[str, Any]:
    # In the edition's folder beside its edition.toml: an edition carries its words with its tables.
    path = folder / "vocabulary.toml" if folder is not None else None
    return tomllib.loads(path.read_text("utf-8")) if path is not None and path.is_file() else {}


def _strings(value: Iterable[Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in value)


def vocabulary_from_data(data: Mapping[str, Any], common: Mapping[str, Any], paths: Iterable[str]) -> Vocabulary:
    """Check the cells the vocabulary names against the figures (a mistake in an edition is caught here)."""
    known = set(paths)
    concepts = tuple(
        Concept(entry["id"], entry["name"], _strings(entry.get("cells", ())), _strings(entry["terms"]),
                entry.get("unit"), entry.get("row"))
        for entry in data.get("concepts", ())
    )
    assertions = tuple(Assertion(e["id"], _strings(e["phrases"]), _strings(e["nonzero"]))
                       for e in data.get("assertions", ()))
    named = [c for concept in concepts for c in concept.cells] + [c for a in assertions for c in a.nonzero]
    unknown = sorted(set(named) - known)
    if unknown:
        raise ValueError(_("vocabulary names unknown cells {cells}", cells=unknown))
    columns = {key: _strings(words) for key, words in data.get("columns", {}).items()}
    words = {key: _strings(value) for key, value in common.items() if isinstance(value, list)}
    groups = {str(key): str(value) for key, value in data.get("groups", {}).items()}
    return Vocabulary(concepts, columns, assertions, words, groups)


@cache
def _cached(folder: Path | None, paths: tuple[str, ...]) -> Vocabulary:
    return vocabulary_from_data(_read(folder), _common(), paths)


def vocabulary(edition: Edition, paths: tuple[str, ...]) -> Vocabulary:
    """The vocabulary of ``edition`` (no concepts for an edition without one), with the shared words."""
    try:
        return _cached(edition.folder, paths)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise DataError(str(edition.folder), "vocabulary.toml", str(exc)) from None
