"""The one item the crawler produces: an article response, exactly as fetched, with provenance."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ArticleResponse:
    """An HTML article page reached from a discovery route, ready to be archived."""

    url: str
    canonical: str
    status: int
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    request_headers: list[tuple[str, str]]
    method: str
    fetched_at: str
    source: str
    route: str | None
    found_on: str | None
    route_date: str | None
    content_hash: str
    aliases: tuple[str, ...] = ()  # other canonical URLs that lead to this page (redirects, AMP)
