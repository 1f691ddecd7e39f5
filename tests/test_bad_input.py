"""Golden bad-input cases: each file in tests/cases/ holds the files to change in a valid content
tree and the exact output `python -m scripts check` must print.

Case file format:

    # what the case shows (a comment line, optional)
    === content/visits/2023/x.yml          a file to write (created or replaced)
    ...its text...
    === content/other.yml [escaped]        the same, with Python escapes (\\xff, \\t, \\ufeff)
    === delete content/site.yml            a file to remove
    === args --strict                      extra arguments for `check`
    === expect                             the exact output, then the end of the file
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

import pytest

from scripts.cli import main

from .conftest import copy_fixture

CASES = sorted((Path(__file__).parent / "cases").glob("*.case"))
_HEADER = re.compile(r"^=== (.*)$", re.M)


def parse_case(text: str) -> dict:
    parts = _HEADER.split(text)
    case = {"files": {}, "delete": [], "args": [], "expect": None, "fixture": "four-levels"}
    for header, body in zip(parts[1::2], parts[2::2]):
        header = header.strip()
        if header == "expect":
            case["expect"] = body.strip("\n") + "\n"
        elif header.startswith("delete "):
            case["delete"].append(header[len("delete "):])
        elif header.startswith("args"):
            case["args"] = header.split()[1:]
        elif header.startswith("fixture "):
            case["fixture"] = header.split()[1]
        elif header.endswith("[escaped]"):
            raw = body[1:] if body.startswith("\n") else body
            case["files"][header[:-len("[escaped]")].strip()] = codecs.escape_decode(
                raw.encode("utf-8"))[0]
        else:
            case["files"][header] = body.lstrip("\n").encode("utf-8")
    assert case["expect"] is not None, "a case needs an === expect section"
    return case


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_case(case_file, workdir, capsys):
    case = parse_case(case_file.read_text(encoding="utf-8"))
    copy_fixture(case["fixture"], workdir)
    for rel in case["delete"]:
        (workdir / rel).unlink()
    for rel, data in case["files"].items():
        (workdir / rel).parent.mkdir(parents=True, exist_ok=True)
        (workdir / rel).write_bytes(data)
    code = main(["check", "--today", "2026-11-23", *case["args"]])
    out = capsys.readouterr().out
    assert out == case["expect"]
    assert code == (1 if "lỗi. Hãy sửa" in case["expect"] else 0)


def test_there_are_enough_cases():
    assert len(CASES) >= 30
