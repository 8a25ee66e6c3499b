"""Templates and escaping: every piece of HTML the library makes comes through here.

HTML lives in template files under templates/, filled by Jinja with autoescaping on, so data
shows as text. JSON for <script> tags goes through `script_json`, which also escapes the
characters that could close the tag or break a JavaScript string.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

_JINJA_OPENER = re.compile(r"\{(?=[{%#])")  # "{{", "{%" and "{#" open Jinja syntax
_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "'": "\\u0027",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> Markup:
    """JSON that is safe inside <script> and inside an HTML attribute, whatever the data holds.

    It is also inert as a Jinja template: folium's renderer (branca) compiles the scripts it
    renders as templates again, so a `{{ ... }}` in the data would be evaluated. No structural
    brace of compact JSON is followed by `{`, `%` or `#`, so only braces inside strings change.
    """
    return script_json_text(
        json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    )


def script_json_text(text: str) -> Markup:
    """JSON text someone else serialised, escaped as script_json escapes it.

    Every character replaced here may stand only inside a JSON string, where its \\u escape
    reads the same; text that is not JSON still cannot end the <script> block it goes in.
    """
    for char, escape in _SCRIPT_ESCAPES.items():
        text = text.replace(char, escape)
    text = _JINJA_OPENER.sub(r"\\u007b", text)
    return Markup(text)  # noqa: S704 - every character that could end the tag is escaped above


def jinja_inert(html: str) -> str:
    """HTML that reads the same but holds no Jinja syntax, for strings handed to folium."""
    return html.replace("{", "&#123;")


def stable_id(kind: str, *parts: Any) -> str:
    """An HTML id derived from content, so two renders of the same data are byte-identical."""
    digest = hashlib.sha1(
        json.dumps(parts, sort_keys=True, default=str).encode(), usedforsecurity=False
    ).hexdigest()
    return f"{kind}-{digest[:10]}"


def place_anchor(place_id: str) -> str:
    """The id of a place's entry in the map's text version: the article's glosses and the FAQ
    link a place there."""
    return f"bk-place-{place_id}"  # ids are [a-z0-9-] (model.Id): safe as they are


def safe_url(url: str | None) -> str | None:
    """Only http(s) links reach an href; anything else (javascript:, data:) is dropped."""
    if url and url.startswith(("https://", "http://")):
        return url
    return None


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, for which a write that fails (a full disk) only means no cache."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept between processes, as Python keeps .pyc files: a fresh kernel
    then skips compiling the book's templates (about 0.03 s). Jinja checks each entry against
    the template's source and its own version, and keeps them in a directory of this user's
    only (it refuses one anybody else could write to); without one, templates compile as usual.
    """
    try:
        return _BytecodeCache()
    except (OSError, RuntimeError):
        return None


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("briefing", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = script_json
    env.filters["safe_url"] = safe_url
    env.globals["stable_id"] = stable_id
    return env


def render(template: str, **context: Any) -> str:
    """Fill a template from templates/ with escaped data."""
    return environment().get_template(template).render(**context)
