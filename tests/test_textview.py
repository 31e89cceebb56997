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
