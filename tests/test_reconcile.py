"""Reconciliation of the seed corpus against a fake Wikidata with decoys: precision, coverage, cache, build."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fake_wikidata import FakeWikidata, item
from refugee_ld.linking.reconcile import (Reconciler, Target, accepted_links, load_types, read_overrides,
                                  targets_from_dump)
from refugee_ld.errors import RefugeeLdError
from refugee_ld.linking.wikidata import Cache, WikidataClient

ROOT = Path(__file__).resolve().parents[1]
CLASS = {"State": "Q3624078", "Agency": "Q245065", "Instrument": "Q131569", "Person": "Q5", "Place": "Q515"}


def world(targets):
    """True items for the registry entities of the seeds, plus decoys; returns (items, truth)."""
    items, truth = {}, {}
    n = 100
    for t in targets:
        if t.type not in CLASS or "/" not in t.key:
            continue
        if t.type in ("Agency", "Instrument", "Person", "Place") and t.key.split("/")[1].startswith(
                ("kazakhstan-", "law-", "kyrgyzstan-")):
            continue  # national bodies and laws found in the text: no item, as usual in Wikidata
        n += 1
        qid = f"Q{n}"
        cls = CLASS[t.type]
        if t.type == "Place" and t.related == ():
            cls = "Q9000900"  # a region: Wikidata's class for it is not in our verified list
        if t.type == "Agency" and n % 3 == 0:
            cls = "Q9000500"  # "UN programme", a subclass of specialized agency: found via P279
        items[qid] = item(qid, t.label, [cls], aliases=[a for a in t.aliases if len(a) > 3][:3])
        truth[t.key] = qid
    items["Q9000500"] = item("Q9000500", "UN programme", ["Q16889133"], claims={"P279": ["Q15925165"]})
    # decoys
    items["Q9000001"] = item("Q9000001", "Kazakh Soviet Socialist Republic", ["Q6256"], aliases=["Kazakh SSR"])
    items["Q9000002"] = item("Q9000002", "Protocol Relating to the Status of Refugees (draft)", ["Q131569"])
    items["Q9000003"] = item("Q9000003", "Almaty Region", ["Q9000010"], aliases=["Almaty Province"])
    unhcr = truth.get("agency/unhcr")
    guterres = truth.get("person/antonio-guterres")
    if guterres:
        items[guterres]["claims"]["P108"] = items["Q9000001"]["claims"]["P31"][:0] + [
            {"type": "statement", "rank": "normal", "mainsnak": {"snaktype": "value", "property": "P108",
             "datavalue": {"type": "wikibase-entityid", "value": {"entity-type": "item", "id": unhcr}}}}]
        items["Q9000020"] = item("Q9000020", "António Guterres", ["Q5"], claims={"P106": ["Q9000021"]})
    return items, truth


@pytest.fixture(scope="module")
def seed_targets(seed_build):
    return targets_from_dump([seed_build.out_dir / "dataset.nq"],
                             ["State", "Agency", "Instrument", "Event", "Person", "Place"])


def test_links_are_precise_and_cover_entities_with_items(seed_targets, data_dir, tmp_path):
    items, truth = world(seed_targets)
    with FakeWikidata(items) as fake:
        client = WikidataClient(fake.url, Cache(tmp_path / "cache.json"), sleep=lambda s: None)
        decisions = Reconciler(client, load_types(data_dir), {}, {}).run(seed_targets)
        assert fake.violations == [] and fake.max_in_flight == 1
    linked = {d.target.key: d.qid for d in decisions if d.qid}
    correct = sum(1 for k, q in linked.items() if truth.get(k) == q)
    precision = correct / len(linked)
    coverage = sum(1 for k in truth if linked.get(k) == truth[k]) / len(truth)
    print(f"\nreconcile: {len(truth)} entities with an item, {len(linked)} linked, precision {precision:.3f}, "
          f"coverage {coverage:.3f}")
    assert precision >= 0.95 and coverage >= 0.90
    assert linked["state/kazakhstan"] == truth["state/kazakhstan"]  # not the Soviet republic
    assert linked.get("person/antonio-guterres") == truth["person/antonio-guterres"]  # not the namesake
    assert "Q9000003" not in linked.values()  # the province is no city


def test_ambiguous_cases_go_to_review_and_overrides_win(data_dir, tmp_path):
    items = {"Q1": item("Q1", "Ruud Lubbers", ["Q5"]), "Q2": item("Q2", "Ruud Lubbers", ["Q5"])}
    target = Target("person/ruud-lubbers", "Person", "Ruud Lubbers")
    with FakeWikidata(items) as fake:
        client = WikidataClient(fake.url, Cache(tmp_path / "c.json"), sleep=lambda s: None)
        review = Reconciler(client, load_types(data_dir), {}, {}).run([target])
        chosen = Reconciler(client, load_types(data_dir), {}, {target.key: {"decision": "set", "qid": "Q2"}}).run(
            [target])
        rejected = Reconciler(client, load_types(data_dir), {"person/ruud-lubbers": "Q1"},
                              {target.key: {"decision": "reject", "qid": ""}}).run([target])
    assert review[0].status == "review" and review[0].qid is None
    assert chosen[0].qid == "Q2"
    assert rejected[0].qid is None


def test_cli_workflow_cache_rerun_and_offline_build(seed_build, seed_targets, data_dir, tmp_path):
    work = tmp_path / "data"
    shutil.copytree(data_dir, work)
    (work / "wikidata" / "curated.tsv").write_text("label\ttype\tqid\n", encoding="utf-8")
    items, truth = world(seed_targets)
    env = {"CI": "true", "PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "refugee_ld", *map(str, args)], capture_output=True, text=True,
                              cwd=ROOT, env=env)

    with FakeWikidata(items) as fake:
        first = cli("reconcile", "--data", seed_build.out_dir, "--endpoint", fake.url, "--data-dir", work)
        assert first.returncode == 0, first.stderr
        count = len(fake.requests)
        second = cli("reconcile", "--data", seed_build.out_dir, "--endpoint", fake.url, "--data-dir", work)
        assert second.returncode == 0 and len(fake.requests) == count  # served from the cache
        assert "; 0 requests" in second.stderr
    links = dict(accepted_links(work))
    assert links["state/kazakhstan"] == truth["state/kazakhstan"]
    assert (work / "wikidata" / "review.csv").read_text(encoding="utf-8").startswith("key,type,label")
    # build with the network unusable: the links come from links.tsv
    env_offline = dict(env, HTTP_PROXY="http://127.0.0.1:9", HTTPS_PROXY="http://127.0.0.1:9", NO_PROXY="")
    out = tmp_path / "dist"
    b = subprocess.run([sys.executable, "-m", "refugee_ld", "build", "--out", str(out), "--data-dir", str(work)],
                       capture_output=True, text=True, cwd=ROOT, env=env_offline)
    assert b.returncode == 0, b.stderr
    nt = (out / "graph.nt").read_text(encoding="utf-8")
    assert f"<https://w3id.org/refugee-ld/id/state/kazakhstan> <http://www.w3.org/2002/07/owl#sameAs> " \
           f"<http://www.wikidata.org/entity/{truth['state/kazakhstan']}>" in nt


def test_offline_makes_no_request(seed_build, data_dir, tmp_path):
    with FakeWikidata({}) as fake:
        client = WikidataClient(fake.url, Cache(tmp_path / "c.json"), offline=True)
        Reconciler(client, load_types(data_dir), {}, read_overrides(data_dir)).run(
            [Target("state/kazakhstan", "State", "Kazakhstan")])
        assert fake.requests == []


def test_reconciliation_api_endpoint(data_dir, tmp_path):
    items = {"Q232": item("Q232", "Kazakhstan", ["Q3624078"]),
             "Q9000001": item("Q9000001", "Kazakh Soviet Socialist Republic", ["Q9000002"])}
    with FakeWikidata(items) as fake:
        client = WikidataClient(fake.recon_url, Cache(tmp_path / "c.json"), sleep=lambda s: None)
        decisions = Reconciler(client, load_types(data_dir), {}, {}).run(
            [Target("state/kazakhstan", "State", "Kazakhstan")], api="reconciliation")
    assert decisions[0].qid == "Q232"


def test_cli_reconcile_against_a_trickling_server_ends_with_exit_2(seed_build, data_dir, tmp_path):
    import time

    work = tmp_path / "data"
    shutil.copytree(data_dir / "wikidata", work / "wikidata")
    env = {"CI": "true", "PATH": "/usr/bin:/bin", "NO_PROXY": "127.0.0.1"}
    with FakeWikidata({}) as fake:
        fake.faults = ["trickle"] * 50
        start = time.monotonic()
        r = subprocess.run([sys.executable, "-m", "refugee_ld", "reconcile", "--data", str(seed_build.out_dir),
                            "--endpoint", fake.url, "--data-dir", str(work), "--deadline", "2"],
                           capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)
        elapsed = time.monotonic() - start
    assert r.returncode == 2 and "deadline of 2 s reached" in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert elapsed < 20
    assert not (work / "wikidata" / "links.tsv").exists()  # an interrupted run writes no links


def test_reconcile_api_writes_links_and_warns_when_wikidata_is_gone(seed_build, data_dir, tmp_path):
    """The `reconcile` command's work as one function: links.tsv and review.csv written, summary returned."""
    from refugee_ld.linking.reconcile import reconcile

    work = tmp_path / "data"
    shutil.copytree(data_dir, work)
    for name in ("links.tsv", "review.csv"):
        (work / "wikidata" / name).unlink(missing_ok=True)
    warnings: list[str] = []
    with FakeWikidata({"Q232": item("Q232", "Kazakhstan", ["Q3624078"])}) as fake:
        line = reconcile([seed_build.out_dir], work, endpoint=fake.url, types=["State"], warn=warnings.append)
    assert line.startswith(f"{len(targets_from_dump([seed_build.out_dir / 'dataset.nq'], ['State']))} entities: ")
    assert (work / "wikidata" / "links.tsv").read_text(encoding="utf-8").startswith("# written by")
    assert (work / "wikidata" / "review.csv").is_file() and warnings == []
    with pytest.raises(RefugeeLdError, match="unknown class 'Planet'"):
        reconcile([seed_build.out_dir], work, types=["Planet"])


def test_reconcile_refuses_a_cache_that_is_not_an_object(seed_build, tmp_path):
    from refugee_ld.errors import InputError
    from refugee_ld.linking.reconcile import reconcile

    (tmp_path / "cache.json").write_text("[]", encoding="utf-8")
    with pytest.raises(InputError) as info:
        reconcile([seed_build.out_dir], tmp_path, cache_path=tmp_path / "cache.json", offline=True)
    assert info.value.exit_code == 2 and str(info.value).startswith(f"{tmp_path / 'cache.json'}: ")
