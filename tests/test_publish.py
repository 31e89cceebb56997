"""The published site: per-entity pages with embedded JSON-LD, checked with pyld and in a real browser."""
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
from pyld import jsonld

from refugee_ld.loading import InputError
from refugee_ld.publish import publish

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.links, self._in_script, self.h1, self._in_h1 = [], [], False, "", False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_script = True
            self.scripts.append("")
        if tag == "a":
            self.links.append(attrs.get("href"))
        self._in_h1 = tag == "h1"

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script
        self._in_h1 = False if tag == "h1" else self._in_h1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        if self._in_h1:
            self.h1 += data


def parse(html_text):
    page = _Page()
    page.feed(html_text)
    return page


def triples_of_jsonld(document):
    nq = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return {(q.subject, q.predicate, q.object) for q in ox.parse(nq.encode(), format=ox.RdfFormat.N_QUADS)}


@pytest.fixture(scope="module")
def site(seed_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("pub") / "site"
    pages = publish(seed_build.out_dir / "graph.nt", out)
    return out, pages


def test_every_page_embeds_exactly_its_entitys_triples(site, seed_build):
    out, pages = site
    graph = {(q.subject, q.predicate, q.object)
             for q in ox.parse(path=str(seed_build.out_dir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    checked = 0
    for page in sorted(out.rglob("*.html")):
        if page.name == "index.html":
            continue
        parsed = parse(page.read_text(encoding="utf-8"))
        assert len(parsed.scripts) == 1
        embedded = triples_of_jsonld(json.loads(parsed.scripts[0].replace("<\\/", "</")))
        subject = next(iter(embedded))[0]
        assert embedded == {t for t in graph if t[0] == subject}
        assert embedded == triples_of_jsonld(json.loads(page.with_suffix(".jsonld").read_text(encoding="utf-8")))
        checked += 1
        if checked >= 60:
            break
    assert checked == 60 and pages > 300


def test_index_links_resolve_and_output_is_deterministic(site, seed_build, tmp_path):
    out, _ = site
    index = parse((out / "index.html").read_text(encoding="utf-8"))
    assert "state/kazakhstan.html" in index.links
    assert all((out / link).is_file() for link in index.links)
    kz = parse((out / "state" / "kazakhstan.html").read_text(encoding="utf-8"))
    assert all((out / "state" / link).resolve().is_file() for link in kz.links if not link.startswith("http"))
    again = tmp_path / "again"
    publish(seed_build.out_dir / "graph.nt", again)
    for page in out.rglob("*.*"):
        assert (again / page.relative_to(out)).read_bytes() == page.read_bytes()
    publish(seed_build.out_dir / "graph.nt", again)  # replacing an existing site
    assert (again / "index.html").is_file() and not list(again.parent.glob(".again.*"))


def test_bad_data_is_reported(tmp_path):
    broken = tmp_path / "x.nt"
    broken.write_text("<a> <b>", encoding="utf-8")
    with pytest.raises(InputError, match="x.nt"):
        publish(broken, tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (.ci/run installs it)")
def test_pages_render_in_a_real_browser(site):
    out, _ = site

    def dom(path):
        result = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                 path.resolve().as_uri()], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-500:]
        return result.stdout

    page = parse(dom(out / "state" / "kazakhstan.html"))
    assert page.h1 == "Kazakhstan"
    document = json.loads(page.scripts[0].replace("<\\/", "</"))  # the browser kept the JSON intact
    assert document["@graph"][0]["@id"] == "state:kazakhstan"
    index = dom(out / "index.html")
    assert re.search(r'<a href="state/kazakhstan.html">Kazakhstan</a>', index)
