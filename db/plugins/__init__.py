"""Datasette plugins loaded with --plugins-dir (a package only so that installs ship them)."""
