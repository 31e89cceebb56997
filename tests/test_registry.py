import json

from refugee_ld.registry import fold, slugify


def test_every_un_member_and_observer_with_iso_codes(registry):
    states = [e for e in registry.entries.values() if e.entity.type == "State"]
    members = [s for s in states if s.data.get("un_status") == "member"]
    observers = [s for s in states if s.data.get("un_status") == "observer"]
    assert len(members) == 193 and len(observers) == 2
    for s in members + observers:
        assert len(s.data["iso3166_alpha2"]) == 2 and len(s.data["iso3166_alpha3"]) == 3


def test_common_variants_resolve(registry):
    for name, expected in [("Republic of Kazakhstan", "Kazakhstan"), ("Kyrgyz Republic", "Kyrgyzstan"),
                           ("Russian Federation", "Russia"), ("Türkiye", "Turkey"), ("Turkey", "Turkey"),
                           ("Iran (Islamic Republic of)", "Iran")]:
        key = registry.lookup("State", name)
        assert key is not None, name
        assert registry.entries[key].entity.label == expected


def test_minimum_coverage_and_unique_keys(registry):
    types = [e.entity.type for e in registry.entries.values()]
    assert types.count("Agency") >= 40 and types.count("Instrument") >= 30
    assert len(set(registry.entries)) == len(registry.entries)


def test_agency_aliases_share_one_key(registry):
    keys = {registry.lookup("Agency", n) for n in ("UNHCR", "UN Refugee Agency",
                                                   "Office of the United Nations High Commissioner for Refugees")}
    assert keys == {"agency/unhcr"}


def test_instruments_carry_curated_dates(data_dir):
    instruments = json.loads((data_dir / "registry" / "instruments.json").read_text(encoding="utf-8"))
    refugee = next(i for i in instruments if i["name"] == "Convention Relating to the Status of Refugees")
    assert refugee["adopted"] == "1951-07-28" and refugee["entry_into_force"] == "1954-04-22"


def test_fold_and_slugify():
    assert fold("Türkiye") == fold("turkiye")
    assert slugify("Law “On Refugees” (2010)") == "law-on-refugees-2010"


def test_broken_registry_file_is_an_input_error(tmp_path):
    import pytest

    from refugee_ld.text.loading import InputError
    from refugee_ld.registry import load_registry

    (tmp_path / "agencies.json").write_bytes(b"\xff[")
    with pytest.raises(InputError, match="agencies.json: registry file is not valid UTF-8 JSON"):
        load_registry(tmp_path)


def test_data_dir_without_registry_uses_the_packaged_one(tmp_path, registry):
    from refugee_ld.registry import load_registry

    assert load_registry(tmp_path / "registry").entries.keys() == registry.entries.keys()
