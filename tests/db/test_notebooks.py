"""Every notebook runs top to bottom against a built database (path from the `demo_db` fixture)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.fixture(scope="module", params=sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def executed(request, demo_db):
    """(name, outputs of every code cell) after running the notebook with PANTAU_DB=demo_db."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PANTAU_DB", str(demo_db))
        notebook = nbformat.read(request.param, as_version=4)
        NotebookClient(notebook, timeout=120, kernel_name="python3", resources={}).execute()
    cells = [cell.outputs for cell in notebook.cells if cell.cell_type == "code"]
    return request.param.name, [output for outs in cells for output in outs]


def test_notebook_runs_without_errors_and_draws_figures(executed):
    _, outputs = executed
    assert [o for o in outputs if o.output_type == "error"] == []
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_overview_compares_with_official_counts_and_lists_changes(executed):
    name, outputs = executed
    if name != "scores_overview.ipynb":
        pytest.skip("only the overview carries the official comparison")
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "official %" in html and "N2022a" in html
    assert "Pemerintah Kabupaten Bogor" in html  # the largest change, 2022 → 2024


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_runs_on_the_embedded_demo_database(path, embedded_demo_db, monkeypatch):
    monkeypatch.setenv("PANTAU_DB", str(embedded_demo_db))
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={}).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert [o for o in outputs if o.output_type == "error"] == []
    assert any("image/png" in o.get("data", {}) for o in outputs)
