"""Datasette plugin: every score leads to its article, every body to its history.

Query results show `article_url` as a plain URL, which would send a reader off-site. Here it
becomes a link to the article's page inside Datasette (full text, story cluster, all its scores)
plus a ↗ link to the original. A body's name in `agencies` links to its history query.
"""

from __future__ import annotations

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
        inside = datasette.urls.row(database, "articles", tilde_encode(value))
        outside = (
            f' <a href="{escape(value)}" title="original article" rel="nofollow">↗</a>'
            if value.startswith(("http://", "https://"))
            else ""
        )
        return Markup(f'<a href="{inside}">{escape(value)}</a>{outside}')
    if table == "agencies" and column == "name" and row is not None:
        return _history_link(datasette, database, _agency_key(row, value), value)
    if column == "agency_id" and table != "agencies":
        return _history_link(datasette, database, value, value)
    return None


def _agency_key(row, fallback: str) -> str:
    try:
        return row["id"]
    except (KeyError, IndexError):
        return fallback


def _history_link(datasette, database: str, agency: str, label: str) -> Markup:
    href = (
        datasette.urls.database(database)
        + "/agency_history?"
        + urlencode({"agency": agency})
        + HISTORY_CHART
    )
    return Markup(f'<a href="{escape(href)}">{escape(label)}</a>')
