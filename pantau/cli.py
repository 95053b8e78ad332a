"""The `pantau` command: the front door. It reads configuration, runs the stages in order and
reports progress; it holds no crawling, extraction or storage logic itself."""

from __future__ import annotations

import json
import logging
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from pantau import __version__
from pantau.config import DEFAULT_DB_PORT, PACKAGED_SOURCES, load_sources, workdir_for
from pantau.errors import EXIT_OK, EXIT_PARTIAL, PantauError

app = typer.Typer(
    help="pantau: Ombudsman RI public-service scores from Indonesian news, as an open database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
sources_app = typer.Typer(help="Inspect the registry of news sources.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")

err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database to build or read.")]
WorkdirOption = Annotated[
    Path | None,
    typer.Option(
        "--workdir", help="Crawl state, WARC archive and logs (default: ./data next to --db)."
    ),
]


def _fail(error: PantauError) -> None:
    err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    raise typer.Exit(error.exit_code)


def _date(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"[bold red]error:[/] {flag} expects a date like 2024-12-31, got {value!r}")
        raise typer.Exit(2) from None


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log every step.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        print(f"pantau {__version__}")
        raise typer.Exit(EXIT_OK)
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@app.command()
def run(
    db: DbOption = Path("pantau.db"),
    sources: Annotated[
        Path | None,
        typer.Option(
            "--sources", help="YAML file listing the sites (default: the packaged registry)."
        ),
    ] = None,
    workdir: WorkdirOption = None,
    since: Annotated[
        str | None, typer.Option(help="Only articles published on/after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Only articles published on/before this date.")
    ] = None,
) -> None:
    """Crawl every source, extract score records and build/update the database.

    Run again with the same arguments it is incremental: only new or changed pages are fetched.
    Exit code 1 means the database was built but some sources failed (see the summary).
    """
    from pantau.pipeline import run_pipeline

    try:
        source_list = load_sources(sources or PACKAGED_SOURCES)
        outcome = run_pipeline(
            source_list,
            db_path=db,
            workdir=workdir_for(db, workdir),
            since=_date(since, "--since"),
            until=_date(until, "--until"),
        )
    except PantauError as error:
        _fail(error)
    raise typer.Exit(EXIT_OK if outcome.ok else EXIT_PARTIAL)


@app.command()
def rebuild(db: DbOption = Path("pantau.db"), workdir: WorkdirOption = None) -> None:
    """Re-extract every archived page (no network) and rebuild the database atomically."""
    from pantau.pipeline import rebuild_database

    try:
        rebuild_database(db_path=db, workdir=workdir_for(db, workdir))
    except PantauError as error:
        _fail(error)


@app.command()
def extract(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help=".html, .txt or .jsonl files (lines with text or html, optional id/url/title/published)."
        ),
    ] = None,
    from_archive: Annotated[
        Path | None,
        typer.Option("--from-archive", help="Read pages from a WARC archive folder instead."),
    ] = None,
) -> None:
    """Print one JSON object per score record found in the inputs (JSON Lines on stdout)."""
    from pantau.pipeline import iter_input_articles, records_for

    if not paths and not from_archive:
        err.print("[bold red]error:[/] give files to read or --from-archive DIR")
        raise typer.Exit(2)
    skipped = 0

    def on_skip(where: str, reason: str) -> None:
        nonlocal skipped
        skipped += 1
        err.print(f"[yellow]skipped[/] {where}: {reason}", highlight=False, soft_wrap=True)

    try:
        for article in iter_input_articles(paths or [], from_archive, on_skip=on_skip):
            for record in records_for(article):
                sys.stdout.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    except PantauError as error:
        _fail(error)
    sys.stdout.flush()
    raise typer.Exit(EXIT_PARTIAL if skipped else EXIT_OK)


@app.command(name="eval")
def evaluate(
    path: Annotated[
        Path, typer.Argument(help="Folder with articles.jsonl and gold.jsonl (devset format).")
    ],
    min_f1: Annotated[float | None, typer.Option(help="Exit 1 if record F1 is below this.")] = None,
    show_misses: Annotated[
        bool, typer.Option("--misses/--no-misses", help="List every miss.")
    ] = True,
) -> None:
    """Score extraction against a labelled set: record P/R/F1 and field accuracies."""
    from extract.evaluate import evaluate_folder, render_report

    try:
        report = evaluate_folder(path)
    except PantauError as error:
        _fail(error)
    render_report(report, show_misses=show_misses)
    if min_f1 is not None and report.f1 < min_f1:
        err.print(f"[bold red]record F1 {report.f1:.3f} is below --min-f1 {min_f1:.3f}[/]")
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def serve(
    db: DbOption = Path("pantau.db"),
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = DEFAULT_DB_PORT,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
) -> None:
    """Serve the database with Datasette, its metadata, canned queries and feeds."""
    from db.serve import serve_database

    try:
        serve_database(db, host=host, port=port)
    except PantauError as error:
        _fail(error)


@app.command()
def publish(
    db: DbOption = Path("pantau.db"),
    out: Annotated[Path, typer.Option(help="Folder to write the deployable bundle to.")] = Path(
        "dist"
    ),
) -> None:
    """Prepare a public read-only deployment: immutable database, precomputed counts, robots policy."""
    from db.serve import build_publish_bundle

    try:
        bundle = build_publish_bundle(db, out)
    except PantauError as error:
        _fail(error)
    err.print(f"[green]bundle ready:[/] {bundle} (run {bundle / 'serve.sh'} to start it)")


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port for Datasette.")] = DEFAULT_DB_PORT,
    db: DbOption = Path("data/demo/pantau.db"),
    serve_after: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the result.")
    ] = True,
) -> None:
    """Serve the embedded demo news sites on 127.0.0.1, crawl them, extract and serve the result."""
    from pantau.demo import run_demo

    try:
        code = run_demo(db_path=db, port=port, serve_after=serve_after)
    except PantauError as error:
        _fail(error)
    raise typer.Exit(code)


@sources_app.command("check")
def sources_check(
    sources: Annotated[
        Path | None, typer.Option("--sources", help="YAML file (default: the packaged registry).")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 20.0,
) -> None:
    """Test each source live: reachable, robots.txt, discovery routes, one article parsed."""
    from crawler.check import check_sources, render_check_table

    try:
        results = check_sources(load_sources(sources or PACKAGED_SOURCES), timeout=timeout)
    except PantauError as error:
        _fail(error)
    render_check_table(results)
    raise typer.Exit(EXIT_OK if all(r.ok for r in results) else EXIT_PARTIAL)


@sources_app.command("list")
def sources_list(
    sources: Annotated[
        Path | None, typer.Option("--sources", help="YAML file (default: the packaged registry).")
    ] = None,
) -> None:
    """Print the sources with their platform, routes and whether they were checked live."""
    from rich.table import Table

    try:
        source_list = load_sources(sources or PACKAGED_SOURCES)
    except PantauError as error:
        _fail(error)
    table = Table("name", "url", "platform", "discover", "checked")
    for s in source_list:
        table.add_row(
            s.name,
            s.url,
            s.platform or "?",
            ",".join(s.discover) or "auto",
            "yes" if s.checked else "no",
        )
    Console().print(table)
