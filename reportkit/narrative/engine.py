"""Render the narrative: a sandboxed Jinja2 environment over the county's folder and the defaults.

This runs in the bounded child (reportkit.narrative.bounded, which the rest of reportkit calls).
"""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment
from jinja2.utils import missing

from reportkit.editions import REGISTRY
from reportkit.errors import listing
from reportkit.i18n import _
from reportkit.limits import exceeded, limit
from reportkit.narrative import bytecode
from reportkit.narrative.compiled import learned
from reportkit.narrative.errors import TemplateFailure
from reportkit.narrative.filters import FILTERS, PENDING
from reportkit.narrative.markup import (
    BOUND_CLOSE,
    BOUND_OPEN,
    ValueProblem,
    escape_value,
)
from reportkit.narrative.overrides import TrackingLoader, check_overrides
from reportkit.narrative.sandbox import FolderLoader


class _Text:
    """A value printed by a template: markupsafe.escape takes its ``__html__`` as it is (no HTML escaping)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __html__(self) -> str:
        return self.text


def _finalize(value: object) -> object:
    """Every ``{{ value }}``: a blank figure shows as 待填写, never vanishes; data is text, never markup.

    With autoescape on, what templates themselves write (a block, a macro, ``super()``) arrives as Markup and
    stays markup; anything else is a value, escaped for the markup parser (:func:`escape_value`) and marked as
    printed from the data (:data:`BOUND_OPEN` … :data:`BOUND_CLOSE`, taken out by :func:`parse_bound`).
    """
    if isinstance(value, markupsafe.Markup):
        return value
    return _Text(f"{BOUND_OPEN}{escape_value(PENDING if value is None else str(value))}{BOUND_CLOSE}")


class _EditionTemplates(Mapping[str, jinja2.BaseLoader]):
    """Each edition's name to a loader of its default templates, its own folder before its base's; made when
    first asked for. A national edition's are found without reading the installed packages' entry points
    (importlib.metadata and the scan: a fifth of a second, in every report's child); any other name, or the
    list of them all, reads them."""

    def __init__(self) -> None:
        self._made: dict[str, jinja2.BaseLoader] = {}

    def __getitem__(self, name: str) -> jinja2.BaseLoader:
        if name not in self._made:
            edition = REGISTRY.get(name)
            if edition is None:
                raise KeyError(name)
            self._made[name] = jinja2.ChoiceLoader([FolderLoader(folder) for folder in edition.templates])
        return self._made[name]

    def __iter__(self) -> Iterator[str]:
        return iter(REGISTRY.template_folders())

    def __len__(self) -> int:
        return len(REGISTRY.template_folders())


def default_loader() -> jinja2.BaseLoader:
    """Every edition's default templates under its name ("2021/active.j2"), its own before its base's."""
    return jinja2.PrefixLoader(_EditionTemplates())


def environment(county: Sequence[Path] = ()) -> ImmutableSandboxedEnvironment:
    """The county's folders first, then the defaults; "default/…" always names the default template.

    Sandboxed: templates read only what they are given (no files outside their folders, no Python
    internals); a name that is not defined is an error, never a blank.
    """
    defaults = default_loader()
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": defaults}),
        *(TrackingLoader(folder) for folder in county),
        defaults,
    ])
    env = ImmutableSandboxedEnvironment(
        loader=loader, undefined=_Undefined, autoescape=True,
        lstrip_blocks=True, keep_trailing_newline=True, finalize=_finalize,
        bytecode_cache=bytecode.CompiledTemplates(),
    )
    env.filters.update(FILTERS)
    del env.globals["lipsum"]  # ten million words of Latin on request: nothing a report needs
    return env


# What the template being rendered sees (set by _rendered, in the child process that renders): where a name
# that is missing was looked for, and what the closest names are.
_SEEN: list[Mapping[str, Any]] = []


class _Missing(jinja2.UndefinedError):
    """A name or attribute a template uses that does not exist; the message is reportkit's own."""


def _fields(value: object) -> list[str]:
    cls: Any = type(value)
    return [f.name for f in attrs.fields(cls)]


def _names_of(value: object) -> list[str]:
    if attrs.has(type(value)):
        return _fields(value)
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    return []


def _path_to(target: object, context: Mapping[str, Any]) -> str | None:
    """Where ``target`` stands in the context, as a template writes it (stats.active), if it is found there."""
    todo: list[tuple[str, object, int]] = [(str(k), v, 1) for k, v in context.items()]
    while todo:
        path, value, depth = todo.pop(0)
        if value is target:
            return path
        if depth < 6:
            if attrs.has(type(value)):
                todo.extend((f"{path}.{name}", getattr(value, name), depth + 1) for name in _fields(value))
            elif isinstance(value, Mapping):
                todo.extend((f"{path}.{k}", v, depth + 1) for k, v in value.items())
    return None


def _missing_message(name: str, known: list[str], where: str | None) -> str:
    hint = difflib.get_close_matches(name, known, n=1)
    shown = listing(known[:12]) + ("…" if len(known) > 12 else "")
    if where is None:
        return (_("{name} is not defined; did you mean {hint}?", name=name, hint=hint[0]) if hint
                else _("{name} is not defined", name=name))
    if hint:
        return _("{where} has no {name} (it has: {known}); did you mean {hint}?", where=where, name=name,
                 known=shown, hint=hint[0])
    return _("{where} has no {name} (it has: {known})", where=where, name=name, known=shown)


class _Undefined(jinja2.StrictUndefined):
    """StrictUndefined that says in the user's words what is missing, where, and the closest names: never a
    Python class path such as 'reportkit.editions.e2018.ActiveDisclosure object'."""

    __slots__ = ()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[jinja2.TemplateRuntimeError] = _Missing) -> None:
        super().__init__(hint, obj, name, _Missing)

    @property
    def _undefined_message(self) -> str:
        if self._undefined_hint or not isinstance(self._undefined_name, str):
            return str(super()._undefined_message)
        context = _SEEN[-1] if _SEEN else {}
        if self._undefined_obj is missing:
            return _missing_message(self._undefined_name, sorted(context), None)
        known = _names_of(self._undefined_obj)
        where = _path_to(self._undefined_obj, context) if context else None
        if where is None or not known:
            return str(super()._undefined_message)
        return _missing_message(self._undefined_name, known, where)


_NO_FILTER = re.compile(r"^No filter named '(?P<name>[^']+)'")
_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(?P<tag>\w+)'")
_OPENER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


def _unclosed_print(source: str) -> int | None:
    """The line of the first ``{{`` that the next delimiter does not close, if there is one."""
    opened: tuple[str, int] | None = None
    for found in _OPENER.finditer(source):
        token = found.group()
        if opened is None:
            if token in ("{{", "{%", "{#"):
                opened = (token, found.start())
        elif opened[0] == "{#":
            opened = None if token == "#}" else opened
        elif opened[0] == "{{" and token != "}}":
            return source.count("\n", 0, opened[1]) + 1
        elif token in ("}}", "%}"):
            opened = None
    if opened is not None and opened[0] == "{{":
        return source.count("\n", 0, opened[1]) + 1
    return None


_TAG = re.compile(r"\{%[-+]?\s*(\w+)")
_BLOCKS = ("if", "for", "block", "macro", "call", "filter", "with", "autoescape")


def _opened_at(source: str, tag: str, before: int | None) -> int | None:
    """The line where the ``{% tag %}`` left open stands: the innermost one still open at line ``before``."""
    stack: list[tuple[str, int]] = []
    for found in _TAG.finditer(source):
        line = source.count("\n", 0, found.start()) + 1
        if before is not None and line > before:
            break
        name = found[1]
        if name in _BLOCKS:
            stack.append((name, line))
        elif name.startswith("end") and stack and stack[-1][0] == name[3:]:
            stack.pop()
    lines = [line for name, line in stack if name == tag]
    return lines[-1] if lines else None


def _syntax(exc: jinja2.TemplateSyntaxError, env: jinja2.Environment) -> tuple[int | None, str]:
    """A syntax error's line and message: in the user's words for the common mistakes, else jinja's quoted."""
    detail = exc.message or ""
    no_filter = _NO_FILTER.match(detail)
    if no_filter:
        hint = difflib.get_close_matches(no_filter["name"], list(env.filters), n=1)
        return exc.lineno, (_("there is no filter {name}; did you mean {hint}?", name=no_filter["name"], hint=hint[0])
                            if hint else _("there is no filter {name}", name=no_filter["name"]))
    innermost = _INNERMOST.search(detail)
    if innermost:
        opened = _opened_at(exc.source, innermost["tag"], exc.lineno) if exc.source else None
        return opened or exc.lineno, _("{{% {tag} %}} is not closed: {{% end{tag} %}} is missing", tag=innermost["tag"])
    if detail.startswith("unexpected char") or "end of print statement" in detail:
        line = _unclosed_print(exc.source) if exc.source else None
        if line is not None:
            return line, _("{{ is not closed: }} is missing")
    return exc.lineno, _("syntax error: {detail}", detail=detail)


def _template_frame(exc: BaseException) -> tuple[str, int | None]:
    # Jinja2 rewrites tracebacks so that frames inside a template carry its file name and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", ".jinja"))]
    return (frames[-1].filename, frames[-1].lineno) if frames else ("<template>", None)


def _render(env: ImmutableSandboxedEnvironment, entry: str, context: Mapping[str, Any]) -> tuple[str, str]:
    template = env.get_template(entry)
    chunks: list[str] = []
    size = 0
    for chunk in template.generate(**context):
        size += len(chunk) - chunk.count(BOUND_OPEN) - chunk.count(BOUND_CLOSE)  # the text, not its markers
        if size > limit("narrative_chars"):
            raise TemplateFailure(template.filename or entry, None, _("the templates write more text than a report "
                                                                      "holds {limit}",
                                                                      limit=exceeded("narrative_chars")))
        chunks.append(chunk)
    check_overrides(env, entry.partition("/")[0])
    return "".join(chunks), template.filename or entry


def rendered(entry: str, context: Mapping[str, Any], county: Sequence[Path]) -> tuple[str, str, Any]:
    """Template ``entry`` rendered (in the bounded child): its markup text, its file, and what was compiled."""
    env = environment(county)
    _SEEN[:] = [context]
    try:
        return (*_render(env, entry, context), learned())
    except jinja2.TemplateSyntaxError as exc:
        line, message = _syntax(exc, env)
        raise TemplateFailure(exc.filename or exc.name or entry, line, message) from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_frame(exc)
        looked = listing([*map(str, county), _("the defaults")])
        message = _("template {name} not found (looked in {looked})", name=repr(exc.name), looked=looked)
        raise TemplateFailure(file if line else entry, line, message) from None
    except _Missing as exc:  # reportkit's own words: not quoted
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, exc.message or "") from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("undefined: {detail}", detail=exc.message or "")) from None
    except SecurityError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("not allowed in a template: {detail}", detail=str(exc))) from None
    except ValueProblem as exc:  # reportkit's own words: not quoted
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, str(exc)) from None
    except ZeroDivisionError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("division by zero")) from None
    except OverflowError as exc:
        file, line = _template_frame(exc)
        message = (_("range() gives at most {most} numbers in a template", most=MAX_RANGE)
                   if "Range too big" in str(exc) else _("failed: {detail}", detail=str(exc)))
        raise TemplateFailure(file, line, message) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("failed: {detail}", detail=str(exc))) from None
    except RecursionError as exc:
        # Named where the endless include, extends or call is (the template's own line), not by the file the
        # report starts from.
        file, line = _template_frame(exc)
        if not line:
            file = str(county[0] / entry) if county else entry
        raise TemplateFailure(file, line, _("a template includes, extends or calls itself without end")) from None
