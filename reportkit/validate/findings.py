"""What a rule reports, its stable id, and the acceptances (``[[accept]]``) that keep a published slip."""

from __future__ import annotations

import enum
import hashlib

import attrs
from attrs import field, frozen

from reportkit.i18n import _zh


def _tables() -> str:
    return _zh("统计表")


class Severity(enum.Enum):
    ERROR = "error"  # the report must not go out like this: render refuses unless --force
    WARNING = "warning"  # worth a look; published reports have had these (render --strict refuses)
    NOTE = "note"  # advice that makes the next report safer (bind a hand-typed figure); never stops anything


@frozen
class Finding:
    rule: str  # the rule's id, e.g. "2018.answers-sum"
    severity: Severity
    cells: tuple[str, ...]  # the figures involved, as paths into the data: "stats.applications.answered"
    message: str  # in the user's language (written in Chinese, reportkit.i18n._zh), with the figures
    where: str = field(factory=_tables)  # 统计表 (in the language of the moment), or the place in the narrative
    anchor: str = ""  # for a finding in the text: the words it is about ("收到政府信息公开申请75件")
    accepted: str | None = None  # the reason of the [[accept]] entry that keeps it, if one does

    @property
    def in_text(self) -> bool:
        """Whether the finding is about the narrative (its place is a paragraph or a heading of the text), in
        either language: group by this, never by the words of ``where``."""
        return self.where.startswith((_zh("正文"), "正文"))

    @property
    def id(self) -> str:
        """Stable across unrelated edits: made of the rule, the cells and the words, not of the place.

        A paragraph added before the finding's one changes its ``where`` ("第3段"), not its id.
        """
        key = "\n".join((self.rule, *sorted(self.cells), self.anchor))
        return f"{self.rule}#{hashlib.sha256(key.encode('utf-8')).hexdigest()[:8]}"

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "rule": self.rule, "severity": self.severity.value,
                                   "cells": list(self.cells), "where": self.where, "message": self.message}
        if self.accepted is not None:
            data["accepted"] = self.accepted
        return data


@frozen
class Acceptance:
    """An ``[[accept]]`` entry of the data file: a slip the published report has and this one keeps.

    ``rule`` ("2021.received-text" or without the edition, "received-text"), the ``cells`` of the finding (all
    of them, in any order; none: any finding of the rule), ``id`` to name one finding exactly, and why.
    """

    rule: str
    reason: str
    cells: tuple[str, ...] = ()
    id: str | None = None

    def matches(self, finding: Finding) -> bool:
        if self.id is not None:
            return finding.id == self.id
        if finding.rule != self.rule and not finding.rule.endswith(f".{self.rule}"):
            return False
        return not self.cells or set(self.cells) == set(finding.cells)


def accept(findings: list[Finding], acceptances: tuple[Acceptance, ...]) -> list[Finding]:
    """The findings with the reason of the entry that keeps each; an entry that keeps none is a finding."""
    out, used = [], set()
    for finding in findings:
        entry = next((k for k, a in enumerate(acceptances) if a.matches(finding)), None)
        if entry is None:
            out.append(finding)
        else:
            used.add(entry)
            out.append(attrs.evolve(finding, accepted=acceptances[entry].reason))
    for k, acceptance in enumerate(acceptances):
        if k not in used:
            name = acceptance.id or acceptance.rule
            if acceptance.cells:
                message = _zh("第{number}条 [[accept]]（{name}（{cells}））不对应任何发现，可以删去", number=k + 1,
                              name=name, cells=_zh("、").join(acceptance.cells))
            else:
                message = _zh("第{number}条 [[accept]]（{name}）不对应任何发现，可以删去", number=k + 1, name=name)
            out.append(Finding("accept-unused", Severity.WARNING, (), message,
                               _zh("数据文件 accept[{index}]", index=k)))
    return out


def open_findings(findings: list[Finding]) -> list[Finding]:
    """The findings no [[accept]] entry keeps: those that count."""
    return [f for f in findings if f.accepted is None]
