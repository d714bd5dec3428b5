"""Findings for a person (a summary line, then the findings grouped by rule) and for machines (JSON, SARIF,
JUnit XML)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence

from reportkit import __version__
from reportkit.errors import listing
from reportkit.i18n import _, _n, _zh
from reportkit.validate.findings import Finding, Severity, open_findings

_SARIF_LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def level(severity: Severity) -> str:
    """A severity as a person reads it: error, warning, note (错误、警告、提示)."""
    return {Severity.ERROR: _zh("错误"), Severity.WARNING: _zh("警告"), Severity.NOTE: _zh("提示")}[severity]


def _counted(severity: Severity, count: int) -> str:
    if severity is Severity.ERROR:
        return _n("{count} error", "{count} errors", count)
    if severity is Severity.WARNING:
        return _n("{count} warning", "{count} warnings", count)
    return _n("{count} note", "{count} notes", count)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def summary(findings: Sequence[Finding]) -> str:
    """"3 findings: 1 error, 2 warnings, 0 notes (2 accepted)": the counts of the findings that count (in Chinese
    "发现 3 处：错误 1 处，警告 2 处，提示 0 处（已接受 2 处）")."""
    counted = open_findings(list(findings))
    counts = {s: sum(1 for f in counted if f.severity is s) for s in Severity}
    accepted = len(findings) - len(counted)
    kept = _n(" ({count} accepted)", " ({count} accepted)", accepted) if accepted else ""
    if not counted:
        return _("no findings{accepted}", accepted=kept)
    parts = listing(_counted(s, counts[s]) for s in Severity)
    return _n("{count} finding: {parts}{accepted}", "{count} findings: {parts}{accepted}", len(counted),
              parts=parts, accepted=kept)


def findings_table(findings: list[Finding], *, accepted: bool = False) -> str:
    """The findings grouped by rule: one line per rule (level, rule, count), then place and message of each.

    ``accepted``: also show those an [[accept]] entry keeps, marked with its reason.
    """
    shown = findings if accepted else open_findings(findings)
    groups: dict[str, list[Finding]] = {}
    for finding in shown:
        groups.setdefault(finding.rule, []).append(finding)
    lines = []
    for rule, group in groups.items():
        count = _n(" ({count} place)", " ({count} places)", len(group)) if len(group) > 1 else ""
        lines.append(f"{level(group[0].severity)}  {rule}{count}")
        width = max(_width(f.where) for f in group)
        for finding in group:
            mark = _("  [accepted: {reason}]", reason=finding.accepted) if finding.accepted is not None else ""
            lines.append(f"    {_pad(finding.where, width)}  {finding.message}{mark}")
    return "\n".join(lines)


def findings_json(file: str, findings: Sequence[Finding]) -> str:
    return json.dumps({"file": file, "summary": summary(findings), "findings": [f.to_dict() for f in findings]},
                      ensure_ascii=False, indent=2)


def findings_sarif(file: str, findings: Sequence[Finding]) -> str:
    """SARIF 2.1.0, as code-scanning services read it; accepted findings are suppressed, not left out."""
    rules = list(dict.fromkeys(f.rule for f in findings))
    results = []
    for finding in findings:
        result: dict[str, object] = {
            "ruleId": finding.rule, "ruleIndex": rules.index(finding.rule),
            "level": _SARIF_LEVEL[finding.severity.value], "message": {"text": finding.message},
            "partialFingerprints": {"reportkitFindingId": finding.id},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": file}},
                           "logicalLocations": [{"name": finding.where,
                                                 "fullyQualifiedName": "; ".join(finding.cells)}]}],
        }
        if finding.accepted is not None:
            result["suppressions"] = [{"kind": "inSource", "justification": finding.accepted}]
        results.append(result)
    run = {"tool": {"driver": {"name": "reportkit", "version": __version__,
                               "rules": [{"id": rule} for rule in rules]}},
           "results": results}
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2)


def quoteattr(text: str) -> str:
    """An XML attribute value in double quotes (reportkit does not import an XML library to start faster)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return '"' + escaped.replace("\n", "&#10;") + '"'


def findings_junit(file: str, findings: Sequence[Finding]) -> str:
    """JUnit XML: one test case per finding that counts (errors and warnings fail, notes pass)."""
    counted = [f for f in open_findings(list(findings)) if f.severity is not Severity.NOTE]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<testsuite name={quoteattr(file)} tests="{max(len(counted), 1)}" failures="{len(counted)}">']
    for finding in counted:
        lines.append(f"  <testcase classname={quoteattr(finding.rule)} name={quoteattr(finding.id)}>")
        lines.append(f"    <failure type={quoteattr(finding.severity.value)} "
                     f"message={quoteattr(f'{finding.where}: {finding.message}')}/>")
        lines.append("  </testcase>")
    if not counted:
        lines.append(f'  <testcase classname="reportkit.validate" name={quoteattr(file)}/>')
    lines.append("</testsuite>")
    return "\n".join(lines)


MACHINE_FORMATS = {"json": findings_json, "sarif": findings_sarif, "junit": findings_junit}
