"""The article body of an HTML page, mapped character by character into the page.

Built on the standard library's HTMLParser with `convert_charrefs=False`, so every text
node is a verbatim slice of the page and entities are short replacements: the body
stays traceable to the raw HTML, which is what an article's raw_text keeps. (A
readability library such as trafilatura extracts well but returns plain text with no
way back to the page, and brings lxml and a dozen dependencies.)

Kept: text outside scripts, styles, navigation, headers, footers, asides, forms and
elements whose class or id says comments, sharing, related links or ads; inside
<article> (or <main>) only, when the page has one. Block elements become line breaks.
"""

from __future__ import annotations

import html
import re
from array import array
from html.parser import HTMLParser

from models.text.cleaning import Mapped

_SKIP = {
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
    "form", "iframe", "button", "select", "textarea", "head", "menu", "title",
}  # fmt: skip
_VOID = {"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col"}
_BLOCK = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "section", "article",
    "blockquote", "pre", "hr", "table", "ul", "ol", "dd", "dt", "figcaption", "main",
}  # fmt: skip
_SKIP_CLASS = re.compile(
    r"comment|nav|footer|sidebar|share|related|breadcrumb|advert|\bads?\b|menu|social|cookie"
    r"|recommend|copyright",
    re.IGNORECASE,
)
_META_KEYS = {
    "og:title": "title",
    "og:site_name": "outlet",
    "og:url": "url",
    "article:published_time": "published",
    "pubdate": "published",
    "publishdate": "published",
    "date": "published",
}


class _BodyParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=False)
        self.page = page
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", page)]
        self.stack: list[tuple[str, bool]] = []
        self.skipping = 0
        self.in_article = 0
        self.pieces: list[tuple[str, int, int, bool]] = []  # text, raw start, raw len, in article
        self.meta: dict[str, str] = {}
        self._title: list[str] = []
        self._in_title = False

    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(self, text: str, start: int, length: int) -> None:
        if self._in_title:
            self._title.append(text)
        if not self.skipping:
            self.pieces.append((text, start, length, self.in_article > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.setdefault("language", a["lang"])
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key in _META_KEYS and a.get("content"):
                self.meta.setdefault(_META_KEYS[key], a["content"])
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("url", a["href"])
        elif tag == "time" and a.get("datetime"):
            self.meta.setdefault("published", a["datetime"])
        elif tag == "title":
            self._in_title = True
        if tag == "body":  # a <head> left open ends here
            self.handle_endtag("head")
        if tag in _BLOCK:
            self._emit("\n", self._pos(), 1)
        if tag in _VOID:
            return
        skip = tag in _SKIP or bool(_SKIP_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}"))
        self.stack.append((tag, skip))
        self.skipping += skip
        self.in_article += tag in ("article", "main")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            t, skip = self.stack.pop()
            self.skipping -= skip
            self.in_article -= t in ("article", "main")
            if t == tag:
                break
        if tag in _BLOCK:
            self._emit("\n", self._pos(), 1)

    def handle_data(self, data: str) -> None:
        self._emit(data, self._pos(), len(data))

    def handle_entityref(self, name: str) -> None:
        start = self._pos()
        self._emit(html.unescape(f"&{name};"), start, len(name) + 2)

    def handle_charref(self, name: str) -> None:
        start = self._pos()
        self._emit(html.unescape(f"&#{name};"), start, len(name) + 3)


def extract_body(page: str) -> tuple[Mapped, dict[str, str]]:
    """The body text of `page` mapped into it, and the metadata the page declares
    (title, outlet, url, published, language)."""
    parser = _BodyParser(page)
    parser.feed(page)
    parser.close()
    pieces = parser.pieces
    if any(in_article for *_, in_article in pieces):
        pieces = [p for p in pieces if p[3]]
    raw_at = array("i")
    for text, start, length, _ in pieces:
        last = start + max(length, 1) - 1
        raw_at.extend(min(start + i, last) for i in range(len(text)))
    meta = dict(parser.meta)
    title = " ".join("".join(parser._title).split())
    if title:
        meta.setdefault("title", title)
    return Mapped("".join(p[0] for p in pieces), raw_at), meta
