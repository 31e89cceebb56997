import json
from pathlib import Path

import pytest

from refugee_ld.evaluate import evaluate, load_gold, normalise
from refugee_ld.pipeline import extract_corpus

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def test_normalise_folds_quotes_case_and_the():
    assert normalise("The Law “On Refugees”") == normalise("law \"On refugees\"")


def test_scores_on_a_small_gold(tmp_path, data_dir):
    doc = tmp_path / "docs" / "t.txt"
    doc.parent.mkdir()
    doc.write_text("Kyrgyzstan acceded to the 1951 Refugee Convention in 1996. Kyrgyzstan hosts 300 refugees.",
                   encoding="utf-8")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "t.json").write_text(json.dumps({
        "document": "t.txt", "document_date": None,
        "entities": [{"name": "Kyrgyzstan", "type": "State", "aliases_in_text": ["Kyrgyzstan"]},
                     {"name": "Convention Relating to the Status of Refugees", "type": "Instrument",
                      "aliases_in_text": ["1951 Refugee Convention"]},
                     {"name": "Bishkek", "type": "Place", "aliases_in_text": []}],
        "facts": [{"kind": "party_to", "state": "Kyrgyzstan", "instrument": "Convention Relating to the Status of "
                   "Refugees", "action": "accession", "date": "1996", "quote": "..."},
                  {"kind": "population", "place": "Kyrgyzstan", "group": "refugees", "count": 300, "date": "2020",
                   "quote": "..."}]}), encoding="utf-8")
    xs = extract_corpus([doc.parent], data_dir)
    report = evaluate(load_gold(gold_dir), xs, {e.key: e.label for x in xs for e in x.entities})
    assert (report.entities["State"].tp, report.entities["Place"].fn) == (1, 1)
    assert report.facts["party_to"].tp == 1
    # the population figure has no date in the text, the gold says 2020: a miss and a false positive
    assert (report.facts["population"].fn, report.facts["population"].fp) == (1, 1)
    assert "total" in report.table()


def test_seed_scores_meet_the_targets(data_dir):
    if not SHARED_GOLD.is_dir():
        import pytest
        pytest.skip("shared gold annotations not available")
    xs = extract_corpus([data_dir / "documents"], data_dir)
    report = evaluate(load_gold(SHARED_GOLD), xs, {e.key: e.label for x in xs for e in x.entities})
    assert report.total(report.entities).f1 >= 0.95
    assert report.total(report.facts).f1 >= 0.85


def test_coverage_names_documents_without_gold_and_gold_without_documents():
    from refugee_ld.evaluate import coverage
    from refugee_ld.records import Document, Extraction

    extractions = [Extraction(document=Document(doc_id=name, text="x")) for name in ("a.txt", "b.txt")]
    gold = {"a.txt": {}, "c.txt": {}}
    assert coverage(gold, extractions) == (["b.txt"], ["c.txt"])
# -- splits, synonyms, per-rule scores, metadata from gold (issue 10 item 5) ---------------------------------------
def _gold(folder: Path, name: str, **data) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    base = {"document": f"{name}.txt", "entities": [], "facts": []}
    (folder / f"{name}.json").write_text(json.dumps({**base, **data}), encoding="utf-8")


def test_load_gold_reads_splits_recursively_and_normalises_synonyms(tmp_path):
    from refugee_ld.evaluate import load_gold

    _gold(tmp_path / "a", "d1", split="dev", facts=[
        {"kind": "instrument_date", "instrument": "X", "what": "entry_into_force", "date": "2000", "quote": "q"},
        {"kind": "population", "place": "Chad", "group": "asylum_seekers", "count": 3, "quote": "q"}])
    _gold(tmp_path / "a" / "deeper", "d2", split="test")
    _gold(tmp_path / "b", "d3")  # no split field: development data
    assert set(load_gold(tmp_path / "a", tmp_path / "b", split="dev")) == {"d1.txt", "d3.txt"}
    assert set(load_gold(tmp_path / "a", split="test")) == {"d2.txt"}
    assert set(load_gold(tmp_path, split="all")) == {"d1.txt", "d2.txt", "d3.txt"}
    facts = load_gold(tmp_path / "a", split="dev")["d1.txt"]["facts"]
    assert facts[0]["what"] == "entered_into_force" and facts[1]["group"] == "asylum-seekers"


@pytest.mark.parametrize("content, reason", [
    ("{not json", "not a readable JSON gold file"),
    ('{"facts": 3}', "'entities' and 'facts' lists"),
    ('{"facts": [{"kind": "gossip"}]}', "fact 1 has no known kind"),
])
def test_malformed_gold_names_the_file(tmp_path, content, reason):
    from refugee_ld.evaluate import GoldError, load_gold

    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as err:
        load_gold(tmp_path)
    assert reason in str(err.value) and "bad.json" in str(err.value)


def test_per_rule_scores_and_errors_name_the_rule(tmp_path, data_dir):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "t.txt").write_text("Kyrgyzstan acceded to the 1951 Refugee Convention in 1996. "
                                "Uzbekistan acceded to the 1954 Convention relating to the Status of Stateless Persons "
                                "in 2011.", encoding="utf-8")
    (docs / "nogold.txt").write_text("Nothing here.", encoding="utf-8")
    _gold(tmp_path / "gold", "t", split="dev", entities=[
        {"name": "Kyrgyzstan", "type": "State", "aliases_in_text": ["Kyrgyzstan"]}], facts=[
        {"kind": "party_to", "state": "Kyrgyzstan", "instrument": "Convention Relating to the Status of Refugees",
         "action": "accession", "date": "1996", "quote": "Kyrgyzstan acceded"}])
    from refugee_ld.evaluate import evaluate_paths

    run = evaluate_paths([tmp_path / "gold"], [docs], "dev", data_dir)
    assert run.documents == 1  # the document without gold is not even extracted
    assert any("nogold.txt" in w and "no gold" in w for w in run.warnings)
    rules = run.report.rules
    assert sum(s.tp for s in rules.values()) == 1 and sum(s.fp for s in rules.values()) >= 1
    spurious = [e for e in run.report.errors if "spurious party_to" in e]
    assert spurious and all(e.rstrip().endswith("]") and "[" in e for e in spurious)
    assert "rules" in run.report.as_dict() and "rules (precision" in run.report.table()


def test_documents_without_sidecar_take_speaker_and_date_from_gold(tmp_path):
    from refugee_ld.evaluate import gold_metadata
    from refugee_ld.records import Document

    doc = Document("x.txt", "We acceded.")
    gold = {"author_state": "Chad", "document_date": "2004-09"}
    assert gold_metadata(doc, gold, has_sidecar=False).author_state == "Chad"
    assert gold_metadata(doc, gold, has_sidecar=False).date.iso == "2004-09"
    assert gold_metadata(doc, gold, has_sidecar=True) is doc
    assert gold_metadata(doc, {"document_date": "around 2004"}, has_sidecar=False).date is None


def test_speaker_from_gold_changes_who_we_is(tmp_path, data_dir):
    from refugee_ld.evaluate import evaluate_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "s.txt").write_text("We acceded to the 1951 Refugee Convention in 1996.", encoding="utf-8")
    fact = {"kind": "party_to", "state": "Chad", "instrument": "Convention Relating to the Status of Refugees",
            "action": "accession", "date": "1996", "quote": "We acceded"}
    _gold(tmp_path / "gold", "s", author_state="Chad", document_date="2004", facts=[fact])
    run = evaluate_paths([tmp_path / "gold"], [docs], "all", data_dir)
    assert run.report.facts["party_to"].tp == 1


def test_cli_eval_split_and_bad_gold(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    gold = tmp_path / "gold"
    _gold(gold, "000_b9e8a782b5b9ea0b", split="test")
    run = lambda *a: subprocess.run([sys.executable, "-m", "refugee_ld", "eval", *map(str, a)],  # noqa: E731
                                    capture_output=True, text=True, cwd=root, env={"CI": "1", "PATH": "/usr/bin:/bin"})
    r = run("--gold", gold, "--split", "dev", "--format", "json")
    assert r.returncode == 2 and "have no gold in split 'dev'" in r.stderr  # nothing to score is no score of 0
    assert "no input document has a gold file in split 'dev'" in r.stderr.splitlines()[-1]
    r = run("--gold", gold, "--split", "test", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["facts_total"]["fp"] > 0  # the seed's facts, all spurious
    (gold / "broken.json").write_text("[", encoding="utf-8")
    r = run("--gold", gold)
    assert r.returncode == 2 and "broken.json" in r.stderr and len(r.stderr.strip().splitlines()) == 1
