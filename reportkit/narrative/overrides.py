"""Catch a county's override that would silently do nothing.

Jinja2 ignores a block a child template defines but its parent lacks, and a file nothing includes: a county
whose 2021/overal.j2 or {% block intro_txt %} is misspelt would publish the default text without a word.
"""

from __future__ import annotations

import difflib
import warnings
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2 import nodes

from reportkit.errors import listing
from reportkit.i18n import _
from reportkit.narrative import bytecode
from reportkit.narrative.errors import TemplateFailure, TemplateWarning
from reportkit.narrative.sandbox import FolderLoader


class TrackingLoader(FolderLoader):
    """A county folder that remembers which templates it served."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.folder = folder
        self.served: set[str] = set()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source = super().get_source(environment, template)
        self.served.add(template)
        return source


def _blocks(env: jinja2.Environment, name: str, seen: frozenset[str] = frozenset()) -> set[str]:
    """Every block a template and its ancestors define."""
    if name in seen:
        return set()
    source, _filename, _uptodate = env.loader.get_source(env, name)  # type: ignore[union-attr]
    facts = bytecode.facts(env, source)
    return set(facts.blocks) | (_blocks(env, facts.parent, seen | {name}) if facts.parent else set())


def check_overrides(env: jinja2.Environment, edition: str) -> None:
    """After a render: a block its parent lacks is a TemplateFailure; a file of ``<folder>/<edition>/`` that
    no template used is a TemplateWarning."""
    choice = env.loader
    if not isinstance(choice, jinja2.ChoiceLoader):
        return
    for loader in (loader for loader in choice.loaders if isinstance(loader, TrackingLoader)):
        for name in sorted(loader.served):
            source, filename, _uptodate = loader.get_source(env, name)
            facts = bytecode.facts(env, source)
            if facts.parent is None:
                continue
            known = _blocks(env, facts.parent)
            if set(facts.own) <= known:
                continue
            parent = facts.parent
            for block in env.parse(source).body:  # one is not: which, and on which line
                if isinstance(block, nodes.Block) and block.name not in known:
                    close = difflib.get_close_matches(block.name, known, n=1)
                    listed = listing(sorted(known))
                    message = (_("block {block} is not a block of {parent} ({listed}), so it would change nothing; "
                                 "did you mean {hint}?", block=repr(block.name), parent=parent, listed=listed,
                                 hint=repr(close[0])) if close
                               else _("block {block} is not a block of {parent} ({listed}), so it would change "
                                      "nothing", block=repr(block.name), parent=parent, listed=listed))
                    raise TemplateFailure(filename, block.lineno, message)
        names = [name for name in loader.list_templates()  # bounded, and never through a link
                 if name.startswith(f"{edition}/") and name.endswith(".j2") and name not in loader.served]
        unused = [loader.folder / name for name in names]
        others = [name for name in choice.list_templates()  # only for a hint (it reads every edition)
                  if name.startswith(f"{edition}/") and name not in names] if names else []
        for path, name in zip(unused, names, strict=True):
            close = difflib.get_close_matches(name, others, n=1)
            message = (_("{path}: not used: the edition {edition} report has no template {name}, so this file "
                         "changes nothing; did you mean {hint}?", path=path, edition=edition, name=repr(name),
                         hint=repr(close[0])) if close
                       else _("{path}: not used: the edition {edition} report has no template {name}, so this file "
                              "changes nothing", path=path, edition=edition, name=repr(name)))
            warnings.warn(TemplateWarning(message), stacklevel=2)
