import pytest
from hypothesis import given, strategies as st

from refugee_ld.text.dates import find_dates, find_document_date
from refugee_ld.records import DateValue


@pytest.mark.parametrize("text, iso, end", [
    ("held on 15-16 March 2011 in Almaty", "2011-03-15", "2011-03-16"),
    ("(Geneva, 5-7 December 2011)", "2011-12-05", "2011-12-07"),
    ("on 1 November 2011", "2011-11-01", None),
    ("came into force in April 7, 2011", "2011-04-07", None),
    ("On January 1, 2016 he", "2016-01-01", None),
    ("21.09.2016", "2016-09-21", None),
    ("in December 1998, joined", "1998-12", None),
    ("in March, 2011 in Almaty", "2011-03", None),
    ("passed in 2010.", "2010", None),
])
def test_absolute_dates_at_their_precision(text, iso, end):
    found = [d for d in find_dates(text) if d.kind != "now"]
    assert found, text
    assert found[0].value.iso == iso
    assert (found[0].end_value.iso if found[0].end_value else None) == end


def test_relative_dates_resolve_against_the_document_date():
    doc = DateValue("2011-12")
    values = {d.value.iso for d in find_dates("On the 22nd of last July a law was passed; last March a forum met.", doc)}
    assert {"2011-07-22", "2011-03"} <= values


def test_durations_are_not_dates():
    found = find_dates("in the last 10 years we halved the number", DateValue("2011-12"))
    assert not [d for d in found if d.kind != "now"]


@pytest.mark.parametrize("header, iso", [
    ("New York                 1 November 2011\n\nDistinguished Delegates!", "2011-11-01"),
    ("**Statement**\n(Geneva, 5-7 December 2011)\n", "2011-12"),
    ("Headline\n\n21.09.2016\n    Body text.", "2016-09-21"),
    ("Body.\n\nCreated at : 4.12.2013, 19:28, Updated at : 25.03.2016", "2013-12-04"),
    ("DUSHANBE, 10 October 2018 - The IOM held a workshop.", "2018-10-10"),
])
def test_document_dates(header, iso):
    assert find_document_date(header) == DateValue(iso)


def test_no_document_date_in_plain_prose():
    assert find_document_date("On 22 December 2022 the Ministry conducted a roundtable on refugees.") is None


@given(st.integers(1950, 2030), st.integers(1, 12), st.integers(1, 28))
def test_any_dotted_date_round_trips(year, month, day):
    found = find_dates(f"on {day:02d}.{month:02d}.{year} the", None)
    assert found and found[0].value.iso == f"{year:04d}-{month:02d}-{day:02d}"


@pytest.mark.parametrize("text, doc, expected", [
    ("In July this year, Malta deposited it.", "2001", "2001-07"),
    ("Since July last year the law applies.", "2001-09-20", "2000-07"),
    ("Malta deposited its instrument yesterday.", "2001", "2001"),
    ("Malta deposited its instrument yesterday.", "2001-11-10", "2001-11-09"),
    ("On Sunday, Malta also acceded.", "2001-11-10", "2001-11"),
    ("On Sunday, Malta also acceded.", "2001", "2001"),
    ("Earlier this week the Council met.", "2001-11-20", "2001-11"),
    ("Last month the Council met.", "2001-01-20", "2000-12"),
])
def test_recent_relative_dates_resolve_at_a_safe_precision(text, doc, expected):
    assert [d.value.iso for d in find_dates(text, DateValue(doc))] == [expected]


@pytest.mark.parametrize("text, doc", [
    ("Last month the Council met.", "2001"),  # which year's month is unknown without the month of writing
    ("Last week the Council met.", "2001-11-03"),  # early in a month last week may be the month before
    ("Malta deposited its instrument yesterday.", None),
])
def test_recent_dates_without_a_safe_value_are_left_out(text, doc):
    assert find_dates(text, DateValue(doc) if doc else None) == []


@pytest.mark.parametrize("text, doc, expected", [
    ("adopted on 25 August, will help", "1999", "1999-08-25"),
    ("the Court was founded on 17 July in Rome", "1998-09-20", "1998-07-17"),
    ("it was signed on 25 December by all", "1998-09-20", "1997-12-25"),
])
def test_day_and_month_without_year_take_the_documents_year(text, doc, expected):
    assert [d.value.iso for d in find_dates(text, DateValue(doc))] == [expected]


# ------------------------------------------------------------------ vocabulary as data (lang/en.json "dates")

def test_month_names_and_abbreviations_come_from_the_language_data():
    from refugee_ld.lang import vocabulary
    from refugee_ld.text.dates import MONTHS, grammar

    data = vocabulary("en")["dates"]
    assert MONTHS["january"] == 1 and MONTHS["sept"] == MONTHS["sep"] == MONTHS["september"] == 9
    assert set(MONTHS) == {m.lower() for m in data["months"]} | {m.lower() for m in data["month_abbreviations"]}
    assert grammar("en") is grammar("en")


def test_a_language_without_date_words_of_its_own_reads_english_dates():
    text = "Adopted on 5 May 2011 and again last year."
    english = [(d.start, d.end, d.value) for d in find_dates(text, DateValue("2012"))]
    assert [(d.start, d.end, d.value) for d in find_dates(text, DateValue("2012"), language="zz")] == english
    assert english[-1][2] == DateValue("2011")


def test_document_dates_take_the_language():
    assert find_document_date("Geneva, 5 May 2011\n\nText.", language="en-GB") == DateValue("2011-05-05")


_YEARISH = st.sampled_from(["1951", "2024", "1939", "2050", "19", "51", "mid-", "pre-", "post-", "-", ".", "/", "s",
                            "'s", " ", "1", "0", "\u0661", "x", "in ", "2000s", "1990-95"])


@given(st.lists(_YEARISH, max_size=20).map("".join))
def test_years_are_tried_only_at_four_digit_runs_and_found_as_a_full_scan_finds_them(text):
    from refugee_ld.text.dates import _year_matches, grammar

    year = dict(grammar().patterns)["year"]
    assert [m.span() for m in _year_matches(year, text)] == [m.span() for m in year.finditer(text)]
