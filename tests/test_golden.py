"""Golden files for the renderers: the whole generated Markdown of each fixture, per audience.

After an intended change of output, regenerate with:

    UPDATE_GOLDEN=1 ./dev test tests/test_golden.py

and review the diff in git before committing it.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from scripts.pipeline import for_audience, load_and_validate
from scripts.render import offline, render_site

from .conftest import FIXTURES, TODAY

GOLDEN = Path(__file__).parent / "golden"
CASES = [("four-levels", "public"), ("four-levels", "restricted"), ("two-levels", "restricted")]


def rendered(fixture: str, audience: str) -> dict[str, str]:
    loaded = load_and_validate(FIXTURES / fixture / "content", today=TODAY)
    pages = render_site(for_audience(loaded.content, audience), audience, TODAY)
    # the service worker is a file of the project copied as it is, not made from content;
    # workbooks are binary, checked by tests/test_xlsx.py
    pages.pop(offline.WORKER, None)
    return {rel: text for rel, text in pages.items() if not rel.endswith(".xlsx")}


@pytest.mark.parametrize("fixture, audience", CASES, ids=[f"{f}-{a}" for f, a in CASES])
def test_generated_markdown_matches_golden(fixture, audience):
    pages = rendered(fixture, audience)
    folder = GOLDEN / fixture / audience
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(folder, ignore_errors=True)
        for rel, text in pages.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(text.encode("utf-8"))
    # bytes, not text: CSV line ends (\r\n, for Excel) are part of the output
    expected = {p.relative_to(folder).as_posix(): p.read_bytes().decode("utf-8")
                for p in folder.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected)
    for rel in pages:
        assert pages[rel] == expected[rel], f"{rel} differs from tests/golden/{fixture}/{audience}"


def test_render_is_pure_and_repeatable():
    assert rendered("four-levels", "restricted") == rendered("four-levels", "restricted")
