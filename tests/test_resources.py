"""Curated files found through importlib.resources (wheel) or the checkout (editable install, source tree)."""
from pathlib import Path

import pytest

from refugee_ld import resources

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_folders_are_the_source_of_truth():
    # in the test environment (editable install) the packaged copies do not exist: the checkout is used
    assert resources.data_dir() == ROOT / "data"
    assert resources.shapes_dir() == ROOT / "shapes"
    assert resources.ontology_file() == ROOT / "ontology" / "refugee-ld.ttl"
    assert resources.ontology_file().is_file()
    assert not resources.is_packaged(ROOT / "data")


def test_unknown_folder_is_a_programming_error():
    with pytest.raises(ValueError):
        resources.resource_dir("secrets")


def test_packaged_copy_wins_when_present(monkeypatch, tmp_path):
    """A wheel install: refugee_ld/<name>/ beside the modules is what importlib.resources gives."""
    package = tmp_path / "refugee_ld"
    (package / "shapes").mkdir(parents=True)
    monkeypatch.setattr(resources.importlib.resources, "files", lambda name: package)
    assert resources.resource_dir("shapes") == package / "shapes"


def test_missing_package_data_is_reported(monkeypatch, tmp_path):
    monkeypatch.setattr(resources.importlib.resources, "files", lambda name: tmp_path)
    monkeypatch.setattr(resources, "_checkout_root", lambda: None)
    with pytest.raises(resources.ResourceMissing, match="reinstall"):
        resources.resource_dir("ontology")
