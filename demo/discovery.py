"""Discovery documents of the demo sites, shaped like the platforms' real ones.

robots.txt, XML sitemaps (Blogger's paged index, WordPress core's wp-sitemap, a portal's monthly
index plus a Google-News sitemap), RSS/Atom feeds, the WordPress REST API
(`/wp-json/wp/v2/posts`) and Blogger's feed search (`/feeds/posts/default?q=`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from demo.content import DemoArticle, DemoSiteContent
from demo.render import article_path, slugify

WIB = timezone(timedelta(hours=7))
BLOG_ID = "1234567890123456789"


class BadRequest(Exception):
    """A query the real platform rejects with HTTP 400 (carries the JSON error body)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.body = {"code": code, "message": message, "data": {"status": 400}}


def robots_txt(site: DemoSiteContent, base: str) -> str:
    if site.platform == "wordpress":
        return (
            "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
            f"Sitemap: {base}/wp-sitemap.xml\n"
        )
    if site.platform == "blogger":
        return (
            "User-agent: Mediapartners-Google\nDisallow: \n\n"
            "User-agent: *\nDisallow: /search\nAllow: /\n\n"
            f"Sitemap: {base}/sitemap.xml\n"
        )
    return (
        "User-agent: *\nDisallow: /search\nDisallow: /login\nDisallow: /daftar\n\n"
        f"Sitemap: {base}/sitemap.xml\nSitemap: {base}/sitemap-news.xml\n"
    )


def sitemap_index(locations: list[tuple[str, datetime | None]]) -> str:
    items = "".join(
        f"<sitemap><loc>{xml_escape(loc)}</loc>"
        + (f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else "")
        + "</sitemap>\n"
        for loc, lastmod in locations
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{items}</sitemapindex>\n"
    )


def url_set(site: DemoSiteContent, articles: list[DemoArticle], base: str) -> str:
    items = "".join(
        f"<url><loc>{xml_escape(base + article_path(site, a))}</loc>"
        f"<lastmod>{a.published.isoformat()}</lastmod></url>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{items}</urlset>\n"
    )


def news_sitemap(site: DemoSiteContent, articles: list[DemoArticle], base: str) -> str:
    items = "".join(
        f"<url><loc>{xml_escape(base + article_path(site, a))}</loc><news:news>"
        f"<news:publication><news:name>{xml_escape(site.title)}</news:name>"
        f"<news:language>id</news:language></news:publication>"
        f"<news:publication_date>{a.published.isoformat()}</news:publication_date>"
        f"<news:title>{xml_escape(a.title)}</news:title></news:news></url>\n"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        f"{items}</urlset>\n"
    )


def rss(
    site: DemoSiteContent,
    articles: list[DemoArticle],
    base: str,
    self_url: str,
    *,
    full: bool,
) -> str:
    items = []
    for a in articles:
        link = base + article_path(site, a)
        content = f"<content:encoded><![CDATA[{_html_body(a)}]]></content:encoded>" if full else ""
        items.append(
            f"<item><title>{xml_escape(a.title)}</title><link>{xml_escape(link)}</link>"
            f"<dc:creator><![CDATA[{a.author}]]></dc:creator>"
            f"<pubDate>{format_datetime(a.published)}</pubDate>"
            f"<category><![CDATA[{a.category}]]></category>"
            f'<guid isPermaLink="false">{xml_escape(_guid(site, a, base))}</guid>'
            f"<description><![CDATA[{a.excerpt}]]></description>{content}</item>\n"
        )
    built = max((a.published for a in articles), default=datetime(2021, 11, 1, tzinfo=WIB))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f"<channel><title>{xml_escape(site.title)}</title>"
        f'<atom:link href="{xml_escape(self_url)}" rel="self" type="application/rss+xml"/>'
        f"<link>{xml_escape(base)}/</link><description>{xml_escape(site.tagline)}</description>"
        f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>"
        f"<language>{site.language}</language>\n" + "".join(items) + "</channel></rss>\n"
    )


def blogger_feed(
    site: DemoSiteContent, base: str, query: dict[str, str], *, summary: bool = False
) -> tuple[str, str]:
    """Blogger's /feeds/posts/default: Atom (default), alt=rss or alt=json; q= searches posts."""
    matches = _filter(site.articles, query.get("q", ""))
    if query.get("published-min"):
        low = _parse_time(query["published-min"], "published-min")
        matches = [a for a in matches if a.published >= low]
    if query.get("published-max"):
        high = _parse_time(query["published-max"], "published-max")
        matches = [a for a in matches if a.published < high]
    start = _int(query.get("start-index", "1"), "start-index", minimum=1)
    per_page = min(_int(query.get("max-results", "25"), "max-results", minimum=1), 500)
    page = matches[start - 1 : start - 1 + per_page]
    feed_path = "/feeds/posts/summary" if summary else "/feeds/posts/default"
    alt = query.get("alt", "atom")
    if alt == "rss":
        return rss(site, page, base, base + feed_path + "?alt=rss", full=not summary), "rss"
    if alt == "json":
        return json.dumps(_blogger_json(site, page, base, len(matches), start, per_page)), "json"
    return _blogger_atom(site, page, base, feed_path, query, len(matches), start, per_page), "atom"


def _blogger_atom(site, page, base, feed_path, query, total, start, per_page) -> str:
    updated = max((a.published for a in site.articles), default=datetime.now(UTC))
    entries = []
    for a in page:
        link = base + article_path(site, a)
        body = escape(a.excerpt) if summary_only(feed_path) else escape(_html_body(a))
        kind = "summary" if summary_only(feed_path) else "content"
        entries.append(
            f"<entry><id>tag:blogger.com,1999:blog-{BLOG_ID}.post-{a.number}</id>"
            f"<published>{a.published.isoformat(timespec='milliseconds')}</published>"
            f"<updated>{a.published.isoformat(timespec='milliseconds')}</updated>"
            f'<category scheme="http://www.blogger.com/atom/ns#" term="{escape(a.category)}"/>'
            f'<title type="text">{escape(a.title)}</title>'
            f'<{kind} type="html">{body}</{kind}>'
            f'<link rel="alternate" type="text/html" href="{escape(link)}" '
            f'title="{escape(a.title)}"/>'
            f"<author><name>{escape(a.author)}</name></author></entry>\n"
        )
    links = [f'<link rel="alternate" type="text/html" href="{base}/"/>']
    if start - 1 + per_page < total:
        nxt = dict(query, **{"start-index": str(start + per_page), "max-results": str(per_page)})
        qs = "&amp;".join(f"{k}={escape(v)}" for k, v in nxt.items())
        links.append(
            f'<link rel="next" type="application/atom+xml" href="{base}{feed_path}?{qs}"/>'
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        '<feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/" '
        'xmlns:blogger="http://schemas.google.com/blogger/2008" '
        'xmlns:gd="http://schemas.google.com/g/2005">\n'
        f"<id>tag:blogger.com,1999:blog-{BLOG_ID}</id>"
        f"<updated>{updated.isoformat(timespec='milliseconds')}</updated>"
        f'<title type="text">{escape(site.title)}</title>'
        f'<subtitle type="html">{escape(site.tagline)}</subtitle>' + "".join(links) + "\n"
        f"<generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
        f"<openSearch:totalResults>{total}</openSearch:totalResults>"
        f"<openSearch:startIndex>{start}</openSearch:startIndex>"
        f"<openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>\n"
        + "".join(entries)
        + "</feed>\n"
    )


def summary_only(feed_path: str) -> bool:
    return feed_path.endswith("/summary")


def _blogger_json(site, page, base, total, start, per_page) -> dict:
    def entry(a: DemoArticle) -> dict:
        return {
            "id": {"$t": f"tag:blogger.com,1999:blog-{BLOG_ID}.post-{a.number}"},
            "published": {"$t": a.published.isoformat(timespec="milliseconds")},
            "updated": {"$t": a.published.isoformat(timespec="milliseconds")},
            "category": [{"scheme": "http://www.blogger.com/atom/ns#", "term": a.category}],
            "title": {"type": "text", "$t": a.title},
            "content": {"type": "html", "$t": _html_body(a)},
            "link": [
                {
                    "rel": "alternate",
                    "type": "text/html",
                    "href": base + article_path(site, a),
                    "title": a.title,
                }
            ],
            "author": [{"name": {"$t": a.author}}],
        }

    return {
        "version": "1.0",
        "encoding": "UTF-8",
        "feed": {
            "id": {"$t": f"tag:blogger.com,1999:blog-{BLOG_ID}"},
            "title": {"type": "text", "$t": site.title},
            "openSearch$totalResults": {"$t": str(total)},
            "openSearch$startIndex": {"$t": str(start)},
            "openSearch$itemsPerPage": {"$t": str(per_page)},
            "entry": [entry(a) for a in page],
        },
    }


def wp_posts(
    site: DemoSiteContent, base: str, query: dict[str, str]
) -> tuple[list[dict], dict[str, str]]:
    """WordPress REST `GET /wp-json/wp/v2/posts`: search/after/before, paged, newest first."""
    per_page = _int(query.get("per_page", "10"), "per_page", minimum=1)
    if per_page > 100:
        raise BadRequest("rest_invalid_param", "Parameter tidak valid: per_page")
    page = _int(query.get("page", "1"), "page", minimum=1)
    matches = _filter(site.articles, query.get("search", ""))
    for name, keep in (("after", lambda a, t: a > t), ("before", lambda a, t: a < t)):
        if query.get(name):
            limit = _parse_time(query[name], name)
            matches = [a for a in matches if keep(a.published, limit)]
    total = len(matches)
    pages = -(-total // per_page)
    if total and page > pages:
        raise BadRequest(
            "rest_post_invalid_page_number",
            "The page number requested is larger than the number of pages available.",
        )
    chunk = matches[(page - 1) * per_page : page * per_page]
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    links = []
    if page > 1:
        links.append(f'<{_wp_page_url(base, query, page - 1)}>; rel="prev"')
    if page < pages:
        links.append(f'<{_wp_page_url(base, query, page + 1)}>; rel="next"')
    if links:
        headers["Link"] = ", ".join(links)
    return [_wp_post(site, a, base) for a in chunk], headers


def wp_index(site: DemoSiteContent, base: str) -> dict:
    return {
        "name": site.title,
        "description": site.tagline,
        "url": base,
        "home": base,
        "namespaces": ["oembed/1.0", "wp/v2", "wp-site-health/v1"],
        "routes": {"/wp/v2/posts": {"namespace": "wp/v2", "methods": ["GET"]}},
    }


def _wp_post(site: DemoSiteContent, a: DemoArticle, base: str) -> dict:
    local = a.published.astimezone(WIB).replace(tzinfo=None).isoformat()
    gmt = a.published.astimezone(UTC).replace(tzinfo=None).isoformat()
    return {
        "id": a.number,
        "date": local,
        "date_gmt": gmt,
        "guid": {"rendered": _guid(site, a, base)},
        "modified": local,
        "modified_gmt": gmt,
        "slug": a.slug,
        "status": "publish",
        "type": "post",
        "link": base + article_path(site, a),
        "title": {"rendered": escape(a.title, quote=False)},
        "content": {"rendered": _html_body(a), "protected": False},
        "excerpt": {"rendered": f"<p>{escape(a.excerpt, quote=False)}</p>\n", "protected": False},
        "author": 1,
        "featured_media": 0,
        "comment_status": "open",
        "ping_status": "open",
        "sticky": False,
        "format": "standard",
        "categories": [sum(map(ord, slugify(a.category))) % 97 + 2],
        "tags": [],
    }


def _wp_page_url(base: str, query: dict[str, str], page: int) -> str:
    params = dict(query, page=str(page))
    return f"{base}/wp-json/wp/v2/posts?" + "&".join(f"{k}={v}" for k, v in params.items())


def search_articles(articles, search: str) -> list[DemoArticle]:
    return _filter(articles, search)


def _filter(articles, search: str) -> list[DemoArticle]:
    """Every whitespace-separated term must occur in the title, excerpt or body (like WP/Blogger)."""
    terms = [t.lower() for t in search.replace('"', " ").split()]
    if not terms:
        return list(articles)
    found = []
    for a in articles:
        haystack = " ".join((a.title, *a.paragraphs)).lower()
        if all(term in haystack for term in terms):
            found.append(a)
    return found


def _parse_time(value: str, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "+"))
    except ValueError:
        raise BadRequest("rest_invalid_param", f"Parameter tidak valid: {name}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=WIB)


def _int(value: str, name: str, *, minimum: int) -> int:
    try:
        number = int(value)
    except ValueError:
        raise BadRequest("rest_invalid_param", f"Parameter tidak valid: {name}") from None
    if number < minimum:
        raise BadRequest("rest_invalid_param", f"Parameter tidak valid: {name}")
    return number


def _guid(site: DemoSiteContent, a: DemoArticle, base: str) -> str:
    if site.platform == "wordpress":
        return f"{base}/?p={a.number}"
    return base + article_path(site, a)


def _html_body(a: DemoArticle) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
