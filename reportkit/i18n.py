"""The language reportkit speaks: Chinese (简体中文) for a Chinese locale, English otherwise.

Two gettext catalogs, both compiled into ``reportkit/locale`` and read with the standard library's ``gettext``
(Babel extracts and compiles them: ``scripts/catalogs.py``; it is not needed at run time):

- ``reportkit``: the tool's own words — errors, ``--help``, progress and summaries, the files ``reportkit new``
  writes. Written in English in the code (``_("…")``), translated to ``zh_CN``.
- ``reportkit-findings``: what the checks say about a report. Written in Chinese in the code (``_zh("…")``), as
  the domain's words are (统计指标, 主动公开, 上年结转), translated to ``en``.

The language is chosen when a message is made, not at import: ``REPORTKIT_LANG`` first, then the variables
gettext reads (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``), then on Windows the user's display language.
A value beginning with ``zh`` means Chinese; anything else (``C``, ``en_US.UTF-8``) English.

Messages with fields are written with ``str.format`` names, given as keywords: ``_("cannot read {file}",
file=path)``. The translation is looked up first and the fields filled in after, so a field's text (a data value)
is never read as a placeholder.
"""

from __future__ import annotations

import functools
import gettext
import os
import sys
from pathlib import Path
from typing import Literal

Language = Literal["zh", "en"]

DOMAIN = "reportkit"  # English source, translated to zh_CN
FINDINGS_DOMAIN = "reportkit-findings"  # Chinese source, translated to en
LOCALE_FOLDER = Path(__file__).parent / "locale"
ENVIRONMENT = ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_chosen: Language | None = None


def set_language(language: Language | None) -> None:
    """Speak ``language`` from now on in this process (``None``: follow the environment again)."""
    global _chosen
    _chosen = language


def language() -> Language:
    """The language of the messages: the one set with :func:`set_language`, or the environment's."""
    if _chosen is not None:
        return _chosen
    for name in ENVIRONMENT:
        value = os.environ.get(name, "")
        if name == "LANGUAGE":
            value = value.split(":")[0]  # gettext's list of preferences: the first counts
        if value:
            return _language_of(value)
    return _windows_language() if sys.platform == "win32" else "en"


def _language_of(value: str) -> Language:
    return "zh" if value.strip().lower().startswith("zh") else "en"


def _windows_language() -> Language:
    # Windows has no LANG: its display language (a LANGID whose low 10 bits are the primary language; 0x04 is
    # Chinese, simplified and traditional alike).
    try:
        import ctypes

        langid = int(ctypes.windll.kernel32.GetUserDefaultUILanguage())  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return "en"
    return "zh" if langid & 0x3FF == 0x04 else "en"


@functools.cache
def _catalog(domain: str, locale: str) -> gettext.NullTranslations:
    return gettext.translation(domain, LOCALE_FOLDER, [locale], fallback=True)


def _filled(message: str, fields: dict[str, object]) -> str:
    return message.format(**fields) if fields else message


def _(message: str, /, **fields: object) -> str:
    """``message`` (English) in the user's language, its ``{fields}`` filled in."""
    if language() == "zh":
        message = _catalog(DOMAIN, "zh_CN").gettext(message)
    return _filled(message, fields)


def _n(singular: str, plural: str, count: int, /, **fields: object) -> str:
    """The English singular or plural by ``count``, or its translation; ``{count}`` is filled in too."""
    if language() == "zh":
        message = _catalog(DOMAIN, "zh_CN").ngettext(singular, plural, count)
    else:
        message = singular if count == 1 else plural
    return _filled(message, {"count": count, **fields})


def _zh(message: str, /, **fields: object) -> str:
    """``message`` (Chinese: a finding, in the domain's words) in the user's language, its ``{fields}`` filled in."""
    if language() == "en":
        message = _catalog(FINDINGS_DOMAIN, "en").gettext(message)
    return _filled(message, fields)


def N_(message: str) -> str:
    """Mark an English message for the catalog where it is defined (a constant); translate it with ``_`` at use."""
    return message


def N_zh(message: str) -> str:
    """Mark a Chinese message for the findings catalog where it is defined; translate it with ``_zh`` at use."""
    return message
