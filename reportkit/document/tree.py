"""A flat list of blocks, headings carrying their level, nested into the section tree."""

from __future__ import annotations

from collections.abc import Sequence

from reportkit.document.model import Block, Section
from reportkit.i18n import _


class LevelJump(ValueError):
    """A heading more than one level below the one before it (level 3 straight under level 1)."""

    def __init__(self, index: int, level: int, parent: int) -> None:
        super().__init__(_("a level-{level} heading cannot follow a level-{parent} heading", level=level, parent=parent)
                         if parent else _("a level-{level} heading cannot come first: headings start at level 1",
                                          level=level))
        self.index = index


def nest(entries: Sequence[tuple[int, Block]]) -> tuple[Block, ...]:
    """``entries``: (heading level, Section) for headings, (0, block) for anything else, in order."""
    root: list[Block] = []
    stack: list[tuple[int, Section, list[Block]]] = []  # each open section with its blocks so far

    def close_to(level: int) -> None:
        while stack and stack[-1][0] >= level:
            _level, section, blocks = stack.pop()
            done = Section(section.title, tuple(blocks), run_in=section.run_in)
            (stack[-1][2] if stack else root).append(done)

    for index, (level, block) in enumerate(entries):
        if level and isinstance(block, Section):
            parent = stack[-1][0] if stack else 0
            if level > parent + 1:
                raise LevelJump(index, level, parent)
            close_to(level)
            stack.append((level, block, list(block.blocks)))
        else:
            (stack[-1][2] if stack else root).append(block)
    close_to(1)
    return tuple(root)
