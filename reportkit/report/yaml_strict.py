"""YAML read as strictly as TOML: a key given twice in one mapping is refused (TOML refuses it itself)."""

from __future__ import annotations

from typing import Any

import yaml

from reportkit.errors import DataError
from reportkit.i18n import _
from reportkit.report.reader import DuplicateKey


class _Loader(yaml.SafeLoader):
    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[tuple[str, str]] = set()
        for key_node, _value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise DuplicateKey(key_node.value, key_node.start_mark.line + 1)
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str, source: str) -> object:
    """The parsed YAML (safe: no Python objects), or a DataError with the line of the mistake."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = str(getattr(exc, "problem", None) or exc)
        message = (_("invalid YAML: {detail} (line {line}, column {column})", detail=detail, line=mark.line + 1,
                     column=mark.column + 1) if mark is not None else _("invalid YAML: {detail}", detail=detail))
        raise DataError(source, "", message) from None
