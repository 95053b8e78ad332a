"""Checks on a fetched article response: is it HTML, what charset does it claim, does it
name another URL as canonical. Pure functions over bytes (no Scrapy)."""

from __future__ import annotations

import re
from http import HTTPStatus
from urllib.parse import urljoin

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
_CANONICAL_LINK = re.compile(
    rb"<link\b[^>]*\brel\s*=\s*[\"']?canonical[\"']?[^>]*>", re.IGNORECASE | re.DOTALL
)
_HREF = re.compile(rb"\bhref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


def status_phrase(status: int) -> str:
    """The standard reason phrase for a status code ('' for unknown codes)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def looks_like_html(ctype: str, body: bytes) -> bool:
    """False for binary bodies (PDF, images, archives — whatever the URL or header says) and for
    non-HTML Content-Types; malformed HTML still counts as HTML."""
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return False
    if ctype and not any(t in ctype for t in _HTML_TYPES):
        return False
    return head.startswith(b"<") or b"<html" in head.lower() or b"<p" in head.lower()


def declared_charset(ctype: str, body: bytes) -> str | None:
    """The charset the header, else the first <meta>, claims (lower case), or None."""
    match = re.search(r"charset=([\w-]+)", ctype)
    if match:
        return match.group(1).lower()
    meta = _META_CHARSET.search(body[:4096])
    return meta.group(1).decode("ascii").lower() if meta else None


def decodes(body: bytes, encoding: str) -> bool:
    """Whether the bytes really are in `encoding`."""
    try:
        body.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def page_canonical(body: bytes, base_url: str) -> str | None:
    """The absolute URL of the page's <link rel=canonical>, if it has one."""
    tag = _CANONICAL_LINK.search(body[:200_000])
    if not tag:
        return None
    href = _HREF.search(tag.group(0))
    if not href:
        return None
    return urljoin(base_url, href.group(1).decode("utf-8", "replace").strip())
