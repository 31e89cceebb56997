from refugee_ld.records import DateValue


def test_precision_and_compatibility():
    assert DateValue("2011").precision == "year"
    assert DateValue("2011-03").precision == "month"
    assert DateValue("2011-03-15").precision == "day"
    assert DateValue("2011-03").covers(DateValue("2011-03-15"))
    assert DateValue("2011-03-15").compatible(DateValue("2011"))
    assert not DateValue("1998-12").compatible(DateValue("1999"))
