"""reportkit's message catalogs: extract the messages from the code, merge them into the .po files, compile .mo.

    python scripts/catalogs.py update    # after changing messages: new ones appear untranslated, gone ones go
    python scripts/catalogs.py compile   # after translating: the .mo files reportkit reads
    python scripts/catalogs.py check     # what the tests run: every message translated, .mo up to date

Two catalogs (see reportkit/i18n.py): ``reportkit`` (English in the code, ``_`` / ``_n`` / ``N_``; translated in
``locale/zh_CN``) and ``reportkit-findings`` (Chinese in the code, ``_zh`` / ``N_zh``; translated in ``locale/en``).
The .po files are sorted by message and carry no line numbers, so that two branches adding messages rarely touch
the same lines; their dates are fixed, so the same messages give the same files.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "reportkit"
LOCALES = PACKAGE / "locale"
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}(?!\})")  # {name} or {name:>8}, not {{…}}
PERCENT = re.compile(r"%(?:\([A-Za-z_]+\))?[sdr]")  # argparse's own messages

# domain: (locale, source language, the functions that mark its messages and where their message arguments are)
DOMAINS: dict[str, tuple[str, str, dict[str, tuple[int, ...] | None]]] = {
    "reportkit": ("zh_CN", "en", {"_": None, "N_": None, "_n": (1, 2)}),
    "reportkit-findings": ("en", "zh_CN", {"_zh": None, "N_zh": None}),
}
MARKERS = {name for _, _, keywords in DOMAINS.values() for name in keywords}
# The modules that pass a message through (the definitions of the markers, argparse's hook): not literals there.
PASS_THROUGH = {"reportkit/i18n.py", "reportkit/argparse_text.py"}


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def po_path(domain: str) -> Path:
    return LOCALES / DOMAINS[domain][0] / "LC_MESSAGES" / f"{domain}.po"


def extracted(domain: str) -> Catalog:
    """The messages the code marks for ``domain``, as a template (no translations)."""
    keywords = DOMAINS[domain][2]
    template = Catalog(project="reportkit", domain=domain, creation_date=FIXED_DATE, revision_date=FIXED_DATE,
                       fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), [("**.py", "python")], keywords=keywords, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        template.add(message, None, [(f"reportkit/{filename}", lineno)], auto_comments=comments, context=context)
    return template


def current(domain: str) -> Catalog:
    path = po_path(domain)
    if not path.exists():
        locale, _, _ = DOMAINS[domain]
        return Catalog(locale=locale, project="reportkit", domain=domain, creation_date=FIXED_DATE,
                       revision_date=FIXED_DATE, fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=DOMAINS[domain][0], domain=domain)


def po_bytes(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    catalog.fuzzy = False
    catalog.project, catalog.version = "reportkit", ""
    catalog.msgid_bugs_address = catalog.last_translator = catalog.language_team = "the reportkit authors"
    catalog.header_comment = (f"# reportkit's messages, {catalog.domain} ({DOMAINS[catalog.domain][0]}).\n"
                              "# Edit the msgstr lines; then: python scripts/catalogs.py update && "
                              "python scripts/catalogs.py compile")
    buffer = io.BytesIO()
    write_po(buffer, catalog, no_location=True, sort_output=True, omit_header=False, width=100,
             ignore_obsolete=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update() -> None:
    for domain in DOMAINS:
        catalog = current(domain)
        catalog.update(extracted(domain), no_fuzzy_matching=True, update_header_comment=False)
        path = po_path(domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))
        missing = sum(1 for message in catalog if message.id and not _translated(message))
        print(f"{path.relative_to(ROOT)}: {sum(1 for m in catalog if m.id)} messages, {missing} to translate")


def compile_all() -> None:
    for domain in DOMAINS:
        path = po_path(domain)
        path.with_suffix(".mo").write_bytes(mo_bytes(current(domain)))
        print(f"wrote {path.with_suffix('.mo').relative_to(ROOT)}")


def _translated(message: object) -> bool:
    string = message.string  # type: ignore[attr-defined]
    strings = string if isinstance(string, (tuple, list)) else (string,)
    return all(strings) and not message.fuzzy  # type: ignore[attr-defined]


def _fields(text: str) -> set[str]:
    return set(FIELD.findall(text)) | set(PERCENT.findall(text))


def problems() -> Iterator[str]:
    """Everything that stops the catalogs from being complete and in step with the code, one line each."""
    yield from _non_literal_messages()
    for domain in DOMAINS:
        path = _shown(po_path(domain))
        catalog = current(domain)
        wanted = extracted(domain)
        for message in wanted:
            if not message.id:
                continue
            known = catalog.get(message.id, message.context)
            where = ", ".join(f"{file}:{line}" for file, line in message.locations)
            first = message.id[0] if isinstance(message.id, tuple) else message.id
            if known is None:
                yield f"{path}: not in the catalog (scripts/catalogs.py update): {first!r} ({where})"
            elif not _translated(known):
                yield f"{path}: not translated: {first!r} ({where})"
            else:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strings = known.string if isinstance(known.string, (tuple, list)) else (known.string,)
                fields = set().union(*(_fields(i) for i in ids))
                for string in strings:
                    if _fields(string) != fields and _fields(string) != fields - {"count"}:
                        yield f"{path}: the translation's fields differ from the message's: {first!r} -> {string!r}"
        for message in catalog:
            if message.id and wanted.get(message.id, message.context) is None:
                yield f"{path}: no longer in the code (scripts/catalogs.py update): {message.id!r}"
        compiled = po_path(domain).with_suffix(".mo")
        if not compiled.exists() or compiled.read_bytes() != mo_bytes(catalog):
            yield f"{_shown(compiled)}: out of date (scripts/catalogs.py compile)"
        if po_path(domain).read_bytes() != po_bytes(catalog):
            yield f"{path}: not in the catalog's sorted form (scripts/catalogs.py update)"


def _non_literal_messages() -> Iterator[str]:
    # A message made at run time (an f-string, a variable) cannot be in the catalog: it would stay untranslated.
    for file in sorted(PACKAGE.rglob("*.py")):
        relative = file.relative_to(PACKAGE.parent).as_posix()
        if relative in PASS_THROUGH:
            continue
        tree = ast.parse(file.read_text(encoding="utf-8"), relative)
        for formatted in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            # Babel does not look inside an f-string: a message there would never reach the catalog.
            for node in ast.walk(formatted):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
                    yield f"{relative}:{node.lineno}: {node.func.id}() inside an f-string is not extracted"
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
                count = 2 if node.func.id == "_n" else 1
                arguments = node.args[:count]
                if len(arguments) < count or not all(
                        (isinstance(a, ast.Constant) and isinstance(a.value, str))
                        or (node.func.id in TRANSLATORS and _constant(a)) for a in arguments):
                    yield f"{relative}:{node.lineno}: {node.func.id}() needs a literal message (fields as keywords)"


# The functions that translate at the moment of use: they also take a constant marked with N_/N_zh where it is
# defined (I18N.md), _(CONSTANT) or _(MESSAGES[key]); the markers themselves need the literal.
TRANSLATORS = {"_", "_n", "_zh"}
UPPER_CASE = re.compile(r"_?[A-Z][A-Z0-9_]*")


def _constant(node: ast.expr) -> bool:
    """``NAME``, ``module.NAME``, ``NAME[key]``, ``NAME.attribute`` (upper case: a module's constant): a message
    marked where it is defined. Not a lower-case variable, an f-string, a concatenation, a call."""
    if isinstance(node, ast.Name):
        return UPPER_CASE.fullmatch(node.id) is not None
    if isinstance(node, ast.Attribute):
        return UPPER_CASE.fullmatch(node.attr) is not None or _constant(node.value)
    if isinstance(node, ast.Subscript):
        return _constant(node.value)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("update", "compile", "check"))
    action = parser.parse_args().action
    if action == "update":
        update()
    elif action == "compile":
        compile_all()
    else:
        found = list(problems())
        for line in found:
            print(line, file=sys.stderr)
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
