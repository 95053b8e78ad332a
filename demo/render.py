"""HTML pages of the demo sites: per-platform templates filled with string.Template.

The chrome is deliberately realistic (menus, "Berita Terpopuler" sidebars, "Baca juga" links
inside the body, related posts, comments, footers) because stripping it is what page parsing
must get right.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from html import escape
from pathlib import Path
from string import Template

from demo.content import DemoArticle, DemoSiteContent

TEMPLATES = Path(__file__).resolve().parent / "templates"

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

GENERIC_COMMENTS = (
    (
        "Warga Kramatwatu",
        "Semoga pelayanan di kantor kelurahan juga makin cepat, jangan cuma di kota.",
    ),
    ("Andi S.", "Mantap, lanjutkan! Tapi jalan di kampung kami masih rusak parah pak."),
    ("Rina", "Terima kasih infonya min, sangat bermanfaat untuk kami di daerah."),
    ("Pak Haji Dul", "Kapan ada liputan soal pasar tradisional yang becek itu?"),
)


@cache
def template(name: str) -> Template:
    return Template((TEMPLATES / f"{name}.html").read_text(encoding="utf-8"))


def article_path(site: DemoSiteContent, article: DemoArticle) -> str:
    """The URL path each platform gives a post (Blogger /YYYY/MM/slug.html, WP dated, portal id)."""
    p = article.published
    if site.platform == "blogger":
        return f"/{p:%Y}/{p:%m}/{article.slug}.html"
    if site.platform == "wordpress":
        return f"/{p:%Y}/{p:%m}/{p:%d}/{article.slug}/"
    return f"/{slugify(article.category)}/read/{p:%Y}/{p:%m}/{p:%d}/{article.number}/{article.slug}"


def slugify(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def date_text(platform: str, moment: datetime) -> str:
    day, month = DAYS[moment.weekday()], MONTHS[moment.month - 1]
    if platform == "blogger":
        return f"{day}, {moment.day:02d} {month} {moment.year}"
    if platform == "wordpress":
        return f"{moment.day} {month} {moment.year}"
    return f"{day}, {moment.day:02d} {month[:3]} {moment.year}, {moment:%H:%M} WIB"


def render_article(site: DemoSiteContent, article: DemoArticle, base: str) -> str:
    url = base + article_path(site, article)
    others = [a for a in site.articles if a.slug != article.slug]
    comments = article.comments or _generic_comments(article)
    fields = {
        "base": base,
        "link": url,
        "title": escape(article.title),
        "category": escape(article.category),
        "category_slug": slugify(article.category),
        "author": escape(article.author),
        "author_slug": slugify(article.author),
        "iso": article.published.isoformat(),
        "date_text": date_text(site.platform, article.published),
        "number": str(article.number),
        "body": _body(site, article, base),
        "comment_count": str(len(comments)),
        "comments": "".join(_comment(site.platform, name, text) for name, text in comments),
        "related": _related(site, others[:3], base),
        "pager": _pager(site, article, base),
        "tags": "".join(
            f'<li><a href="{base}/tag/{slugify(t)}/">{escape(t)}</a></li>'
            for t in ("Berita " + site.title.split()[-1], article.category)
        ),
        "site_title": escape(site.title),
    }
    main = template(f"{site.platform}_article").substitute(fields)
    head = _article_head(site, article, url)
    return _layout(site, base, f"{article.title} - {site.title}", head, main, exclude=article)


def render_home(site: DemoSiteContent, base: str) -> str:
    items = "".join(_home_item(site, a, base) for a in site.articles)
    main = template(f"{site.platform}_home").substitute(base=base, items=items)
    head = (
        f'<link rel="canonical" href="{base}/">\n'
        f'<meta property="og:type" content="website">\n'
        f'<meta property="og:site_name" content="{escape(site.title)}">\n'
        f'<meta name="description" content="{escape(site.tagline)}">'
    )
    return _layout(site, base, f"{site.title} - {site.tagline}", head, main)


def render_search(site: DemoSiteContent, base: str, term: str, found: list[DemoArticle]) -> str:
    """WordPress's on-site search page (/?s=term): matching posts, newest first."""
    items = "".join(_home_item(site, a, base) for a in found) or (
        "<p class='no-results'>Maaf, tidak ada berita yang cocok dengan kata kunci Anda.</p>"
    )
    main = (
        f'<div class="td-page-header"><h1 class="entry-title td-page-title">'
        f'<span class="td-search-query">Hasil pencarian untuk: {escape(term)}</span></h1>'
        f'<div class="td-search-header">{len(found)} hasil</div></div>'
        f'<div class="td-ss-main-content">{items}</div>'
    )
    head = '<meta name="robots" content="noindex, follow">'
    return _layout(
        site, base, f"Hasil pencarian untuk \u201c{term}\u201d - {site.title}", head, main
    )


def render_static(site: DemoSiteContent, base: str, heading: str, path: str) -> str:
    main = (
        f'<article class="page"><h1 class="entry-title">{escape(heading)}</h1>'
        f'<div class="entry-content"><p>{escape(site.footer)}</p>'
        f"<p>{escape(site.title)} berkomitmen menyajikan berita yang akurat, berimbang dan "
        f"sesuai Kode Etik Jurnalistik serta Pedoman Pemberitaan Media Siber.</p></div></article>"
    )
    head = f'<link rel="canonical" href="{base}{path}">'
    return _layout(site, base, f"{heading} - {site.title}", head, main)


def _layout(
    site: DemoSiteContent,
    base: str,
    page_title: str,
    head: str,
    main: str,
    exclude: DemoArticle | None = None,
) -> str:
    others = [a for a in site.articles if a is not exclude]
    popular = sorted(others, key=lambda a: (a.number * 7919) % 101)[:6]
    labels = sorted({a.category for a in site.articles})
    return template(f"{site.platform}_layout").substitute(
        base=base,
        page_title=escape(page_title),
        site_title=escape(site.title),
        tagline=escape(site.tagline),
        head_extra=head,
        menu="".join(
            f'<li class="menu-item"><a href="{base}/{"" if i == 0 else slugify(m) + "/"}">'
            f"{escape(m)}</a></li>"
            for i, m in enumerate(site.menu)
        ),
        main=main,
        featured=_featured(site, others[0], base) if others else "",
        popular="".join(_popular(site, i, a, base) for i, a in enumerate(popular, start=1)),
        ticker=" ".join(
            f'<a href="{base}{article_path(site, a)}">{escape(a.title)}</a>' for a in others[:3]
        ),
        labels="".join(f"<li>{escape(label)}</li>" for label in labels),
        footer=escape(site.footer),
        year=str(max((a.published.year for a in site.articles), default=2026)),
        body_class="post-template-default single single-post" if exclude else "home blog",
    )


def _article_head(site: DemoSiteContent, article: DemoArticle, url: str) -> str:
    title, excerpt = escape(article.title), escape(article.excerpt)
    lines = [
        f'<link rel="canonical" href="{url}">',
        f'<meta name="description" content="{excerpt}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{title}">',
        f'<meta property="og:url" content="{url}">',
        f'<meta property="og:site_name" content="{escape(site.title)}">',
        f'<meta property="og:description" content="{excerpt}">',
    ]
    published = article.published.isoformat()
    if site.platform == "wordpress":
        lines += [
            f'<meta property="article:published_time" content="{published}">',
            f'<meta property="article:section" content="{escape(article.category)}">',
            f'<meta name="author" content="{escape(article.author)}">',
        ]
    if site.platform in ("wordpress", "portal"):
        kind = "NewsArticle" if site.platform == "portal" else "Article"
        data = {
            "@context": "https://schema.org",
            "@type": kind,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": article.title,
            "datePublished": published,
            "dateModified": published,
            "author": {"@type": "Person", "name": article.author},
            "publisher": {"@type": "Organization", "name": site.title},
            "articleSection": article.category,
            "inLanguage": "id",
        }
        lines.append(
            '<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            + "</script>"
        )
    if site.platform == "portal":
        lines.append(
            f'<meta name="content_PublishedDate" content="{article.published:%Y-%m-%d %H:%M:%S}">'
        )
    return "\n".join(lines)


def _body(site: DemoSiteContent, article: DemoArticle, base: str) -> str:
    paragraphs = [f"<p>{escape(p)}</p>" for p in article.paragraphs]
    by_slug = {a.slug: a for a in site.articles}
    related = [by_slug[s] for s in article.related if s in by_slug]
    if not related:
        neighbours = [a for a in site.articles if a.slug != article.slug]
        related = neighbours[article.number % len(neighbours) :][:1] if neighbours else []
    for offset, other in enumerate(related):
        link = f'<a href="{base}{article_path(site, other)}">{escape(other.title)}</a>'
        if site.platform == "blogger":
            box = f"<p><b>Baca Juga:</b> {link}</p>"
        elif site.platform == "wordpress":
            box = f"<p><strong>Baca Juga: {link}</strong></p>"
        else:
            box = (
                f'<p><strong>Baca juga: </strong><a class="inner-link-baca-juga" '
                f'href="{base}{article_path(site, other)}">{escape(other.title)}</a></p>'
            )
        paragraphs.insert(min(2 + offset * 3, len(paragraphs) - 1), box)
    return "\n".join(paragraphs)


def _comment(platform: str, name: str, text: str) -> str:
    if platform == "wordpress":
        return (
            f'<li class="comment"><article class="comment-body"><footer class="comment-meta">'
            f'<cite class="fn">{escape(name)}</cite></footer>'
            f'<div class="comment-content"><p>{escape(text)}</p></div>'
            f'<div class="reply"><a class="comment-reply-link" href="#respond">Balas</a></div>'
            f"</article></li>"
        )
    if platform == "blogger":
        return (
            f'<li class="comment"><div class="comment-block"><div class="comment-header">'
            f'<cite class="user">{escape(name)}</cite></div>'
            f'<p class="comment-content">{escape(text)}</p>'
            f'<span class="comment-actions"><a href="#reply">Balas</a></span></div></li>'
        )
    return (
        f'<li class="comment__item"><div class="comment__name">{escape(name)}</div>'
        f'<div class="comment__text">{escape(text)}</div></li>'
    )


def _generic_comments(article: DemoArticle) -> tuple[tuple[str, str], ...]:
    start = article.number % len(GENERIC_COMMENTS)
    return (GENERIC_COMMENTS[start], GENERIC_COMMENTS[(start + 1) % len(GENERIC_COMMENTS)])


def _related(site: DemoSiteContent, articles: list[DemoArticle], base: str) -> str:
    out = []
    for a in articles:
        href, title = base + article_path(site, a), escape(a.title)
        if site.platform == "wordpress":
            out.append(
                f'<div class="td-related-span4"><div class="td_module_related_posts">'
                f'<h3 class="entry-title td-module-title"><a href="{href}" rel="bookmark">{title}</a>'
                f"</h3></div></div>"
            )
        elif site.platform == "portal":
            out.append(
                f'<div class="related__item"><a class="related__link" href="{href}">'
                f'<h4 class="related__item__title">{title}</h4></a></div>'
            )
        else:
            out.append(f'<li class="related-item"><a href="{href}">{title}</a></li>')
    return "".join(out)


def _pager(site: DemoSiteContent, article: DemoArticle, base: str) -> str:
    index = site.articles.index(article)
    parts = []
    if index + 1 < len(site.articles):
        older = site.articles[index + 1]
        parts.append(
            f'<a class="blog-pager-older-link" href="{base}{article_path(site, older)}" '
            f'rel="prev">Postingan Lama</a>'
        )
    if index > 0:
        newer = site.articles[index - 1]
        parts.append(
            f'<a class="blog-pager-newer-link" href="{base}{article_path(site, newer)}" '
            f'rel="next">Postingan Lebih Baru</a>'
        )
    return " ".join(parts)


def _featured(site: DemoSiteContent, article: DemoArticle, base: str) -> str:
    return (
        f'<div class="featured-post"><h3><a href="{base}{article_path(site, article)}">'
        f"{escape(article.title)}</a></h3><span>{escape(article.author)} - "
        f"{date_text('blogger', article.published)}</span>"
        f'<p class="post-snippet">{escape(article.excerpt)}</p></div>'
    )


def _popular(site: DemoSiteContent, rank: int, article: DemoArticle, base: str) -> str:
    href = base + article_path(site, article)
    when = date_text(site.platform, article.published)
    if site.platform == "portal":
        return (
            f'<div class="most__item"><div class="most__count">{rank}</div>'
            f'<a class="most__link" href="{href}"><h4 class="most__title">{escape(article.title)}'
            f"</h4></a></div>"
        )
    return (
        f'<li><a class="post-title" href="{href}">{escape(article.title)}</a>'
        f'<span class="post-date">{when}</span></li>'
    )


def _home_item(site: DemoSiteContent, article: DemoArticle, base: str) -> str:
    href = base + article_path(site, article)
    return (
        f'<div class="post-item article__list"><h2 class="post-title entry-title">'
        f'<a href="{href}">{escape(article.title)}</a></h2>'
        f'<div class="post-meta">{date_text(site.platform, article.published)}</div>'
        f'<p class="post-snippet">{escape(article.excerpt)}</p></div>'
    )
