"""Extraction benchmark: pantau's whole extraction against trafilatura alone on the same pages.

The pages are realistic regional-news HTML: every demo site article rendered by demo.render
(Blogger, WordPress and portal chrome) plus every labelled fixture article
(tests/fixtures/labelled) wrapped in a portal layout with a menu, a "Berita Terpopuler" sidebar,
a "Baca juga" box, comments and a footer. In the same run, after one warm-up pass, it times
(a) `trafilatura.extract` alone and (b) `extract.page.parse_page` + `extract.records.
extract_records`, interleaved and best of PANTAU_BENCH_REPEATS (default 3) so a shared
machine's load hits both alike. Loading spaCy's Indonesian pipeline is a one-off start-up
cost per process and is reported separately. Target: (b) at most 1.5× (a).

    python -m bench.extraction            # or `make bench`, which calls main()
"""

from __future__ import annotations

import json
import os
import sys
import time
from html import escape
from pathlib import Path

import trafilatura

from demo.content import load_sites
from demo.render import render_article
from extract.model import Page
from extract.nlp import get_nlp
from extract.page import parse_page
from extract.records import extract_records

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "fixtures" / "labelled" / "articles.jsonl"
TARGET_RATIO = 1.5
HEADERS = {"content-type": "text/html; charset=utf-8"}
MENU = ("Beranda", "Pemerintahan", "Politik", "Hukum", "Ekonomi", "Olahraga", "Opini", "Indeks")
POPULAR = (
    "Harga Cabai Rawit di Pasar Induk Naik Jelang Akhir Tahun",
    "Jadwal Pemadaman Listrik Bergilir Pekan Ini",
    "Banjir Rob Genangi Jalur Pantura, Arus Lalu Lintas Tersendat",
    "Lowongan PPPK Dibuka, Ini Syarat dan Jadwal Pendaftarannya",
    "Tim Sepak Bola Daerah Lolos ke Babak Delapan Besar",
)
COMMENTS = (
    ("Budi", "Semoga pelayanan di kelurahan juga makin cepat, jangan cuma di kantor bupati."),
    ("Sri Wahyuni", "Alhamdulillah, terima kasih infonya min."),
    ("Anto", "Urus KTP masih antre lama pak, mohon diperhatikan."),
)


def portal_page(row: dict) -> str:
    """One labelled article inside the chrome of a typical regional news portal."""
    title = escape(row.get("title") or "")
    day = row.get("published") or "2024-01-15"
    paragraphs = [p for p in (row.get("text") or "").split("\n") if p.strip()]
    body = [f"<p>{escape(p)}</p>" for p in paragraphs]
    body.insert(
        min(2, len(body)),
        '<div class="baca-juga"><strong>Baca juga:</strong> <a href="/read/1">'
        + escape(POPULAR[0])
        + "</a></div>",
    )
    ld = json.dumps({"@type": "NewsArticle", "headline": row.get("title"), "datePublished": day})
    menu = "".join(f'<li><a href="/{m.lower()}">{m}</a></li>' for m in MENU)
    popular = "".join(
        f'<li><a href="/read/{i}">{escape(t)}</a><span>{day}</span></li>'
        for i, t in enumerate(POPULAR)
    )
    comments = "".join(
        f'<li class="comment"><b>{escape(n)}</b><p>{escape(c)}</p></li>' for n, c in COMMENTS
    )
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{title} - Kabar Daerah</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{day}T09:00:00+07:00">
<link rel="canonical" href="{escape(row.get("url") or "")}">
<script type="application/ld+json">{ld}</script>
<script>var ads = [];</script><style>body {{ font-family: sans-serif }}</style></head>
<body><header><a href="/" class="logo">Kabar Daerah</a><nav><ul>{menu}</ul></nav></header>
<main><article><h1>{title}</h1><div class="meta">Redaksi | {day}</div>
<div class="content">{"".join(body)}</div>
<div class="tags"><a href="/tag/ombudsman">Ombudsman</a> <a href="/tag/pelayanan-publik">Pelayanan Publik</a></div>
</article><section class="comments"><h3>Komentar</h3><ul>{comments}</ul></section></main>
<aside><h3>Berita Terpopuler</h3><ol>{popular}</ol></aside>
<footer><p>&copy; 2024 Kabar Daerah. Pedoman Media Siber | Redaksi | Kontak</p></footer>
</body></html>"""


def build_pages() -> list[Page]:
    """Demo site articles as their platforms render them, then the labelled articles."""
    pages = []
    for site in load_sites():
        base = f"https://{site.name}.example"
        for article in site.articles:
            html = render_article(site, article, base)
            pages.append(Page(url=base + f"/{article.slug}", body=html.encode(), headers=HEADERS))
    with LABELLED.open(encoding="utf-8") as rows:
        for line in rows:
            row = json.loads(line)
            html = portal_page(row)
            pages.append(Page(url=row["url"], body=html.encode(), headers=HEADERS))
    return pages


def trafilatura_alone(pages: list[Page]) -> float:
    start = time.perf_counter()
    for page in pages:
        trafilatura.extract(page.body.decode("utf-8"), url=page.url)
    return time.perf_counter() - start


def pantau_extraction(pages: list[Page]) -> tuple[float, int]:
    start = time.perf_counter()
    records = 0
    for page in pages:
        records += len(extract_records(parse_page(page)))
    return time.perf_counter() - start, records


def main() -> int:
    start = time.perf_counter()
    get_nlp()
    load = time.perf_counter() - start
    pages = build_pages()
    repeats = max(1, int(os.environ.get("PANTAU_BENCH_REPEATS", "3")))
    trafilatura_alone(pages)  # warm-up: imports, compiled patterns, spaCy's vocabulary
    pantau_extraction(pages)
    alone, ours, records = [], [], 0
    for _ in range(repeats):
        alone.append(trafilatura_alone(pages))
        seconds, records = pantau_extraction(pages)
        ours.append(seconds)
    a, b = min(alone), min(ours)
    n = len(pages)
    print(f"extraction benchmark: {n} news pages with site chrome (best of {repeats})")
    print(f"  one-off start-up: spaCy Indonesian pipeline loaded in {load:.1f} s")
    print(f"  {'extractor':<38}{'seconds':>9}{'articles/s':>12}")
    print(f"  {'trafilatura.extract alone':<38}{a:>9.2f}{n / a:>12.0f}")
    print(f"  {'pantau parse_page + extract_records':<38}{b:>9.2f}{n / b:>12.0f}")
    verdict = "within" if b / a <= TARGET_RATIO else "ABOVE"
    print(
        f"  pantau found {records} score records; cost {b / a:.2f}× trafilatura alone "
        f"({verdict} the {TARGET_RATIO}× target)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
