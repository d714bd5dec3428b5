"""Jinja2's side of the store of compiled templates (reportkit.narrative.compiled): its bytecode cache, and
what a template's text defines, as the bounded child reads and fills them."""

from __future__ import annotations

import jinja2
from jinja2 import nodes
from jinja2.bccache import Bucket

from reportkit.narrative.compiled import Facts, learn_code, learn_facts, stored_code, stored_facts, text_hash


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja2's bytecode cache over this process's store: a template's file name and its text's hash."""

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return f"{name}\0{filename or ''}"

    def get_source_checksum(self, source: str) -> str:
        return text_hash(source)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = stored_code(f"{bucket.key}\0{bucket.checksum}")
        if data is not None:
            bucket.bytecode_from_string(data)  # checks the text's hash again

    def dump_bytecode(self, bucket: Bucket) -> None:
        learn_code(f"{bucket.key}\0{bucket.checksum}", bucket.bytecode_to_string())


def facts(env: jinja2.Environment, source: str) -> Facts:
    """What a template's text defines and extends, parsed once for each text."""
    key = text_hash(source)
    known = stored_facts(key)
    if known is not None:
        return known
    tree = env.parse(source)
    parent = None
    for extends in tree.find_all(nodes.Extends):
        if isinstance(extends.template, nodes.Const) and isinstance(extends.template.value, str):
            parent = extends.template.value
            break
    found = Facts(frozenset(block.name for block in tree.find_all(nodes.Block)), parent,
                  tuple(block.name for block in tree.body if isinstance(block, nodes.Block)))
    learn_facts(key, found)
    return found
