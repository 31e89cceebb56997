"""The mention vocabulary comes from lang/<language>.json: the data, not the code, decides what the patterns match."""
import copy

import pytest

from refugee_ld.extraction.mentions import vocab
from refugee_ld.lang import vocabulary


def test_vocabulary_is_built_once_per_lexicon_registry_and_language(registry, lexicon):
    assert vocab.vocabulary_for(lexicon, registry) is vocab.vocabulary_for(lexicon, registry, "en")
    assert vocab.vocabulary_for(lexicon, registry, "en") is not vocab.vocabulary_for(lexicon, registry, "en-GB")


def test_a_language_without_a_file_of_its_own_gets_the_english_words(registry, lexicon):
    english, other = vocab._build(lexicon, registry, "en"), vocab._build(lexicon, registry, "zz")
    assert other.anaphor.pattern == english.anaphor.pattern
    assert other.sentence_openers == english.sentence_openers


def test_every_list_of_the_mentions_section_is_read(registry, lexicon, monkeypatch):
    """Adding a word to any slot changes the vocabulary built from it (no slot is dead data)."""
    english = vocabulary("en")
    base = vocab._build(lexicon, registry, "en")

    def slots(section, path=()):
        for key, value in section.items():
            if key.startswith("_"):
                continue
            if isinstance(value, dict) and path == ():
                yield from slots(value, (key,))
            elif isinstance(value, list):
                yield (*path, key)

    for slot in slots(english["mentions"]):
        changed = copy.deepcopy(english)
        target = changed["mentions"]
        for key in slot[:-1]:
            target = target[key]
        target[slot[-1]] = [*target[slot[-1]], "Zzyzx qq"]
        monkeypatch.setattr(vocab, "vocabulary", lambda language="en", data=changed: data)
        built = vocab._build(lexicon, registry, "en")
        assert _fingerprint(built) != _fingerprint(base), slot


def _fingerprint(v):
    out = []
    for name in v.__dataclass_fields__:
        value = getattr(v, name)
        if hasattr(value, "pattern"):
            value = value.pattern
        elif isinstance(value, tuple):
            value = tuple(getattr(x, "pattern", x) if not isinstance(x, tuple) else (x[0], x[1].pattern) for x in value)
        elif isinstance(value, (set, frozenset)):
            value = tuple(sorted(value))
        elif isinstance(value, dict):
            value = tuple(sorted((k, tuple(sorted(x)) if isinstance(x, frozenset) else x) for k, x in value.items()))
        out.append((name, value))
    return out


@pytest.mark.parametrize("sentence, word", [
    ("The same Conference adopted it.", "Conference"),
    ("Such a declaration was signed.", "declaration"),
])
def test_anaphor_pattern_reads_determiners_modifiers_and_nouns(registry, lexicon, sentence, word):
    m = vocab.vocabulary_for(lexicon, registry).anaphor.search(sentence)
    assert m is not None and m.group("noun") == word


def test_spaced_phrases_match_any_whitespace_and_either_apostrophe():
    pattern = vocab._spaced(["this year's"])
    import re

    assert re.fullmatch(pattern, "this \n year\u2019s") and re.fullmatch(pattern, "this year's")
    assert not re.fullmatch(pattern, "thisyear's")
