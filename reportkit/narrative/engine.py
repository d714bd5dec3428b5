"""Render the narrative: a sandboxed Jinja2 environment over the county's folder and the defaults."""

from __future__ import annotations

import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportkit.document.model import Block
from reportkit.editions import REGISTRY
from reportkit.narrative.errors import TemplateFailure
from reportkit.narrative.filters import FILTERS, PENDING
from reportkit.narrative.markup import MarkupError, parse_markup
from reportkit.narrative.overrides import TrackingLoader, check_overrides


def default_loader() -> jinja2.BaseLoader:
    """Every edition's default templates under its name ("2021/active.j2"), its own before its base's."""
    return jinja2.PrefixLoader({
        name: jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(folder)) for folder in folders])
        for name, folders in REGISTRY.template_folders().items()
    })


def environment(county: Sequence[Path] = ()) -> ImmutableSandboxedEnvironment:
    """The county's folders first, then the defaults; "default/…" always names the default template.

    Sandboxed: templates read only what they are given (no files, no Python internals); a name that is
    not defined is an error, never a blank.
    """
    defaults = default_loader()
    loader = jinja2.ChoiceLoader([
        jinja2.PrefixLoader({"default": defaults}),
        *(TrackingLoader(folder) for folder in county),
        defaults,
    ])
    env = ImmutableSandboxedEnvironment(
        loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
        lstrip_blocks=True, keep_trailing_newline=True,
        finalize=lambda value: PENDING if value is None else value,  # a blank figure shows, never vanishes
    )
    env.filters.update(FILTERS)
    return env


def _template_frame(exc: BaseException) -> tuple[str, int | None]:
    # Jinja2 rewrites tracebacks so that frames inside a template carry its file name and line.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", ".jinja"))]
    return (frames[-1].filename, frames[-1].lineno) if frames else ("<template>", None)


def render_text(entry: str, context: Mapping[str, Any], county: Sequence[Path] = ()) -> tuple[str, str]:
    """The markup text of template ``entry`` and the file it came from."""
    env = environment(county)
    try:
        template = env.get_template(entry)
        text = template.render(**context)
        check_overrides(env, entry.partition("/")[0])
        return text, template.filename or entry
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateFailure(exc.filename or exc.name or entry, exc.lineno, f"syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        file, line = _template_frame(exc)
        looked = ", ".join([*map(str, county), "the defaults"])
        message = f"template {exc.name!r} not found (looked in {looked})"
        raise TemplateFailure(file if line else entry, line, message) from None
    except jinja2.UndefinedError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, f"undefined: {exc.message}") from None
    except SecurityError as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, f"not allowed in a template: {exc}") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        file, line = _template_frame(exc)
        raise TemplateFailure(file, line, f"{type(exc).__name__}: {exc}") from None


def render_narrative(edition: str, context: Mapping[str, Any], county: Sequence[Path] = ()) -> tuple[Block, ...]:
    """The body of a report from ``<edition>/report.j2`` (the county's if it has one, else the default)."""
    text, file = render_text(f"{edition}/report.j2", context, county)
    try:
        return parse_markup(text)
    except MarkupError as exc:
        raise TemplateFailure(file, None, f"line {exc.line} of the rendered text: {exc.message}") from None
