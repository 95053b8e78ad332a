"""Articles from files named on the `pantau extract` command line.

`.html`/`.htm` pages go through parse_page, `.txt` is taken as the article text, `.jsonl` holds
one article per line (`text` or `html`, optional `id`, `url`, `title`, `published`), folders are
read recursively in sorted order. Anything unusable is reported through `on_skip(path, reason)`
and skipped, so one bad file never stops a batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from extract.model import Article, Page
from extract.page import UnusablePage, decode_html, parse_page

SkipHandler = Callable[[str, str], None]
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = HTML_SUFFIXES | {".txt", ".jsonl"}


def iter_file_articles(paths: Iterable[Path], *, on_skip: SkipHandler) -> Iterator[Article]:
    """Every article in `paths` (files or folders), in the order given, folders sorted."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                yield from _file_articles(child, on_skip)
        elif path.exists():
            yield from _file_articles(path, on_skip)
        else:
            on_skip(str(path), "no such file or folder")


def _file_articles(path: Path, on_skip: SkipHandler) -> Iterator[Article]:
    where = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        on_skip(where, f"unsupported file type {suffix or '(none)'!r}: use .html, .txt or .jsonl")
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        on_skip(where, f"cannot read: {error.strerror or error}")
        return
    if not data.strip():
        on_skip(where, "empty file")
        return
    if suffix in HTML_SUFFIXES:
        article = _html_article(data, where, on_skip)
        if article is not None:
            yield article
    elif suffix == ".txt":
        text = _text(data, where, on_skip)
        if text is not None:
            yield Article(doc_id=where, text=text, url=None, date_source=None)
    else:
        yield from _jsonl_articles(data, where, on_skip)


def _html_article(data: bytes, where: str, on_skip: SkipHandler) -> Article | None:
    try:
        return parse_page(Page(url=where, body=data))
    except UnusablePage as reason:
        on_skip(where, str(reason))
        return None


def _text(data: bytes, where: str, on_skip: SkipHandler) -> str | None:
    if b"\x00" in data[:4096]:
        on_skip(where, "binary file, not text")
        return None
    text = decode_html(data).strip()
    if not text:
        on_skip(where, "empty file")
        return None
    return text


def _jsonl_articles(data: bytes, where: str, on_skip: SkipHandler) -> Iterator[Article]:
    if b"\x00" in data[:4096]:
        on_skip(where, "binary file, not JSON Lines")
        return
    lines = decode_html(data).splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        article = _jsonl_article(line, number, where, on_skip)
        if article is not None:
            yield article


def _jsonl_article(line: str, number: int, where: str, on_skip: SkipHandler) -> Article | None:
    try:
        item = json.loads(line)
    except ValueError as error:
        on_skip(where, f"line {number}: not valid JSON ({error.msg})")
        return None
    if not isinstance(item, dict):
        on_skip(where, f"line {number}: expected a JSON object")
        return None
    doc_id = str(item.get("id") or item.get("url") or f"{where}#{number}")
    url = item.get("url") if isinstance(item.get("url"), str) else None
    title = item.get("title") if isinstance(item.get("title"), str) else None
    published = item.get("published") if isinstance(item.get("published"), str) else None
    text, html = item.get("text"), item.get("html")
    if isinstance(text, str) and text.strip():
        return Article(
            doc_id=doc_id,
            text=text,
            url=url,
            title=title,
            published=published,
            date_source="input" if published else None,
        )
    if isinstance(html, str) and html.strip():
        try:
            article = parse_page(Page(url=url or doc_id, body=html.encode("utf-8")))
        except UnusablePage as reason:
            on_skip(where, f"line {number}: {reason}")
            return None
        article.doc_id = doc_id if item.get("id") else article.doc_id
        article.title = title or article.title
        if published:
            article.published, article.date_source = published, "input"
        return article
    on_skip(where, f"line {number}: no 'text' or 'html' field")
    return None
