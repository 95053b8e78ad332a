"""`pantau serve` and `pantau publish` through the real command, and the publish bundle served."""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import urllib.request

import pytest

from db.serve import build_publish_bundle, check_database
from pantau.errors import DataError
from tests.db.running import BIN, free_port, running


def pantau(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "pantau"), *args], capture_output=True, text=True, timeout=60)


def assert_one_line_data_error(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0], result.stderr


def test_serve_missing_database_is_a_clear_error(tmp_path):
    result = pantau("serve", "--db", str(tmp_path / "nope.db"), "--port", str(free_port()))
    assert_one_line_data_error(result, "does not exist")


def test_serve_corrupt_database_is_a_clear_error(tmp_path):
    corrupt = tmp_path / "pantau.db"
    corrupt.write_bytes(b"<html>this is not a database</html>" * 200)
    result = pantau("serve", "--db", str(corrupt), "--port", str(free_port()))
    assert_one_line_data_error(result, "cannot be read")


def test_serve_other_sqlite_database_is_a_clear_error(tmp_path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table t (x)")
    conn.close()
    result = pantau("serve", "--db", str(other), "--port", str(free_port()))
    assert_one_line_data_error(result, "is not a pantau database")


def test_publish_missing_database_is_a_clear_error(tmp_path):
    result = pantau("publish", "--db", str(tmp_path / "nope.db"), "--out", str(tmp_path / "out"))
    assert_one_line_data_error(result, "does not exist")
    assert not (tmp_path / "out").exists()


def test_check_accepts_a_built_database(demo_db):
    check_database(demo_db)


def test_check_rejects_a_folder(tmp_path):
    with pytest.raises(DataError, match="is not a file"):
        check_database(tmp_path)


@pytest.fixture(scope="module")
def bundle(demo_db, tmp_path_factory):
    renamed = tmp_path_factory.mktemp("src") / "scores-2024.db"
    shutil.copyfile(demo_db, renamed)
    return build_publish_bundle(renamed, tmp_path_factory.mktemp("dist") / "bundle")


def test_bundle_has_database_counts_metadata_and_script(bundle):
    names = {p.name for p in bundle.iterdir()}
    assert {"pantau.db", "inspect-data.json", "metadata.yaml", "serve.sh", "plugins"} <= names
    counts = json.loads((bundle / "inspect-data.json").read_text())["pantau"]["tables"]
    assert counts["assessments"]["count"] == 9


def test_bundle_script_serves_immutable_with_public_limits(bundle):
    script = (bundle / "serve.sh").read_text()
    assert "-i pantau.db" in script and "--inspect-file inspect-data.json" in script
    for setting in ("sql_time_limit_ms", "max_returned_rows", "default_cache_ttl"):
        assert f"--setting {setting}" in script


def test_bundle_requirements_pin_datasette_and_plugins(bundle):
    pins = (bundle / "requirements.txt").read_text().split()
    assert any(p.startswith("datasette==0.65.") for p in pins)
    assert any(p.startswith("datasette-atom==") for p in pins)


def test_bundle_serves_read_only_data_and_blocks_robots(bundle):
    port = free_port()
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "PORT": str(port), "HOST": "127.0.0.1"}
    with running(["sh", "serve.sh"], f"http://127.0.0.1:{port}/", cwd=bundle, env=env) as url:
        with urllib.request.urlopen(url + "-/databases.json") as response:
            [database] = json.load(response)
        with urllib.request.urlopen(url + "pantau/assessments.json?_shape=array") as response:
            assert len(json.load(response)) == 9
        with urllib.request.urlopen(url + "robots.txt") as response:
            robots = response.read().decode()
    assert database["name"] == "pantau" and database["is_mutable"] is False
    assert "Disallow: /pantau" in robots


def test_serve_on_a_busy_port_is_a_clear_usage_error(demo_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = pantau("serve", "--db", str(demo_db), "--port", str(port))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and f"cannot listen on 127.0.0.1:{port}" in lines[0], result.stderr
