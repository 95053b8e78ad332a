"""Datasette plugin: every score leads to its article and quote, every body to its history.

Query results show `article_url` as a plain URL, which would send a reader off-site. Here it
becomes a link to the article's page inside Datasette (full text, story cluster, all its scores)
plus a ↗ link to the original. A quote links to the article page scrolled to that sentence, where
every quote a score was read from is highlighted. A body's name links to its history chart.
"""

from __future__ import annotations

from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils import tilde_encode
from markupsafe import Markup, escape

ARTICLE_COLUMNS = {"article_url", "first_article_url", "atom_link"}
# datasette-vega reads its chart settings from the URL fragment: open the history as a line chart.
HISTORY_CHART = (
    "#g.mark=line&g.x_column=assessment_year&g.x_type=ordinal"
    "&g.y_column=score&g.y_type=quantitative&g.color_column=agency_id"
)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str) or not value:
        return None
    if column in ARTICLE_COLUMNS and table != "articles":
        return _article_link(datasette, database, value)
    if column == "quote" and row is not None:
        article = _field(row, "article_url") or _field(row, "first_article_url")
        if article:
            return _quote_link(datasette, database, article, value)
    if table == "articles" and column == "text" and row is not None:
        return _highlighted_text(datasette, database, _field(row, "url"), value)
    if table == "agencies" and column == "name" and row is not None:
        return _history_link(datasette, database, _field(row, "id") or value, value)
    if column == "agency_id" and table != "agencies":
        return _history_link(datasette, database, value, value)
    return None


def _field(row, name: str):
    try:
        return row[name]
    except (KeyError, IndexError):
        return None


def _article_page(datasette, database: str, url: str) -> str:
    return datasette.urls.row(database, "articles", tilde_encode(url))


def _article_link(datasette, database: str, url: str) -> Markup:
    outside = (
        f' <a href="{escape(url)}" title="original article" rel="nofollow">↗</a>'
        if url.startswith(("http://", "https://"))
        else ""
    )
    inside = _article_page(datasette, database, url)
    return Markup(f'<a href="{inside}">{escape(url)}</a>{outside}')


def _quote_link(datasette, database: str, article: str, quote: str) -> Markup:
    """Link to the article page with a text fragment, so the browser scrolls to the quote."""
    fragment = "#:~:text=" + url_quote(quote, safe="")
    href = _article_page(datasette, database, article) + fragment
    return Markup(f'<a href="{escape(href)}" title="read it in the article">{escape(quote)}</a>')


def _highlighted_text(datasette, database: str, url: str | None, text: str):
    async def render() -> Markup:
        result = await datasette.get_database(database).execute(
            'select start, "end", score, agency_name from mentions '
            'where article_url = ? order by start, "end"',
            [url],
        )
        pieces, position = [], 0
        for start, end, score, agency in result.rows:
            if start < position or end > len(text) or start >= end:
                continue  # overlapping or out-of-range offsets: leave that stretch plain
            pieces.append(escape(text[position:start]))
            title = f"{agency}: {score:g}"
            pieces.append(
                Markup('<mark id="q-{}" title="{}">{}</mark>').format(start, title, text[start:end])
            )
            position = end
        pieces.append(escape(text[position:]))
        html = Markup("").join(pieces).replace("\n", Markup("<br>"))
        return Markup(
            '<div class="pantau-article-text" style="min-width: 28em; max-width: 46em">{}</div>'
        ).format(html)

    return render


def _history_link(datasette, database: str, agency: str, label: str) -> Markup:
    href = (
        datasette.urls.database(database)
        + "/agency_history?"
        + urlencode({"agency": agency})
        + HISTORY_CHART
    )
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')
