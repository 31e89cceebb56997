from refugee_ld.text.sentences import split_sentences


def test_abbreviations_do_not_split():
    text = "H.E. Mr. Umarov spoke at the U.N. in Geneva. The session ended."
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == ["H.E. Mr. Umarov spoke at the U.N. in Geneva.", "The session ended."]


def test_offsets_index_the_text():
    text = "First one. Second one!\nThird one"
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_overlong_sentences_are_cut_at_commas_or_spaces():
    from refugee_ld.text.sentences import MAX_SENTENCE_CHARS

    text = ("word, " * 2000) + "end. Next one."
    sentences = split_sentences(text)
    assert max(s.end - s.start for s in sentences) <= MAX_SENTENCE_CHARS
    assert all(s.text.endswith(",") for s in sentences[:-2]) and sentences[-1].text == "Next one."
    for s in split_sentences("x" * 5000):  # no space at all: hard cuts
        assert s.end - s.start <= MAX_SENTENCE_CHARS


def test_runs_of_end_marks_split_once():
    text = "Wait" + "." * 100_000 + " Then it went on."
    assert [s.text for s in split_sentences(text)][-1] == "Then it went on."
