"""Rows for the `regions` table: Indonesia's provinces, regencies and cities with Kemendagri codes.

Taken from `extract.regions.all_regions()`, the gazetteer the extractor resolves names with, so
the region codes on score records always match a row here.
"""

from __future__ import annotations

from extract.regions import all_regions


def region_rows() -> list[dict]:
    """Every province and regency/city, sorted by code."""
    rows = [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "province_code": r.province_code,
            "province_name": r.province_name,
            "short_name": r.short_name,
        }
        for r in all_regions()
    ]
    return sorted(rows, key=lambda row: row["code"])
