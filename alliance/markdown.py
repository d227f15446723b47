"""Markdown written by people (notices) turned into HTML that is safe to show.

markdown-it-py's CommonMark preset with raw HTML disabled (a ``<script>`` typed in the text
comes out as visible text), then nh3 (ammonia) keeps only an allow-list of tags and
attributes, links only to http, https and mailto addresses, and adds
``rel="noopener nofollow"`` to every link.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a",
})
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def render(text: str) -> Markup:
    """``text`` (Markdown) as sanitised HTML, ready for a template."""
    html = _parser.render(text or "")
    clean = nh3.clean(html, tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
                      url_schemes=set(URL_SCHEMES), link_rel="noopener nofollow",
                      strip_comments=True)
    return Markup(clean)  # noqa: S704 (sanitised by nh3 just above)
