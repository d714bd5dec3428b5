"""argparse's own words (``usage:``, ``options``, its errors) in the user's language, for the command line only.

argparse looks its messages up through ``gettext`` in its module globals ``_`` and ``ngettext`` at the moment it
prints them; while the CLI runs, :func:`translated` points them at reportkit's catalog and puts them back after,
so a program that imports reportkit as a library keeps its own argparse untouched. The messages are listed here
(in argparse's own spelling, ``%``-placeholders and all) so that the catalog holds their translations.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from reportkit.i18n import N_, _

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    # argparse's plurals, each form a message of its own (see _plural)
    N_("expected %s argument"),
    N_("expected %s arguments"),
)


def _plural(singular: str, plural: str, count: int) -> str:
    # argparse fills in its %-placeholders itself; Chinese has one form, so each English form is translated alone.
    return _(singular if count == 1 else plural)


@contextmanager
def translated() -> Iterator[None]:
    """While inside, argparse speaks the user's language."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = _plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
