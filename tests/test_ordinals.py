from refugee_ld.ordinals import ordinal


def test_numbers_and_spelled_ordinals():
    assert ordinal("59th Session") == 59
    assert ordinal("Fifty-ninth Session of the United Nations General Assembly") == 59
    assert ordinal("Sixtieth Session") == 60
    assert ordinal("Twentieth Special Session") == 20
    assert ordinal("ninth meeting") == 9


def test_no_number_no_ordinal():
    assert ordinal("Session of the General Assembly") is None
    assert ordinal("Fifty Years of Protection") is None
