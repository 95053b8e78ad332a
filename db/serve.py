"""Serve the database with Datasette locally, or bundle it for a public read-only deployment.

Datasette 0.65 reads canned queries, facets and plugin settings from the metadata file, so
`metadata.yaml` next to this module is the whole configuration. It is written for a database
named `pantau`; when the file has another name the database section is renamed to match.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

from pantau.errors import ConfigError, DataError

HERE = Path(__file__).resolve().parent
METADATA_PATH = HERE / "metadata.yaml"
PLUGINS_DIR = HERE / "plugins"
REQUIRED = ("articles", "mentions", "assessments", "agencies", "regions", "scores")
PUBLISHED_NAME = "pantau.db"

# Local use: generous limits, no caching so a rebuilt database shows at once.
LOCAL_SETTINGS = {"sql_time_limit_ms": 5000, "max_returned_rows": 5000, "default_cache_ttl": 0}
# Public use: a slow query must not tie up the server; immutable data can be cached for an hour.
PUBLIC_SETTINGS = {"sql_time_limit_ms": 2500, "max_returned_rows": 1000, "default_cache_ttl": 3600}
PLUGIN_DISTRIBUTIONS = (
    "datasette",
    "datasette-atom",
    "datasette-block-robots",
    "datasette-dashboards",
    "datasette-search-all",
    "datasette-vega",
)


def check_database(db_path: Path) -> None:
    """Raise `DataError` unless `db_path` is a readable pantau database."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise DataError(
            f"database {db_path} does not exist: build it with `pantau run` or `pantau rebuild`"
        )
    if not db_path.is_file():
        raise DataError(f"database {db_path} is not a file")
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise DataError(
            f"database {db_path} cannot be read ({error}): rebuild it with `pantau rebuild`"
        ) from None
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise DataError(
            f"{db_path} is not a pantau database (no {', '.join(missing)}): "
            "build one with `pantau run` or `pantau rebuild`"
        )


def load_metadata(database_name: str = "pantau") -> dict:
    """The Datasette metadata with its database section keyed by `database_name`."""
    metadata = yaml.safe_load(METADATA_PATH.read_text(encoding="utf-8"))
    if database_name != "pantau":
        metadata["databases"] = {database_name: metadata["databases"]["pantau"]}
        dashboards = metadata.get("plugins", {}).get("datasette-dashboards", {})
        for dashboard in dashboards.values():
            for item in [
                *dashboard.get("charts", {}).values(),
                *dashboard.get("filters", {}).values(),
            ]:
                if item.get("db") == "pantau":
                    item["db"] = database_name
        rename = f"/{database_name}"
        metadata["description_html"] = metadata["description_html"].replace("/pantau", rename)
        for query in metadata["databases"][database_name]["queries"].values():
            if "description_html" in query:
                query["description_html"] = query["description_html"].replace("/pantau", rename)
    return metadata


def serve_database(db_path: Path, host: str = "127.0.0.1", port: int = 8001) -> None:
    """Run Datasette on `db_path` until interrupted (blocking)."""
    check_database(db_path)  # before the slow Datasette import, so errors come at once
    _check_port_free(host, port)
    import uvicorn
    from datasette.app import Datasette

    db_path = Path(db_path)
    ds = Datasette(
        [str(db_path)],
        metadata=load_metadata(db_path.stem),
        plugins_dir=str(PLUGINS_DIR),
        settings=LOCAL_SETTINGS,
    )
    asyncio.run(ds.invoke_startup())
    print(f"Datasette serving {db_path} on http://{host}:{port}/", file=sys.stderr, flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on")


def _check_port_free(host: str, port: int) -> None:
    """Fail with one line instead of uvicorn's log and exit when the port is taken."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as error:
        raise ConfigError(
            f"cannot listen on {host}:{port} ({error.strerror}): choose another --port or --host"
        ) from None


def build_publish_bundle(db_path: Path, out_dir: Path) -> Path:
    """Write a self-contained folder that serves the database read-only; returns the folder.

    Contents: `pantau.db` (a copy), `inspect-data.json` (precomputed row counts, so Datasette
    never counts an immutable table at request time), `metadata.yaml`, `plugins/`,
    `requirements.txt` (the exact Datasette and plugin versions used here) and `serve.sh`.
    """
    check_database(db_path)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(db_path, out_dir / PUBLISHED_NAME)
        (out_dir / "metadata.yaml").write_text(
            yaml.safe_dump(load_metadata("pantau"), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        plugins = out_dir / "plugins"
        plugins.mkdir(exist_ok=True)
        for plugin in sorted(PLUGINS_DIR.glob("[!_]*.py")):
            shutil.copyfile(plugin, plugins / plugin.name)
        (out_dir / "requirements.txt").write_text(_requirements(), encoding="utf-8")
        serve_sh = out_dir / "serve.sh"
        serve_sh.write_text(_serve_script(), encoding="utf-8")
        serve_sh.chmod(0o755)
    except OSError as error:
        raise DataError(f"cannot write the bundle to {out_dir}: {error.strerror}") from None
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "datasette",
            "inspect",
            PUBLISHED_NAME,
            "--inspect-file",
            "inspect-data.json",
        ],
        cwd=out_dir,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise DataError(f"datasette inspect failed on {db_path}: {last}")
    return out_dir


def _requirements() -> str:
    lines = []
    for name in PLUGIN_DISTRIBUTIONS:
        try:
            lines.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            lines.append(name)
    return "\n".join(lines) + "\n"


def _serve_script() -> str:
    settings = " ".join(f"--setting {k} {v}" for k, v in PUBLIC_SETTINGS.items())
    return f"""#!/bin/sh
# Serve the pantau database read-only. Install first: pip install -r requirements.txt
# -i: immutable (no write checks, counts from inspect-data.json); robots may index only the home page.
set -e
cd "$(dirname "$0")"
exec datasette serve -i {PUBLISHED_NAME} --inspect-file inspect-data.json \\
  --metadata metadata.yaml --plugins-dir plugins \\
  {settings} \\
  --host "${{HOST:-0.0.0.0}}" --port "${{PORT:-8001}}"
"""
