"""What a rule reports."""

from __future__ import annotations

import enum

from attrs import frozen


class Severity(enum.Enum):
    ERROR = "error"  # the report must not go out like this: render refuses unless --force
    WARNING = "warning"  # worth a look; published reports have had these (render --strict refuses)


@frozen
class Finding:
    rule: str  # the rule's id, e.g. "2018.answers-sum"
    severity: Severity
    cells: tuple[str, ...]  # the figures involved, as paths into the data: "stats.applications.answered"
    message: str  # in Chinese, with the figures
    where: str = "统计表"  # 统计表, or the place in the narrative

    def to_dict(self) -> dict[str, object]:
        return {"rule": self.rule, "severity": self.severity.value, "cells": list(self.cells),
                "where": self.where, "message": self.message}
