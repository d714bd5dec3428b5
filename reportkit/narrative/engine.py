"""Render the narrative: a sandboxed Jinja2 environment over the county's folder and the defaults."""

from __future__ import annotations

import traceback
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportkit.document.model import Block
from reportkit.editions import REGISTRY
from reportkit.errors import listing
from reportkit.i18n import _
from reportkit.limits import exceeded, limit
from reportkit.narrative import compiled
from reportkit.narrative.errors import TemplateFailure
from reportkit.narrative.filters import FILTERS, PENDING
from reportkit.narrative.isolate import run_bounded
from reportkit.narrative.markup import (
    BOUND_CLOSE,
    BOUND_OPEN,
    MarkupError,
    Span,
    ValueProblem,
    escape_value,
    parse_bound,
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
        loader=loader, undefined=jinja2.StrictUndefined, autoescape=True,
        lstrip_blocks=True, keep_trailing_newline=True, finalize=_finalize,
        bytecode_cache=compiled.CompiledTemplates(),
    )
    env.filters.update(FILTERS)
    del env.globals["lipsum"]  # ten million words of Latin on request: nothing a report needs
    return env


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


def render_text(entry: str, context: Mapping[str, Any], county: Sequence[Path] = ()) -> tuple[str, str]:
    """The markup text of template ``entry`` and the file it came from, rendered within the limits of
    :mod:`reportkit.narrative.isolate` (time, memory) and ``narrative_chars``."""
    where = str(county[0] / entry) if county else entry
    text, file, found = run_bounded(lambda: _rendered(entry, context, county), where)
    compiled.absorb(found)  # the next report's child starts with what this one compiled
    return text, file


def _rendered(entry: str, context: Mapping[str, Any], county: Sequence[Path]) -> tuple[str, str, Any]:
    env = environment(county)
    try:
        return (*_render(env, entry, context), compiled.learned())
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailure(exc.filename or exc.name or entry, exc.lineno,
                              _("syntax error: {detail}", detail=exc.message or "")) from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_frame(exc)
        looked = listing([*map(str, county), _("the defaults")])
        message = _("template {name} not found (looked in {looked})", name=repr(exc.name), looked=looked)
        raise TemplateFailure(file if line else entry, line, message) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("undefined: {detail}", detail=exc.message or "")) from None
    except SecurityError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("not allowed in a template: {detail}", detail=str(exc))) from None
    except ValueProblem as exc:  # reportkit's own words: not quoted
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, str(exc)) from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, _("{kind}: {detail}", kind=type(exc).__name__, detail=str(exc))) from None
    except RecursionError as exc:
        # Named where the endless include, extends or call is (the template's own line), not by the file the
        # report starts from.
        file, line = _template_frame(exc)
        if not line:
            file = str(county[0] / entry) if county else entry
        raise TemplateFailure(file, line, _("a template includes, extends or calls itself without end")) from None


def render_narrative(edition: str, context: Mapping[str, Any], county: Sequence[Path] = (),
                     tables: Collection[str] | None = None) -> tuple[Block, ...]:
    """The body of a report from ``<edition>/report.j2`` (the county's if it has one, else the default);
    ``tables``: the names ``@table`` may give."""
    return render_bound(edition, context, county, tables)[0]


def render_bound(edition: str, context: Mapping[str, Any], county: Sequence[Path] = (),
                 tables: Collection[str] | None = None) -> tuple[tuple[Block, ...], frozenset[Span]]:
    """:func:`render_narrative`, and where in its paragraphs the values printed from the data stand
    ((paragraph, offset, length), for the checker's ``text-binding``)."""
    text, file = render_text(f"{edition}/report.j2", context, county)
    try:
        return parse_bound(text, tables)
    except MarkupError as exc:
        raise TemplateFailure(file, None, _("line {line} of the rendered text: {message}", line=exc.line,
                                            message=exc.message)) from None
