"""The published site: fact sheets, document pages, timeline, structured data; checked with pyld, extruct,
html5lib and a real headless Chromium loading the site from a loopback HTTP server."""
import functools
import http.server
import itertools
import json
import re
import shutil
import subprocess
import threading
import typing
from pathlib import Path
from urllib.parse import urljoin

import html5lib
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pyld import jsonld

from refugee_ld.cli import main
from refugee_ld.text.loading import InputError
from refugee_ld.publish.site import (
    SiteInput,
    highlight,
    page_path,
    publish,
    render_site,
    safe_target,
    write_site,
)
from refugee_ld.rdf.terms import DEFAULT_BASE, RDF, RDFS, RLD, SCHEMA, Quad, en, iri

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ROOT = Path(__file__).resolve().parents[1]
BASE = DEFAULT_BASE
KZ = "state/kazakhstan.html"
CONVENTION = "instrument/convention-relating-to-the-status-of-refugees.html"
NS = "{http://www.w3.org/1999/xhtml}"


# ------------------------------------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def site(seed_build, tmp_path_factory):
    out = tmp_path_factory.mktemp("pub") / "site"
    pages = publish(seed_build.out_dir, out, documents=[ROOT / "data" / "documents"], show_progress=False)
    return out, pages


@pytest.fixture(scope="module")
def store(seed_build):
    s = ox.Store()
    s.bulk_load(path=str(seed_build.out_dir / "dataset.nq"), format=ox.RdfFormat.N_QUADS)
    return s


@pytest.fixture(scope="module")
def graph(seed_build):
    return {(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(seed_build.out_dir / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}


PREFIXES = ("PREFIX rld: <https://w3id.org/refugee-ld/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX prov: <http://www.w3.org/ns/prov#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> ")


def rows(store, query):
    """SELECT over the union of the dump's graphs, as a list of {variable: lexical value}."""
    result = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: (r[n].value if r[n] is not None else None) for n in names} for r in result]


def pages_of(out):
    return sorted(p for p in out.rglob("*.html"))


def parse_html(text):
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=True)
    tree = parser.parse(text)
    return tree, parser.errors


def text_of(element):
    return "".join(element.itertext())


def section(tree, section_id):
    for el in tree.iter(f"{NS}section"):
        if el.get("id") == section_id:
            return " ".join(text_of(el).split())
    raise AssertionError(f"no section {section_id}")


def norm(text):
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------------ browser
class _Recorder(http.server.BaseHTTPRequestHandler):
    """A proxy that refuses every request and records those a page made: anything reaching it left the loopback
    site. Chromium's own service calls (time and update checks it makes despite the flags) carry no Referer or
    Origin; a request from a page does."""

    seen: typing.ClassVar[list] = []

    def _refuse(self):
        if self.headers.get("Referer") or self.headers.get("Origin"):
            self.seen.append(f"{self.command} {self.path} from {self.headers.get('Referer') or self.headers['Origin']}")
        self.send_response(403)
        self.end_headers()

    do_GET = do_POST = do_HEAD = do_CONNECT = _refuse

    def log_message(self, *args):
        pass


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser(site, tmp_path_factory):
    if CHROMIUM is None:
        pytest.skip("needs chromium (.ci/run installs it)")
    out, _ = site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    for s in (server, proxy):
        threading.Thread(target=s.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    shots = tmp_path_factory.mktemp("screens")

    def run(path, *extra):
        profile = tmp_path_factory.mktemp("chromium-profile")
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                   f"--proxy-server=http://127.0.0.1:{proxy.server_address[1]}",
                   "--window-size=1280,1600", *extra, urljoin(origin, path)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
        assert result.returncode == 0, result.stderr[-800:]
        return result.stdout

    def dom(path):
        return run(path, "--dump-dom", "--virtual-time-budget=2000")

    def screenshot(path, name):
        target = shots / name
        run(path, f"--screenshot={target}", "--virtual-time-budget=2000")
        assert target.stat().st_size > 20_000
        return target

    yield {"dom": dom, "screenshot": screenshot, "origin": origin, "external": _Recorder.seen}
    server.shutdown()
    proxy.shutdown()


# ------------------------------------------------------------------------------------------------ fact sheets in the browser
def test_state_fact_sheet_in_the_browser(browser, store):
    html = browser["dom"](KZ)
    browser["screenshot"](KZ, "state.png")
    tree, _ = parse_html(html)
    assert norm(text_of(next(tree.iter(f"{NS}h1")))) == "Kazakhstan"
    actions = section(tree, "treaty-actions")
    found = rows(store, """SELECT ?instrument ?quote ?title WHERE { ?a a rld:TreatyAction ; rld:state ?s ;
        rld:instrument/rdfs:label ?instrument ; rld:evidence ?e . ?e oa:exact ?quote ; prov:wasQuotedFrom/dcterms:title ?title .
        ?s rdfs:label "Kazakhstan"@en }""")
    assert found
    for r in found:
        assert r["instrument"] in actions and norm(r["quote"]) in actions and r["title"] in actions
    # the 1951 Convention accession: 1998-12 in one statement, 1999 in another, shown side by side and marked
    assert "Sources disagree" in actions and "1998-12 according to" in actions and "1999 according to" in actions
    figures = section(tree, "population")
    for r in rows(store, """SELECT ?quote WHERE { ?f a rld:PopulationFigure ; rld:place/rdfs:label "Kazakhstan"@en ;
                            rld:evidence/oa:exact ?quote }"""):
        assert norm(r["quote"]) in figures
    assert "<svg" in html and "Population figures for Kazakhstan" in html
    events = section(tree, "events")
    for r in rows(store, """SELECT DISTINCT ?event WHERE { ?e a rld:Event ; rdfs:label ?event ;
                            rld:participant|rld:organizer ?s . ?s rdfs:label "Kazakhstan"@en }"""):
        assert r["event"] in events
    officials = section(tree, "officials")
    for r in rows(store, """SELECT ?person ?post WHERE { ?p rld:holdsPost ?post_ ; rdfs:label ?person .
                            ?post_ rdfs:label ?post ; rld:organisation/rdfs:label "Kazakhstan"@en }"""):
        assert r["person"] in officials and r["post"] in officials
    assert 'href="http://www.wikidata.org/entity/Q232"' in html
    assert browser["external"] == []


def test_instrument_fact_sheet_in_the_browser(browser, store):
    html = browser["dom"](CONVENTION)
    browser["screenshot"](CONVENTION, "instrument.png")
    tree, _ = parse_html(html)
    party = section(tree, "states-party")
    found = rows(store, """SELECT ?state ?quote WHERE { ?a a rld:TreatyAction ; rld:state/rdfs:label ?state ;
        rld:instrument/rdfs:label "Convention Relating to the Status of Refugees"@en ; rld:evidence/oa:exact ?quote }""")
    assert found
    for r in found:
        assert r["state"] in party and norm(r["quote"]) in party
    dates = section(tree, "dates")
    assert "adopted" in dates and "1951-07-28" in dates and "entered into force" in dates and "1954-04-22" in dates
    assert browser["external"] == []


def test_event_fact_sheet_in_the_browser(browser, store):
    event = rows(store, """SELECT ?e WHERE { ?e a rld:Event ; rld:adopted ?i ; rld:location ?l ; rld:organizer ?o }
                           ORDER BY ?e LIMIT 1""")[0]["e"]
    path = page_path(event, BASE)
    html = browser["dom"](path)
    browser["screenshot"](path, "event.png")
    tree, _ = parse_html(html)
    when = section(tree, "when-where")
    for r in rows(store, f"SELECT ?d ?place WHERE {{ <{event}> rld:startDate ?d ; rld:location/rdfs:label ?place }}"):
        assert r["d"] in when and r["place"] in when
    for prop, section_id in (("organizer", "organizer"), ("participant", "participant"), ("adopted", "adopted")):
        names = section(tree, section_id)
        for r in rows(store, f"SELECT ?n WHERE {{ <{event}> rld:{prop}/rdfs:label ?n }}"):
            assert r["n"] in names
    reported = section(tree, "reported-by")
    for r in rows(store, f"SELECT DISTINCT ?t WHERE {{ <{event}> prov:wasDerivedFrom/dcterms:title ?t }}"):
        assert r["t"] in reported
    assert browser["external"] == []


def test_document_page_and_evidence_links_resolve_inside_the_site(browser, store, site):
    out, _ = site
    kz = (out / KZ).read_text(encoding="utf-8")
    href = re.search(r'<a class="evidence" href="([^"]+)">', kz).group(1)
    target = urljoin(urljoin(browser["origin"], KZ), href)
    assert target.startswith(browser["origin"])  # same origin, inside the site
    page, fragment = target.split("#", 1)
    local = page[len(browser["origin"]):-len(".html")].lstrip("/")
    document_iri = BASE + "/".join(decode_segment(part) for part in local.split("/") if part != "~~")
    quote = rows(store, f"SELECT ?q WHERE {{ <{document_iri}#{fragment}> oa:exact ?q }}")[0]["q"]
    html = browser["dom"](target[len(browser["origin"]):])
    browser["screenshot"](page[len(browser["origin"]):], "document.png")  # (headless shoots blank when scrolled)
    tree, _ = parse_html(html)
    marks = [m for m in tree.iter(f"{NS}mark") if m.get("id") == fragment]
    assert len(marks) == 1 and text_of(marks[0]) == quote
    assert "on" in marks[0].get("class").split()  # the browser landed on it (:target highlighted by the page)
    title = rows(store, f"SELECT ?t ?p WHERE {{ <{document_iri}> dcterms:title ?t OPTIONAL {{ <{document_iri}> dcterms:publisher ?p }} }}")[0]
    assert norm(text_of(next(tree.iter(f"{NS}h1")))) == norm(title["t"])
    facts = section(tree, "facts")
    for r in rows(store, f"""SELECT ?q WHERE {{ ?f prov:wasDerivedFrom <{document_iri}> ; a rld:TreatyAction ;
                              rld:evidence ?e . ?e oa:exact ?q ; prov:wasQuotedFrom <{document_iri}> }}"""):
        assert norm(r["q"]) in facts
    assert browser["external"] == []


def test_timeline_and_index_in_the_browser(browser, store):
    html = browser["dom"]("timeline.html")
    browser["screenshot"]("timeline.html", "timeline.png")
    tree, _ = parse_html(html)
    table = " ".join(text_of(next(t for t in tree.iter(f"{NS}table") if "timeline" in t.get("class", ""))).split())
    for r in rows(store, "SELECT ?d ?n WHERE { ?e a rld:Event ; rld:startDate ?d ; rdfs:label ?n }"):
        assert r["n"] in table and r["d"] in table
    for r in rows(store, """SELECT ?d WHERE { ?a a rld:TreatyAction ; rld:date ?d }"""):
        assert r["d"] in table
    form = next(f for f in tree.iter(f"{NS}form") if f.get("id") == "timeline-filter")
    assert form.get("hidden") is None  # the script ran and showed the filters
    assert {o.text for o in form.iter(f"{NS}option")} >= {"Kazakhstan", "Convention Relating to the Status of Refugees"}
    index = browser["dom"]("index.html")
    browser["screenshot"]("index.html", "index.png")
    assert '<p id="filter-box">' in index  # the offline filter is live
    assert browser["external"] == []


def test_pages_are_readable_without_javascript(site):
    out, _ = site
    for page in pages_of(out):  # nothing to fetch from elsewhere: no external src, stylesheet or script
        tree, _ = parse_html(page.read_text(encoding="utf-8"))
        for el in tree.iter():
            if not isinstance(el.tag, str):
                continue
            fetched = el.get("src") or (el.get("href") if el.tag == f"{NS}link" else None)
            assert fetched is None or not re.match(r"([a-z]+:)?//", fetched), (page, fetched)
    timeline = (out / "timeline.html").read_text(encoding="utf-8")
    assert '<form id="timeline-filter" hidden>' in timeline and "<svg" in timeline
    assert timeline.count("<tr data-states=") > 10


# ------------------------------------------------------------------------------------------------ machine-readable
def triples_of_jsonld(document, base=None):
    nq = jsonld.to_rdf(document, {"format": "application/n-quads", **({"base": base} if base else {})})
    return {(q.subject, q.predicate, q.object) for q in ox.parse(nq.encode(), format=ox.RdfFormat.N_QUADS)}


def embedded_jsonld(html):
    found = re.findall(r'<script type="application/ld\+json">\n(.*?)\n</script>', html, re.DOTALL)
    assert len(found) == 1
    return json.loads(found[0])


def is_schema(triple):
    _s, p, o = triple
    return p.value.startswith(SCHEMA) or (p.value == RDF + "type" and o.value.startswith(SCHEMA))


def test_embedded_jsonld_is_the_entitys_triples_plus_schema_org(site, graph):
    """For every entity page: the expanded embedded JSON-LD equals the entity's triples in the dump plus only
    schema.org triples (schema: predicates or schema: types); the .jsonld and .ttl alternates hold exactly the
    entity's triples."""
    out, pages = site
    by_subject = {}
    for t in graph:
        by_subject.setdefault(t[0], set()).add(t)
    checked = 0
    for page in pages_of(out):
        rel = page.relative_to(out).as_posix()
        if "/" not in rel:
            continue
        html = page.read_text(encoding="utf-8")
        stem = page.name[:-5]
        assert f'<link rel="alternate" type="text/turtle" href="{stem}.ttl">' in html
        assert f'<link rel="alternate" type="application/ld+json" href="{stem}.jsonld">' in html
        embedded = triples_of_jsonld(embedded_jsonld(html))
        subject = ox.NamedNode(iri_of_page(rel))
        own = by_subject[subject]
        assert own <= embedded
        extra = embedded - own
        assert extra and all(is_schema(t) for t in extra), rel
        assert triples_of_jsonld(json.loads(page.with_suffix(".jsonld").read_text(encoding="utf-8"))) == own
        ttl = {(q.subject, q.predicate, q.object)
               for q in ox.parse(path=str(page.with_suffix(".ttl")), format=ox.RdfFormat.TURTLE)}
        assert ttl == own
        checked += 1
    assert checked == pages and pages > 300


REQUIRED = {"Country": {"name", "url"}, "Organization": {"name", "url"}, "GovernmentOrganization": {"name", "url"},
            "Legislation": {"name", "url"}, "Event": {"name", "url", "eventStatus"}, "Person": {"name", "url"},
            "Place": {"name", "url"}, "Report": {"name", "headline", "url", "inLanguage"},
            "Dataset": {"name", "description", "license", "distribution"}, "WebPage": {"name", "about"},
            "DefinedTermSet": {"name", "hasDefinedTerm"}}


def test_structured_data_as_a_search_engine_reads_it(site, store):
    import extruct

    out, _ = site
    seen_types = set()
    for page in pages_of(out):
        rel = page.relative_to(out).as_posix()
        data = extruct.extract(page.read_text(encoding="utf-8"), base_url=BASE + rel, syntaxes=["json-ld"],
                               uniform=True)["json-ld"]
        assert len(data) == 1, rel
        node = data[0]
        types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        schema_types = [t for t in types if ":" not in t]
        assert schema_types, rel
        for t in schema_types:
            seen_types.add(t)
            assert REQUIRED[t] <= set(node), (rel, t, REQUIRED[t] - set(node))
        if "Event" in schema_types:
            iri_ = iri_of_page(rel)
            if rows(store, f"SELECT ?d WHERE {{ <{iri_}> rld:startDate ?d }}"):
                assert node["startDate"]
            if rows(store, f"SELECT ?l WHERE {{ <{iri_}> rld:location ?l }}"):
                assert all(p["@type"] == "Place" and p["name"] and p["address"] for p in node["location"])
            if rows(store, f"SELECT ?o WHERE {{ <{iri_}> rld:organizer ?o }}"):
                assert all(o["name"] for o in node["organizer"])
            if rows(store, f"SELECT ?o WHERE {{ <{iri_}> rld:participant ?o }}"):
                assert all(o["name"] for o in node["attendee"])
        if "Person" in schema_types and rows(store, f"SELECT ?p WHERE {{ <{iri_of_page(rel)}> rld:holdsPost ?p }}"):
            assert node["jobTitle"]
        if "Report" in schema_types:
            assert node["citation"] and node["headline"]
    assert {"Country", "Legislation", "Event", "Person", "Place", "Report", "Dataset", "WebPage",
            "DefinedTermSet"} <= seen_types
    assert {"Organization", "GovernmentOrganization"} & seen_types


def test_html_parses_and_is_accessible(site):
    out, _ = site
    for page in pages_of(out):
        html = page.read_text(encoding="utf-8")
        tree, errors = parse_html(html)
        assert errors == [], (page, errors[:3])
        assert "<Macro" not in html and "&lt;Macro" not in html  # no template name shadowed a value
        assert tree.get("lang") == "en"
        title = tree.find(f"{NS}head/{NS}title")
        assert title is not None and title.text.strip()
        levels = [int(el.tag[-1]) for el in tree.iter() if isinstance(el.tag, str)
                  and re.fullmatch(rf"{re.escape(NS)}h[1-6]", el.tag)]
        assert levels[0] == 1 and levels.count(1) == 1, page
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), (page, levels)
        assert all(img.get("alt") for img in tree.iter(f"{NS}img"))
        for svg in tree.iter("{http://www.w3.org/2000/svg}svg"):
            assert svg.get("role") == "img" and svg.find("{http://www.w3.org/2000/svg}title").text


def test_index_counts_dumps_dcat_void_sparql_and_ontology(site, store):
    out, _ = site
    index = (out / "index.html").read_text(encoding="utf-8")
    states = len(rows(store, "SELECT DISTINCT ?s WHERE { ?s a rld:State }"))
    assert f'<a href="#state">State</a></td><td>{states}</td>' in index
    for name in ("graph.ttl", "dataset.nq", "graph.jsonld", "void.ttl"):
        assert (out / "data" / name).read_bytes() and f'href="data/{name}"' in index
    assert 'href="dcat.ttl"' in index and 'href="ontology.html"' in index and 'href="timeline.html"' in index
    dcat = ox.Store()
    dcat.load(path=str(out / "dcat.ttl"), format=ox.RdfFormat.TURTLE, base_iri=BASE + "site/dcat.ttl")
    answer = list(dcat.query("""PREFIX dcat: <http://www.w3.org/ns/dcat#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?url ?size WHERE { ?d a dcat:Dataset ; dcterms:license ?l ; dcterms:publisher ?p ; dcterms:modified ?m ;
        dcterms:temporal ?t ; dcat:distribution ?x . ?x a dcat:Distribution ; dcat:downloadURL ?url ;
        dcat:mediaType ?mt ; dcat:byteSize ?size }"""))
    assert {r["url"].value.rsplit("/", 1)[-1] for r in answer} >= {"graph.ttl", "dataset.nq", "graph.jsonld"}
    for r in answer:
        assert int(r["size"].value) == (out / "data" / r["url"].value.rsplit("/", 1)[-1]).stat().st_size
    for query in sorted((out / "sparql").glob("*.rq")):
        assert query.name in index
        result = store.query(query.read_text(encoding="utf-8"), use_default_graph_as_union="GRAPH" not in
                             query.read_text(encoding="utf-8"))
        assert list(result), query.name  # every example answers on the seed data
    ontology = (out / "ontology.html").read_text(encoding="utf-8")
    for cls in ("State", "Agency", "Instrument", "Event", "Person", "Place", "Document"):
        assert f'id="{cls}"' in ontology
    assert "schema:Country" in ontology and 'id="partyTo"' in ontology


def test_index_links_resolve_and_output_is_deterministic(site, seed_build, tmp_path):
    out, _ = site
    for page in [out / "index.html", out / KZ, out / CONVENTION, out / "timeline.html"]:
        for link in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")):
            if not link.startswith("http"):
                assert (page.parent / link).resolve().is_file(), (page, link)
    again = tmp_path / "again"
    publish(seed_build.out_dir, again, documents=[ROOT / "data" / "documents"], show_progress=False)
    for page in out.rglob("*.*"):
        assert (again / page.relative_to(out)).read_bytes() == page.read_bytes(), page
    publish(seed_build.out_dir, again, documents=[ROOT / "data" / "documents"], show_progress=False)
    assert (again / "index.html").is_file()
    leftovers = [p for p in again.parent.glob(".again.*") if p.name != ".again.generations"]
    assert not leftovers and not list((again.parent / ".again.generations").glob(".tmp-*"))
    assert again.is_symlink()  # a generation, switched in one step (generations.py)


# ------------------------------------------------------------------------------------------------ templates, escaping, safety
HOSTILE = ["index", "dcat", "data/graph", "sparql/1-treaty-actions", "state//x", "state/../x", "../../../tmp/evil", "state/%2E%2E/%2e%2e/x", "state/..%2F..%2Fx",
           "/x", "state/x/../../../y", "state/.hidden", "state/~7E", ".."]
# (a backslash is no IRI character: no parser yields such a term and the writers refuse it, see test_terms)


def hostile_quads():
    quads = []
    for n, local in enumerate(HOSTILE):
        quads += [Quad(iri(BASE + local), iri(RDF + "type"), iri(RLD + "State")),
                  Quad(iri(BASE + local), iri(RDFS + "label"), en(f"<script>alert({n})</script> & co"))]
    outside = "https://evil.example/../../x"
    quads += [Quad(iri(outside), iri(RDF + "type"), iri(RLD + "State")),
              Quad(iri(outside), iri(RDFS + "label"), en("Outside")),
              Quad(iri(BASE + "state/ok"), iri(RDF + "type"), iri(RLD + "State")),
              Quad(iri(BASE + "state/ok"), iri(RDFS + "label"), en("Ok")),
              Quad(iri(BASE + "state/ok"), iri(RLD + "partyTo"), iri(outside))]
    return quads


def test_hostile_iris_never_leave_the_output_folder(tmp_path):
    root = tmp_path / "root"
    out = root / "a" / "site"
    root.mkdir()
    files = list(render_site(SiteInput(hostile_quads())))
    write_site(files, out)
    written = {p for p in root.rglob("*")}
    inside = {out.parent, out, out.parent / ".site.generations"}  # the link, its generations folder (and lock)
    real_out = out.resolve()
    assert written and all(p in inside or p.resolve().is_relative_to(real_out)
                           or p.parent == out.parent / ".site.generations" for p in written)
    assert set(tmp_path.iterdir()) == {root}
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}  # through the link: the current generation
    expected = {page_path(BASE + local, BASE) for local in HOSTILE} | {"state/ok.html"}
    assert len(expected) == len(HOSTILE) + 1  # one page each, all distinct
    assert pages == expected | {"index.html", "timeline.html", "ontology.html"}  # the outside IRI is not written
    ok = (out / "state" / "ok.html").read_text(encoding="utf-8")
    assert 'href="https://evil.example/../../x"' in ok  # linked, never written
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in text and "\\u003cscript" not in text.split("ld+json")[0]
    assert "&lt;script&gt;alert(0)&lt;/script&gt; &amp; co" in (out / "index.html").read_text(encoding="utf-8")


def iri_of_page(rel):
    """The IRI a site path stands for (the inverse of publish.page_path)."""
    return BASE + "/".join(decode_segment(part) for part in rel[:-len(".html")].split("/") if part != "~~")


def decode_segment(segment):
    if segment == "~":
        return ""
    return re.sub(rb"~([0-9A-F]{2})", lambda m: bytes([int(m.group(1), 16)]), segment.encode()).decode("utf-8")


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters="/#", blacklist_categories=("Cs",)),
                        max_size=12), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_page_paths_are_safe_and_injective(segments):
    """Any path below the base maps to plain [A-Za-z0-9_~-] segments that decode back to the IRI's own."""
    local = "/".join(segments)
    path = page_path(BASE + local, BASE)
    if not local:
        assert path is None
        return
    assert re.fullmatch(r"[A-Za-z0-9_~-]+(/[A-Za-z0-9_~-]+)*\.html", path)
    parts = path[:-5].split("/")
    if parts[0] == "~~":  # top-level names and data/, sparql/ belong to the site itself
        parts = parts[1:]
        assert len(segments) == 1 or segments[0] in ("data", "sparql")
    assert [decode_segment(s) for s in parts] == segments
    assert page_path("https://elsewhere.example/id/" + local, BASE) is None


def test_safe_target_refuses_escapes(tmp_path):
    for bad in ("../x", "/etc/passwd", "a//b", "a/./b", "", "a/.."):
        with pytest.raises(ValueError):
            safe_target(tmp_path, bad)
    (tmp_path / "link").symlink_to(tmp_path.parent)
    with pytest.raises(ValueError):
        safe_target(tmp_path, "link/x")
    assert safe_target(tmp_path, "state/x.html") == tmp_path / "state" / "x.html"


@given(st.text(alphabet="ab<&\n é", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)),
                                                          max_size=6))
@settings(max_examples=200, deadline=None)
def test_highlight_keeps_the_text_and_anchors_every_span(text, pairs):
    spans = [(min(a, b), max(a, b), f"char={min(a, b)},{max(a, b)}") for a, b in pairs]
    html = highlight(text, spans)
    tree = html5lib.parse(f"<div>{html}</div>", namespaceHTMLElements=False)
    div = tree.find("body/div")
    assert "".join(div.itertext()) == text
    valid = {s[2] for s in spans if 0 <= s[0] < s[1] <= len(text)}
    ids = [m.get("id") for m in div.iter("mark") if m.get("id")]
    assert sorted(ids) == sorted(valid)
    for mark in div.iter("mark"):
        if mark.get("id"):
            start, end = map(int, mark.get("id")[5:].split(","))
            assert text[start:end].startswith("".join(mark.itertext()))


def test_templates_can_be_overridden(seed_build, tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "style.css").write_text("body{color:purple}\n", encoding="utf-8")
    base = (ROOT / "src" / "refugee_ld" / "templates" / "base.html").read_text(encoding="utf-8")
    (templates / "base.html").write_text(base.replace("<footer>", "<footer><p>Published by Test Org</p>"),
                                         encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", "--data", str(seed_build.out_dir), "--out", str(out),
                                       "--templates", str(templates)])
    assert result.exit_code == 0, result.output
    assert "Published by Test Org" in (out / KZ).read_text(encoding="utf-8")
    assert (out / "style.css").read_text(encoding="utf-8") == "body{color:purple}\n"
    missing = CliRunner().invoke(main, ["publish", "--data", str(seed_build.out_dir), "--out", str(out),
                                        "--templates", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_document_without_its_text_shows_anchored_quotes(seed_build, tmp_path):
    out = tmp_path / "site"
    publish(seed_build.out_dir, out, documents=[tmp_path / "no-texts"], show_progress=False)
    page = next((out / "document").glob("*.html")).read_text(encoding="utf-8")
    assert "was not available" in page
    assert re.search(r'<mark class="ev" id="char=\d+,\d+">', page)


def test_bad_data_is_reported(tmp_path):
    broken = tmp_path / "x.nt"
    broken.write_text("<a> <b>", encoding="utf-8")
    with pytest.raises(InputError, match="x.nt"):
        publish(broken, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_small_dataset_end_to_end(tmp_path):
    """Hand-made quads: document page with source link and escaped text, conflicting instrument dates marked."""
    from refugee_ld.rdf.terms import DCTERMS, OA, PROV, XSD, date_literal, integer, literal

    text = "In 1999 <b>X</b> acceded to the Convention. It entered into force in 2001."
    doc_a, doc_b = BASE + "document/a", BASE + "document/b"
    conv, state = BASE + "instrument/c", BASE + "state/x"
    quads = [Quad(iri(conv), iri(RDF + "type"), iri(RLD + "Instrument")), Quad(iri(conv), iri(RDFS + "label"),
                                                                              en("The Convention")),
             Quad(iri(state), iri(RDF + "type"), iri(RLD + "State")), Quad(iri(state), iri(RDFS + "label"), en("X"))]
    for doc, date, title in ((doc_a, "2001", "Doc A"), (doc_b, "2002", "Doc B")):
        g = iri(doc)
        quads += [Quad(g, iri(RDF + "type"), iri(RLD + "Document"), g),
                  Quad(g, iri(DCTERMS + "title"), en(title), g),
                  Quad(g, iri(DCTERMS + "identifier"), literal(doc[-1] + ".txt"), g),
                  Quad(g, iri(DCTERMS + "source"), literal("https://example.org/" + title.replace(" ", "")), g),
                  Quad(iri(conv), iri(RLD + "entryIntoForceDate"), date_literal(date), g)]
    ev = iri(doc_a + "#char=8,43")
    fact = iri(BASE + "fact/1")
    quads += [Quad(ev, iri(RDF + "type"), iri(RLD + "Evidence"), iri(doc_a)),
              Quad(ev, iri(OA + "exact"), literal(text[8:43]), iri(doc_a)),
              Quad(ev, iri(OA + "start"), literal("8", XSD + "nonNegativeInteger"), iri(doc_a)),
              Quad(ev, iri(OA + "end"), literal("43", XSD + "nonNegativeInteger"), iri(doc_a)),
              Quad(ev, iri(PROV + "wasQuotedFrom"), iri(doc_a), iri(doc_a)),
              Quad(fact, iri(RDF + "type"), iri(RLD + "TreatyAction"), iri(doc_a)),
              Quad(fact, iri(RLD + "state"), iri(state), iri(doc_a)),
              Quad(fact, iri(RLD + "instrument"), iri(conv), iri(doc_a)),
              Quad(fact, iri(RLD + "action"), iri(RLD + "Accession"), iri(doc_a)),
              Quad(fact, iri(RLD + "date"), date_literal("1999"), iri(doc_a)),
              Quad(fact, iri(RLD + "evidence"), ev, iri(doc_a)),
              Quad(fact, iri(PROV + "wasDerivedFrom"), iri(doc_a), iri(doc_a)),
              Quad(iri(BASE + "fact/2"), iri(RLD + "count"), integer(5), iri(doc_a))]
    out = tmp_path / "site"
    write_site(render_site(SiteInput(quads, texts={"a.txt": text})), out)
    page = (out / "document" / "a.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/DocA">https://example.org/DocA</a>' in page
    assert '<mark class="ev" id="char=8,43">&lt;b&gt;X&lt;/b&gt; acceded to the Convention.</mark>' in page
    assert "<b>X</b>" not in page
    instrument = (out / "instrument" / "c.html").read_text(encoding="utf-8")
    tree, _ = parse_html(instrument)
    dates = section(tree, "dates")
    assert "Sources disagree: 2001 according to Doc A; 2002 according to Doc B" in dates
    party = section(tree, "states-party")
    assert "X — accession" in party and "1999" in party and "Doc A" in party
    assert 'href="../document/a.html#char=8,43"' in instrument
    b = (out / "document" / "b.html").read_text(encoding="utf-8")
    assert "was not available" in b  # no text given for b.txt
