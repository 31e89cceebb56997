from refugee_ld.sentences import split_sentences


def test_abbreviations_do_not_split():
    text = "H.E. Mr. Umarov spoke at the U.N. in Geneva. The session ended."
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == ["H.E. Mr. Umarov spoke at the U.N. in Geneva.", "The session ended."]


def test_offsets_index_the_text():
    text = "First one. Second one!\nThird one"
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
