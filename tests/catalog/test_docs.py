"""docs/ must be exactly what the catalog generates (CI fails when it is stale)."""

from __future__ import annotations

from pathlib import Path

from metafinops.catalog.docs import render_all, stale_files

ROOT = Path(__file__).resolve().parents[2]


def test_docs_are_generated_from_the_catalog() -> None:
    stale = stale_files(ROOT)
    assert not stale, f"run `metafinops docs generate`; stale: {stale}"


def test_every_resource_and_data_source_has_a_page() -> None:
    pages = {p.as_posix() for p in render_all(ROOT)}
    assert "docs/resources/budget.md" in pages
    assert "docs/data-sources/cost_summary.md" in pages
    assert len(pages) == 1 + 3 + 10
