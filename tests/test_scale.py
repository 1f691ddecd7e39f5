"""Page size must not grow with the amount of content: the navigation is a handful of section
pages and every list on a record's page is bounded, so a story page weighs the same in a small
site and in one ten times larger."""
from __future__ import annotations

import pytest

from scripts.build import build_site
from scripts.sample import Sizes, generate

from .conftest import TODAY

SMALL = Sizes(units=40, visits=300, stories=20, bulletins=6, seed=3)
LARGE = Sizes(units=400, visits=3000, stories=200, bulletins=60, seed=3)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    out = {}
    for name, sizes in (("small", SMALL), ("large", LARGE)):
        tmp = tmp_path_factory.mktemp(name)
        generate(tmp / "content", sizes, log=None)
        out[name] = build_site(tmp / "content", audience="restricted", out=tmp / "site",
                               today=TODAY, work=tmp / "work", log=lambda *_: None)
    return out


@pytest.mark.parametrize("page", ["stories/dien-hinh-0001/index.html", "index.html",
                                  "stories/dien-hinh-0002/index.html"])
def test_page_size_stays_within_ten_percent(sites, page):
    small = (sites["small"] / page).stat().st_size
    large = (sites["large"] / page).stat().st_size
    assert abs(large - small) / small <= 0.10, (small, large)


def test_the_larger_site_really_is_larger(sites):
    size = {name: sum(p.stat().st_size for p in site.rglob("*.html"))
            for name, site in sites.items()}
    assert size["large"] >= 5 * size["small"]
