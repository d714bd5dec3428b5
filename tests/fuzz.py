"""Structure-aware mutations of a report's data and of a county's template, for tests/test_fuzz.py.

Data: a value replaced by another type, a hostile string (markup, line breaks, control characters, huge),
a huge or odd number; a key removed, renamed or added; a table nested in a list; written as JSON or YAML,
or the TOML text itself cut, doubled or spliced line by line. Templates: Jinja syntax broken or hostile
(includes of other files, itself, paths out of the folder; huge loops; undefined names), markup lines
(headings of any level, enumerations, ``@table``) and characters no report holds.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import yaml

STRINGS = [
    "", " ", "待填写", "# 标题", "## 注入\n@table stats", "- 一是", "@table stats", "甲\n乙", "甲\r乙", "甲\t乙",
    "甲\u2028乙", "甲\x07乙", "甲\ufdd0乙", "\ud800", "x" * 300, "某" * 100_001, "1E+99999999", "-0", "nan", "inf",
    "2019-13-45", "2018-01-01", "0.0000001", "{{ 7*7 }}", "{% include '/etc/passwd' %}", "../../../etc/passwd",
    "/dev/zero", "/", "templates", "fake.ttf", "丁塘镇 ", "\uff11\uff12", "<b>&amp;</b>", "🙂", "𠀀",
]
NUMBERS: list[Any] = [0, -1, 1, 3, 10**15, 10**20, -(10**20), 2**63, 0.5, -0.0, 1e300, float("inf"), float("nan"),
                      True, False, None]
SNIPPETS = [
    "{{ county }}", "{{ contact.address }}", "{{ stats.applications.received | approx }}", "{{ stats.nope }}",
    "{{ nope }}", "{{ 1/0 }}", "{{ 10**10**10 }}", "{{ 'x' * 10**9 }}", '{{ "x"|center(10**9) }}',
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    '{% include "2018/report.j2" %}', '{% include "/etc/passwd" %}', '{% include "../../../../etc/passwd" %}',
    '{% include "2018/nope.j2" %}', '{% extends "2018/report.j2" %}', '{% extends "default/2019/report.j2" %}',
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ ''.__class__.__mro__ }}", "{{ lipsum(10**7) }}",
    "{% if %}", "{% endif %}", "{% block x %}", "{% endblock %}", "{{", "}}", "{#", "{% raw %}", "{{ stats|list }}",
    "{{ meta }}", "{{ period_start | date }}", "{{ year | cn }}", "{{ 5 | percent(0) }}", "{{ none }}",
    "# 新标题", "## 二级", "### 三级", "#### 四级", "##### 五级", "# 一、有编号", "- 列举", "@table stats",
    "@table nope", "@table", "\n\n", "\t缩进", "甲\x07乙", "甲\u2028乙", "\ufdd0", "{{ '甲\n乙' }}",
]


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``data`` (keys and list indexes)."""
    out = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _paths(value, (*prefix, i))
    return out


def _value(rng: random.Random) -> Any:
    kind = rng.random()
    if kind < 0.45:
        return rng.choice(STRINGS)
    if kind < 0.8:
        return rng.choice(NUMBERS)
    if kind < 0.9:
        return rng.choice([{}, [], {"x": 1}, [1, 2], [[[]]], {"heading": "# 标题", "level": 9}])
    return "9" * rng.choice([20, 4400])  # as text; a number of 4400 digits is written into the JSON below


def mutate_data(original: dict[str, Any], rng: random.Random) -> tuple[str, str]:
    """A mutated copy of ``original`` as (suffix, file text)."""
    data = copy.deepcopy(original)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        path = rng.choice(_paths(data)[1:])
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        key = path[-1]
        action = rng.random()
        if action < 0.55:
            parent[key] = _value(rng)
        elif action < 0.7:
            del parent[key]
        elif action < 0.8 and isinstance(parent, dict):
            parent[f"{key}x"] = parent.pop(key)  # a misspelt key
        elif action < 0.9:
            parent[key] = [parent[key]] if rng.random() < 0.5 else {"nested": parent[key]}
        elif isinstance(parent, dict):
            parent[rng.choice(["extra", "stats", "edition", "templates", "body", "layout"])] = _value(rng)
    if rng.random() < 0.5:
        text = json.dumps(data, ensure_ascii=False, default=str, allow_nan=True)
        return ".json", text.replace('"' + "9" * 4400 + '"', "9" * 4400)
    return ".yaml", yaml.safe_dump(data, allow_unicode=True)


def mutate_toml(text: str, rng: random.Random) -> str:
    """The TOML text with a line dropped, doubled, moved or spliced with a hostile string."""
    lines = text.splitlines()
    for _ in range(rng.choice([1, 2])):
        i = rng.randrange(len(lines))
        action = rng.random()
        if action < 0.3:
            del lines[i]
        elif action < 0.5:
            lines.insert(i, lines[i])  # a key given twice, a table opened twice
        elif action < 0.7:
            lines.insert(rng.randrange(len(lines)), lines.pop(i))
        else:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut] + json.dumps(rng.choice(STRINGS), ensure_ascii=False)[1:-1] + lines[i][cut:]
    return "\n".join(lines) + "\n"


def mutate_template(text: str, rng: random.Random) -> str:
    """The template with snippets inserted, lines dropped or doubled, characters cut."""
    lines = text.splitlines()
    for _ in range(rng.choice([1, 1, 2, 3])):
        i = rng.randrange(len(lines) + 1)
        action = rng.random()
        if action < 0.6:
            snippet = rng.choice(SNIPPETS)
            if i < len(lines) and rng.random() < 0.5:
                cut = rng.randrange(len(lines[i]) + 1)
                lines[i] = lines[i][:cut] + snippet + lines[i][cut:]
            else:
                lines.insert(i, snippet)
        elif action < 0.75 and i < len(lines):
            del lines[i]
        elif action < 0.9 and i < len(lines):
            lines.insert(i, lines[i])
        elif i < len(lines) and lines[i]:
            cut = rng.randrange(len(lines[i]))
            lines[i] = lines[i][:cut] + lines[i][cut + 1:]
    return "\n".join(lines) + "\n"
