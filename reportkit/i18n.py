"""The language of what reportkit says: Chinese for a Chinese locale, English otherwise (gettext catalogs).

The source strings are English and marked with :func:`_`; ``reportkit/locale/<lang>/LC_MESSAGES/reportkit.po``
holds their translations, compiled to ``.mo`` beside it (Babel: ``scripts/messages.py`` extracts, updates and
compiles; a test fails on a message without a translation). The language is chosen once per process:
``REPORTKIT_LANG`` first (``zh_CN``, ``en``), then the usual ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``,
and on Windows the user's UI language.

The findings of the checks and the report's own wording are Chinese in every language: they are the domain's
words (统计指标, 主动公开) and go into the report itself.
"""

from __future__ import annotations

import functools
import gettext
import locale
import os
from importlib import resources
from pathlib import Path

DOMAIN = "reportkit"
LANGUAGES = ("zh_CN",)  # catalogs shipped, besides the English of the source


def _wanted(environ: dict[str, str] | os._Environ[str]) -> str:
    for name in ("REPORTKIT_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return value.split(":")[0]
    if os.name == "nt":  # no LANG on Windows: the user's UI locale, e.g. "Chinese (Simplified)_China" or zh_CN
        return locale.getlocale()[0] or ""
    return ""


def language(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """``"zh_CN"`` for any Chinese locale (zh, zh_CN.UTF-8, zh-Hans, Chinese…), else ``"en"``."""
    wanted = _wanted(os.environ if environ is None else environ).lower()
    return "zh_CN" if wanted.startswith(("zh", "chinese")) else "en"


def locale_dir() -> Path:
    return Path(str(resources.files("reportkit").joinpath("locale")))


@functools.cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=locale_dir(), languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the user's language (the English source when there is no translation)."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(language()).ngettext(singular, plural, n)
