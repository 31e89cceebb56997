"""The client against a fake Wikidata on loopback: etiquette, retries, faults, cache."""
import pytest
import requests

from fake_wikidata import FakeWikidata, item
from refugee_ld.linking.wikidata import Cache, WikidataClient, WikidataUnavailable, claim_ids

ITEMS = {f"Q{n}": item(f"Q{n}", f"Thing {n}", ["Q5"]) for n in range(1, 121)}
ITEMS["Q232"] = item("Q232", "Kazakhstan", ["Q3624078"], aliases=["Republic of Kazakhstan"], ru="Казахстан")


@pytest.fixture
def fake():
    with FakeWikidata(ITEMS) as server:
        yield server


def client(fake, tmp_path, **kw):
    sleeps = []
    c = WikidataClient(fake.url, Cache(tmp_path / "cache.json"), sleep=sleeps.append, timeout=kw.pop("timeout", 5),
                       **kw)
    return c, sleeps


def test_search_and_batched_fetch_respect_etiquette(fake, tmp_path):
    c, _ = client(fake, tmp_path)
    assert [h["id"] for h in c.search("Kazakhstan")] == ["Q232"]
    entities = c.get_entities([f"Q{n}" for n in range(1, 121)] + ["Q999999"])
    assert len(entities) == 120 and "Q999999" not in entities
    gets = [r for r in fake.requests if r.get("action") == "wbgetentities"]
    assert len(gets) == 3 and all(len(r["ids"].split("|")) <= 50 for r in gets)
    assert fake.violations == [] and fake.max_in_flight == 1
    assert claim_ids(entities["Q1"], "P31") == ["Q5"]


@pytest.mark.parametrize("fault, slept", [("maxlag", 5.0), ("429", 2.0), ("500", 1.0)])
def test_transient_faults_are_retried_after_waiting(fault, slept, fake, tmp_path):
    c, sleeps = client(fake, tmp_path)
    fake.faults = [fault]
    assert c.search("Kazakhstan")[0]["id"] == "Q232"
    assert sleeps == [slept] and c.requests_made == 2


def test_timeouts_are_retried(fake, tmp_path):
    c, sleeps = client(fake, tmp_path, timeout=0.5)
    fake.faults = ["slow"]
    assert c.search("Kazakhstan")[0]["id"] == "Q232"
    assert len(sleeps) == 1


def test_persistent_outage_and_bad_json_raise(fake, tmp_path):
    c, sleeps = client(fake, tmp_path, max_retries=3)
    fake.faults = ["429"] * 3
    with pytest.raises(WikidataUnavailable, match="gave up after 3 attempts"):
        c.search("Kazakhstan")
    fake.faults = ["badjson"]
    with pytest.raises(WikidataUnavailable, match="not JSON"):
        c.search("Republic of Kazakhstan")
    assert c.cache.entries == {}  # nothing half-baked was cached


def test_cache_makes_reruns_free_and_offline_makes_no_request(fake, tmp_path):
    c, _ = client(fake, tmp_path)
    c.search("Kazakhstan")
    c.cache.save()
    again = WikidataClient(fake.url, Cache.load(tmp_path / "cache.json"), sleep=lambda s: None)
    before = len(fake.requests)
    assert again.search("Kazakhstan")[0]["id"] == "Q232"
    offline = WikidataClient(fake.url, Cache.load(tmp_path / "cache.json"), offline=True)
    assert offline.search("Kazakhstan")[0]["id"] == "Q232" and offline.search("Uzbekistan") == []
    assert len(fake.requests) == before and again.requests_made == 0


def test_requests_without_a_policy_user_agent_are_refused(fake):
    r = requests.get(fake.url, params={"action": "wbsearchentities", "search": "x", "language": "en"})
    assert r.status_code == 403


def test_reconciliation_api_batches(fake, tmp_path):
    c = WikidataClient(fake.recon_url, Cache(tmp_path / "c.json"), sleep=lambda s: None)
    answer = c.reconcile_batch({"q0": {"query": "Kazakhstan", "limit": 3}})
    assert answer["q0"][0]["id"] == "Q232"


# -- bounded networking (issue 14 item 6) ------------------------------------------------------------------------
import json  # noqa: E402
import time  # noqa: E402

from refugee_ld.linking.wikidata import ReconcileAborted  # noqa: E402


def test_trickling_server_hits_the_total_deadline(fake, tmp_path):
    c, _ = client(fake, tmp_path, deadline=2.0)
    fake.faults = ["trickle"]
    start = time.monotonic()
    with pytest.raises(ReconcileAborted, match="deadline of 2 s reached"):
        c.search("Kazakhstan")
    assert time.monotonic() - start < 6
    assert c.cache.entries == {}


@pytest.mark.parametrize("fault", ["endless", "huge"])
def test_oversized_answers_are_refused(fake, tmp_path, fault):
    c, _ = client(fake, tmp_path, max_response_bytes=1 << 20)
    fake.faults = [fault]
    start = time.monotonic()
    with pytest.raises(ReconcileAborted, match="1,048,576-byte limit"):
        c.search("Kazakhstan")
    assert time.monotonic() - start < 10


def test_backoff_that_would_pass_the_deadline_stops_at_once(fake, tmp_path):
    c, sleeps = client(fake, tmp_path, deadline=1.0)
    fake.faults = ["429"]  # asks to retry after 2 s, beyond the deadline
    with pytest.raises(ReconcileAborted, match="while backing off"):
        c.search("Kazakhstan")
    assert sleeps == []


def test_cache_must_be_a_json_object(tmp_path):
    path = tmp_path / "cache.json"
    path.write_text(json.dumps([["a", 1]]), encoding="utf-8")
    with pytest.raises(ValueError, match="cache must be a JSON object"):
        Cache.load(path)


def test_cache_hits_are_counted(fake, tmp_path):
    c, _ = client(fake, tmp_path)
    c.search("Kazakhstan")
    c.search("Kazakhstan")
    assert c.requests_made == 1 and c.cache_hits == 1
