"""`refugee-ld review` as users run it: listing doubtful facts, recording decisions, the CSV round trip."""
from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from refugee_ld.review import list_for_review, read_decisions_csv, record_decisions

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "refugee_ld", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={"CI": "true", "PATH": "/usr/bin:/bin"})


def test_lists_facts_below_the_threshold_with_quotes(seed_build):
    rows = list_for_review([seed_build.out_dir / "dataset.nq"], 1.01)
    assert rows, "every fact has a confidence, so all are below 1.01"
    assert [float(r.confidence) for r in rows] == sorted(float(r.confidence) for r in rows)
    text = (ROOT / "data" / "documents")
    for r in rows:
        doc = (text / r.document).read_text(encoding="utf-8")
        assert doc[r.start:r.end] == r.quote
        assert "/fact/" in r.fact and r.kind in ("TreatyAction", "InstrumentDate", "PopulationFigure", "EventClaim",
                                                 "PostClaim")
    low = list_for_review([seed_build.out_dir / "dataset.nq"], 0.8)
    assert all(float(r.confidence) < 0.8 for r in low) and len(low) < len(rows)
    assert list_for_review([seed_build.out_dir / "dataset.nq"], 0.0) == []


def test_cli_table_and_csv(seed_build):
    table = cli("review", "--data", seed_build.out_dir, "--below", "0.9")
    assert table.returncode == 0 and "facts below the threshold" in table.stdout and "“" in table.stdout
    out = cli("review", "--data", seed_build.out_dir, "--below", "0.9", "--format", "csv")
    assert out.returncode == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows and set(rows[0]) >= {"decision", "fact", "confidence", "quote", "rule", "document"}
    assert all(r["decision"] == "" and float(r["confidence"]) < 0.9 for r in rows)


def test_reject_by_iri_then_rebuild_leaves_the_fact_out(tmp_path, seed_build):
    rows = list_for_review([seed_build.out_dir / "dataset.nq"], 1.01)
    target = rows[0].fact
    curation = tmp_path / "curation"
    r = cli("review", "--reject", target, "--by", "Ann Lee", "--date", "2026-11-23", "--curation", curation,
            "--note", "the quote says something else")
    assert r.returncode == 0, r.stderr
    written = (curation / "review.tsv").read_text(encoding="utf-8")
    assert f"reject\t{target}\tAnn Lee\t2026-11-23\tthe quote says something else" in written
    out = tmp_path / "dist"
    b = cli("build", "--out", out, "--curation", curation)
    assert b.returncode == 0, b.stderr
    lines = [x for x in (out / "dataset.nq").read_text(encoding="utf-8").splitlines() if f"<{target}>" in x]
    assert lines and all("#target>" in x and x.endswith("graph/curation> .") for x in lines)  # only as a target
    again = list_for_review([out / "dataset.nq"], 1.01)
    assert target not in {x.fact for x in again}


def test_csv_round_trip_accept_and_reject(tmp_path, seed_build):
    out = cli("review", "--data", seed_build.out_dir, "--below", "1", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    rows[0]["decision"], rows[1]["decision"] = "accept", "Reject"
    sheet = tmp_path / "review.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    curation = tmp_path / "curation"
    r = cli("review", "--apply", sheet, "--by", "Bo Chen", "--curation", curation)
    assert r.returncode == 0, r.stderr and "recorded 2 decisions" in r.stderr
    dist = tmp_path / "dist"
    assert cli("build", "--out", dist, "--curation", curation).returncode == 0
    facts = {x.fact: x for x in list_for_review([dist / "dataset.nq"], 1.01)}
    assert facts[rows[0]["fact"]].confidence in ("1", "1.000", "1.0")
    assert rows[1]["fact"] not in facts
    nq = (dist / "dataset.nq").read_text(encoding="utf-8")
    assert f"<{rows[0]['fact']}> <http://www.w3.org/ns/prov#wasAttributedTo>" in nq and '"Bo Chen"' in nq


@pytest.mark.parametrize("content, fragment", [
    ("fact,decision\nhttps://x/fact/0123456789abcdef,maybe\n", "review.csv:2: decision 'maybe'"),
    ("fact,decision\nnot-a-fact,accept\n", "review.csv:2: fact 'not-a-fact'"),
    ("a,b\n1,2\n", "review.csv:1: a review CSV needs"),
])
def test_bad_csv_gives_one_line_exit_2_and_writes_nothing(tmp_path, content, fragment):
    sheet = tmp_path / "review.csv"
    sheet.write_text(content, encoding="utf-8")
    curation = tmp_path / "curation"
    r = cli("review", "--apply", sheet, "--by", "A", "--curation", curation)
    assert r.returncode == 2 and fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert not (curation / "review.tsv").exists()


def test_decisions_need_a_name_and_a_fact_iri(tmp_path):
    r = cli("review", "--reject", "https://x/fact/0123456789abcdef", "--curation", tmp_path)
    assert r.returncode == 2 and "--by" in r.stderr
    r = cli("review", "--accept", "https://x/state/kazakhstan", "--by", "A", "--curation", tmp_path)
    assert r.returncode == 2 and "not a fact IRI" in r.stderr
    r = cli("review", "--data", tmp_path / "missing")
    assert r.returncode == 2 and "missing" in r.stderr


def test_appends_keep_a_hand_written_header(tmp_path):
    curation = tmp_path / "c"
    curation.mkdir()
    (curation / "review.tsv").write_text("by\tdate\taction\tfact\nA\t2026-01-01\treject\t"
                                         "https://x/fact/0123456789abcdef\n", encoding="utf-8")
    record_decisions(curation, [("accept", "https://x/fact/fedcba9876543210", "")], "B", "2026-01-02")
    lines = (curation / "review.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "B\t2026-01-02\taccept\thttps://x/fact/fedcba9876543210"


def test_csv_reader_skips_undecided_rows(tmp_path):
    sheet = tmp_path / "r.csv"
    sheet.write_text("\ufeffdecision,fact,note\n,https://x/fact/0123456789abcdef,\nskip,https://x/fact/0123456789abcdef,"
                     "\n\nACCEPT,https://x/fact/fedcba9876543210,\"looks right, checked\"\n", encoding="utf-8")
    assert read_decisions_csv(sheet) == [("accept", "https://x/fact/fedcba9876543210", "looks right, checked")]


def test_decisions_checked_against_the_dump_when_given(tmp_path, seed_build):
    r = cli("review", "--data", seed_build.out_dir, "--reject", "https://w3id.org/refugee-ld/id/fact/0123456789abcdef",
            "--by", "A", "--curation", tmp_path / "c")
    assert r.returncode == 2 and "fact/0123456789abcdef: not a fact of" in r.stderr
    assert not (tmp_path / "c").exists()
    real = list_for_review([seed_build.out_dir / "dataset.nq"], 1.01)[0].fact
    r = cli("review", "--data", seed_build.out_dir, "--accept", real, "--by", "A", "--curation", tmp_path / "c")
    assert r.returncode == 0 and real in (tmp_path / "c" / "review.tsv").read_text(encoding="utf-8")
