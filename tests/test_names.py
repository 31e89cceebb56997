"""text/names.py: the folding, slugs and similarity every stage keys names with."""
import re

from hypothesis import given, strategies as st

from refugee_ld import registry
from refugee_ld.text.names import fold, similarity, slugify


def test_fold_ignores_case_and_accents():
    assert fold("Türkiye") == fold("TURKIYE") == "turkiye"
    assert fold("Côte d'Ivoire") == "cote d'ivoire"


def test_slugify_examples():
    assert slugify("Law of Kazakhstan on Refugees") == "law-of-kazakhstan-on-refugees"
    assert slugify("Prosecutor's Office") == "prosecutors-office"
    assert slugify("!!!") == "unnamed"


def test_long_slugs_keep_a_prefix_and_a_digest_so_they_never_collide():
    a, b = slugify("word " * 40 + "one"), slugify("word " * 40 + "two")
    assert a != b and len(a) <= 80 and len(b) <= 80 and a.startswith("word-word")


@given(st.text(max_size=300))
def test_slugs_are_iri_safe_and_bounded(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) and len(slug) <= 80


@given(st.text(max_size=40), st.text(max_size=40))
def test_similarity_is_bounded_and_one_for_the_same_name(a, b):
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity(a, a) == 1.0


def test_registry_reexports_the_same_functions():
    assert registry.fold is fold and registry.slugify is slugify


@given(st.text(max_size=30) | st.text(st.characters(max_codepoint=127), max_size=30))
def test_the_ascii_fast_fold_equals_the_full_fold(text):
    from refugee_ld.text.names import fold_reference

    assert fold(text) == fold_reference(text)


@given(st.text("abcdeé", max_size=12), st.text("abcdeé", max_size=12), st.sampled_from([0.0, 0.5, 0.7, 0.85, 1.0]))
def test_similar_answers_like_the_full_ratio(a, b, threshold):
    from refugee_ld.text.names import similar

    assert similar(a, b, threshold) == (similarity(a, b) >= threshold)
