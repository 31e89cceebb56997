def test_lexicon_lists_are_loaded(lexicon):
    assert "Conference" in lexicon.event_heads
    assert lexicon.instrument_heads["Convention"] == "convention"
    assert lexicon.group_nouns["asylum-seekers"] == "asylum-seekers"
    # longest first, so "Deputy Minister" is matched before "Minister"
    assert list(lexicon.post_heads) == sorted(lexicon.post_heads, key=len, reverse=True)
