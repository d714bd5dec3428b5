"""Figures classes built from an edition's data: the same attrs classes, kinds and checks as the Python ones.

An edition without Python declares its figures in its grids (``{ field = "active.documents.year" }``); one
that extends a national edition adds figures to the national classes. Either way the result is a tree of
frozen attrs classes whose leaves are :func:`~reportkit.editions.base.count` and its kin, so loading, summing,
validating and the messages are those of the built-in editions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from reportkit.editions.base import AMOUNT_KIND, CHANGE_KIND, COUNT_KIND, amount, change, count, value_fields
from reportkit.i18n import _

KINDS: dict[str, Callable[[], Any]] = {COUNT_KIND: count, AMOUNT_KIND: amount, CHANGE_KIND: change}

_Tree = dict[str, "_Tree | str"]  # a name -> a subtree, or the kind of a leaf


def leaves_of(cls: type) -> Callable[[str], list[str]]:
    """For the grids' ``{ fields = prefix }``: the paths of every figure under ``prefix`` in ``cls``."""
    paths = [path for path, _attribute in value_fields(cls)]
    under: dict[str, list[str]] = {}  # every group's figures, in order: looked up, not searched, per cell
    for path in paths:
        parts = path.split(".")
        for end in range(1, len(parts)):
            under.setdefault(".".join(parts[:end]), []).append(path)
    known = set(paths)

    def leaves(prefix: str) -> list[str]:
        return list(under.get(prefix, ())) or ([prefix] if prefix in known else [])

    return leaves


def kinds_of(cls: type) -> dict[str, str]:
    """The kind of every figure of ``cls``, by path."""
    return {path: str(attribute.metadata["kind"]) for path, attribute in value_fields(cls)}


def _camel(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def _class(name: str, tree: _Tree, base: type | None) -> type:
    """A frozen attrs class for ``tree``: ``base``'s attributes first, in their order, then the new ones."""
    fields: dict[str, Any] = {}
    inherited = {a.name: a for a in attrs.fields(base)} if base is not None else {}
    for attribute in inherited.values():
        sub = tree.get(attribute.name)
        group = isinstance(attribute.type, type) and attrs.has(attribute.type)
        if isinstance(sub, dict) != group and sub is not None:
            raise ValueError(_("{name}: is a figure, not a group of figures in the base edition", name=attribute.name)
                             if group is False else
                             _("{name}: is a group of figures, not a figure in the base edition", name=attribute.name))
        if isinstance(sub, dict) and isinstance(attribute.type, type):
            cls = _class(f"{name}{_camel(attribute.name)}", sub, attribute.type)
            fields[attribute.name] = attrs.field(default=attrs.Factory(cls), type=cls)
        else:  # unchanged: the base's own field (a leaf, or a part nothing is added to)
            default = attribute.default
            fields[attribute.name] = attrs.field(default=default, validator=attribute.validator,
                                                 metadata=dict(attribute.metadata), type=attribute.type)
    for key, sub in tree.items():
        if key in inherited:
            continue
        if isinstance(sub, str):
            fields[key] = KINDS[sub]()
        else:
            cls = _class(f"{name}{_camel(key)}", sub, None)
            fields[key] = attrs.field(default=attrs.Factory(cls), type=cls)
    bases = (base,) if base is not None else (object,)
    return attrs.make_class(name, fields, bases=bases, frozen=True, slots=True)


def build_figures(name: str, declared: Iterable[tuple[str, str]], base: type | None = None) -> type:
    """The figures class of an edition: ``declared`` (path, kind) pairs added to ``base`` (or on their own).

    Paths already in ``base`` keep the base's field; the new ones come after the base's, in the order given.
    The classes are subclasses of the base's, so a report in the extended edition is still, say, a Stats2021.
    """
    tree: _Tree = {}
    for path, kind in declared:
        node = tree
        *parts, leaf = path.split(".")
        for part in parts:
            child = node.setdefault(part, {})
            if isinstance(child, str):
                raise ValueError(_("{path}: {part} is a figure, not a group of figures", path=path, part=part))
            node = child
        existing = node.get(leaf)
        if isinstance(existing, dict):
            raise ValueError(_("{path}: is a group of figures, not a figure", path=path))
        node[leaf] = kind
    cls = _class(f"Stats{_camel(name)}", tree, base)
    attrs.resolve_types(cls)
    return cls
