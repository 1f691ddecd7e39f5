"""The generated pages build with ProperDocs, MkDocs' maintained drop-in fork, as well as with
MkDocs: Material reaches end of life in May 2027 and MkDocs no longer releases, so the site must
not depend on either staying alive. `THEO_DOI_BUILDER=properdocs` switches the builder."""
from __future__ import annotations

import pytest

from scripts.build import BuildError, build_site

from .conftest import TODAY, copy_fixture
from .htmlcheck import broken_links, text_of


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("builders")
    content = copy_fixture("four-levels", tmp)
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        for builder in ("mkdocs", "properdocs"):
            patch.setenv("THEO_DOI_BUILDER", builder)
            out[builder] = build_site(content, audience="restricted", out=tmp / builder,
                                      today=TODAY, work=tmp / "work", log=lambda *_: None)
    return out


def _generator(site) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return html.split('<meta name="generator" content="')[1].split('"')[0]


def test_properdocs_builds_the_same_pages(sites):
    assert _generator(sites["properdocs"]).startswith("mkdocs-ProperDocs 1.6.7")
    assert _generator(sites["mkdocs"]).startswith("mkdocs-1.6.1")
    pages = {b: sorted(p.relative_to(sites[b]).as_posix() for p in sites[b].rglob("*.html"))
             for b in sites}
    assert pages["properdocs"] == pages["mkdocs"] and len(pages["mkdocs"]) > 25
    for rel in pages["mkdocs"]:
        assert text_of(sites["properdocs"] / rel) == text_of(sites["mkdocs"] / rel), rel


def test_properdocs_site_has_no_broken_link_and_keeps_the_hooks(sites):
    site = sites["properdocs"]
    assert broken_links(site) == []
    report = (site / "visits/2023-03/thanh-phu/index.html").read_text(encoding="utf-8")
    assert 'href="#2023-03-05-an-dinh"' in report  # the table of contents of an HTML page
    assert "&lt;b&gt;ấp&lt;/b&gt;" in report  # escaped by the templates
    assert 'http-equiv="Content-Security-Policy"' in report  # the publishing gate ran


def test_an_unknown_builder_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("THEO_DOI_BUILDER", "zensical")
    content = copy_fixture("four-levels", tmp_path)
    with pytest.raises(BuildError) as err:
        build_site(content, audience="public", out=tmp_path / "site", today=TODAY,
                   work=tmp_path / "work", log=lambda *_: None)
    assert str(err.value) == ("THEO_DOI_BUILDER=zensical không phải trình dựng trang đã biết; "
                              "cần một trong: mkdocs, properdocs")
    assert not (tmp_path / "site").exists()
