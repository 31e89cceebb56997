from hypothesis import given, strategies as st

from refugee_ld.text.textview import build_view


def test_normalises_quotes_dashes_and_spaces_but_keeps_offsets():
    source = "The Law \u201cOn Refugees\u201d \u2013 adopted\u00a0in  2010."
    view = build_view(source)
    assert '"On Refugees"' in view.text
    assert "  " not in view.text
    start = view.text.index("adopted")
    ev = view.evidence("d.txt", start, start + len("adopted in"))
    assert ev.exact == source[ev.start:ev.end]
    assert ev.exact.startswith("adopted") and ev.exact.endswith("in")


def test_bold_markup_and_split_words():
    source = "**Statement by** the Minister, learned fr om the press."
    view = build_view(source)
    assert "**" not in view.text
    assert "from the press" in view.text


def test_html_text_without_scripts_and_styles():
    source = "<html><head><style>p{}</style><script>var x = 'Kazakhstan';</script></head>" \
             "<body><p>Kazakhstan &amp; UNHCR</p></body></html>"
    view = build_view(source, "text/html")
    assert "var x" not in view.text and "p{}" not in view.text
    i = view.text.index("UNHCR")
    ev = view.evidence("d.html", i, i + 5)
    assert source[ev.start:ev.end] == "UNHCR"


@given(st.text(alphabet=st.sampled_from(list("ab .\n\u00a0\u201c\u201d\u2013*rfom")), max_size=80))
def test_every_view_span_maps_back_to_the_source(source):
    view = build_view(source)
    assert len(view.origin) == len(view.text)
    for i, ch in enumerate(view.text):
        if ch.strip():
            ev = view.evidence("x", i, i + 1)
            assert ev.exact == source[ev.start:ev.end]
            assert ev.start < ev.end


# The character-by-character normalisation the fast view replaced, kept here as the oracle it must equal.
def _reference_view(source: str, media_type: str = "text/plain") -> tuple[str, tuple[int, ...]]:
    import unicodedata

    from refugee_ld.text import textview as tv

    pieces = tv._html_text_pieces(source) if media_type == "text/html" else [(0, source)]
    chars: list[str] = []
    origin: list[int] = []
    for base, chunk in pieces:
        i, n = 0, len(chunk)
        while i < n:
            ch = chunk[i]
            if media_type != "text/html" and ch in "*_" and i + 1 < n and chunk[i + 1] == ch:
                i += 2
                continue
            if ch in tv._DROP:
                i += 1
                continue
            mapped = tv._CHAR_MAP.get(ch, ch)
            chars.append(" " if unicodedata.category(mapped) == "Zs" else mapped)
            origin.append(base + i)
            i += 1
    out: list[str] = []
    out_origin: list[int] = []
    i, n = 0, len(chars)
    while i < n:
        if chars[i] in " \n":
            j, newlines = i, 0
            while j < n and chars[j] in " \n":
                newlines += chars[j] == "\n"
                j += 1
            if out:
                ends = j < n and (out[-1] in '.!?:;"\')' or out[-1].isdigit()) and (
                    chars[j].isupper() or chars[j].isdigit() or chars[j] in '"\'(')
                out.append("\n" if newlines >= 2 or (newlines and ends) else " ")
                out_origin.append(origin[i])
            i = j
        else:
            out.append(chars[i])
            out_origin.append(origin[i])
            i += 1
    while out and out[-1] in " \n":
        out.pop()
        out_origin.pop()
    text = "".join(out)
    drop = set()
    for m in tv._SPLIT_RE.finditer(text):
        left, right = m.group(1), m.group(2)
        if left + right in tv._SPLIT_WORDS and left not in tv._SHORT_WORDS and right not in tv._SHORT_WORDS:
            drop.add(m.start(2) - 1)
    kept = [k for k in range(len(text)) if k not in drop]
    return "".join(text[k] for k in kept), tuple(out_origin[k] for k in kept)


_TRICKY = st.sampled_from([" ", "  ", "\n", "\n\n", " \n ", "\t", "\r", "\u00a0", "\u3000", "\u2009", "\u200b",
                           "\u00ad", "\ufeff", "*", "**", "***", "_", "__", "\u201c", "\u2019", "\u2013", ".", "?",
                           "1", "A", "a", "(", '"', "fr om", "wh ere", "é", "Ü", "<p>", "&amp;", "x"])


@given(st.lists(st.one_of(_TRICKY, st.text(max_size=4)), max_size=40).map("".join))
def test_the_fast_view_equals_the_character_loop(source):
    for media_type in ("text/plain", "text/markdown", "text/html"):
        view = build_view(source, media_type)
        assert (view.text, tuple(view.origin)) == _reference_view(source, media_type)


def test_the_space_separators_are_every_zs_character():
    import sys
    import unicodedata

    from refugee_ld.text.textview import SPACE_SEPARATORS

    assert sorted(SPACE_SEPARATORS) == [chr(c) for c in range(sys.maxunicode + 1)
                                        if unicodedata.category(chr(c)) == "Zs"]
