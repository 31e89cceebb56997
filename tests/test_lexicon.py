def test_lexicon_lists_are_loaded(lexicon):
    assert "Conference" in lexicon.event_heads
    assert lexicon.instrument_heads["Convention"] == "convention"
    assert lexicon.group_nouns["asylum-seekers"] == "asylum-seekers"
    # longest first, so "Deputy Minister" is matched before "Minister"
    assert list(lexicon.post_heads) == sorted(lexicon.post_heads, key=len, reverse=True)


def test_lexicon_falls_back_to_the_packaged_one_and_reports_broken_files(tmp_path, lexicon):
    import pytest

    from refugee_ld.lang.lexicon import load_lexicon
    from refugee_ld.text.loading import InputError

    assert load_lexicon(tmp_path) == lexicon  # a --data-dir without lexicon.json
    (tmp_path / "lexicon.json").write_text('{"event_heads": []}', encoding="utf-8")
    with pytest.raises(InputError, match="lexicon.json: lexicon lacks or mistypes an entry"):
        load_lexicon(tmp_path)


def test_an_ordinal_without_its_hyphen(lexicon):
    """UNGDC audit: "the forty sixth session" became the sixth session."""
    import re

    assert lexicon.ordinal_value("forty sixth") == 46 and lexicon.ordinal_value("fifty- ninth") == 59
    found = [m.group(0) for m in re.finditer(lexicon.ordinal_pattern(), "the forty sixth session, the sixth one")]
    assert found == ["forty sixth", "sixth"]
