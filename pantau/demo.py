"""`pantau demo`: the whole job on the embedded demo sites, with no internet.

Serves the demo news sites on free 127.0.0.1 ports, crawls them with the real spiders (auto
discovery, as for any site), extracts, builds the database and serves it with Datasette while the
demo sites stay up, so every score still links to a live article.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from rich.console import Console

from pantau.config import load_sources
from pantau.errors import EXIT_OK, EXIT_PARTIAL

console = Console(stderr=True)


def demo_workdir(db_path: Path) -> Path:
    """The demo's own working folder; it is wiped on every demo run (ports change each run)."""
    return Path(db_path).resolve().parent / "demo-work"


def run_demo(*, db_path: Path, port: int, serve_after: bool = True) -> int:
    """Run the demo end to end; returns the exit code (1 if a demo site failed to crawl)."""
    from demo.server import start_demo_sites
    from pantau.pipeline import run_pipeline

    db_path = Path(db_path)
    workdir = demo_workdir(db_path)
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True, exist_ok=True)
    with start_demo_sites() as sites:
        for site in sites.sites:
            console.print(f"demo site [bold]{site.name}[/] ({site.platform}) on {site.base_url}")
        sources_file = workdir / "demo-sources.yaml"
        sources_file.write_text(sites.sources_yaml(), encoding="utf-8")
        outcome = run_pipeline(load_sources(sources_file), db_path=db_path, workdir=workdir)
        console.print(
            f"[green]built[/] {db_path}: {outcome.articles} articles, {outcome.records} score records"
        )
        if serve_after:
            from db.serve import serve_database

            console.print(f"serving on [bold]http://127.0.0.1:{port}/[/] (Ctrl-C to stop)")
            serve_database(db_path, host="127.0.0.1", port=port)
    return EXIT_OK if outcome.ok else EXIT_PARTIAL
