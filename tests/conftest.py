"""Shared test helpers: fixture content trees copied into a temporary folder."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TODAY = date(2026, 11, 23)  # fixed, so that ages in days and "future" dates never drift


def copy_fixture(name: str, dest: Path) -> Path:
    """Copy fixtures/<name>/content to dest/content and return that folder."""
    target = dest / "content"
    shutil.copytree(FIXTURES / name / "content", target)
    return target


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    """A temporary folder that is also the current directory, as the repository root is."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
