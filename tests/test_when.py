from detente.when import find_dates, nearest_date

PUB = "2021-10-15"  # a Friday


def values(text: str, pub: str | None = PUB) -> list[str]:
    return [d.value for d in find_dates(text, pub)]


def test_explicit_dates_have_day_and_month_precision() -> None:
    assert values("The raid took place on July 29, 2020, in Minsk.") == ["2020-07-29"]
    assert values("They met on 3 March 2019.") == ["2019-03-03"]
    assert values("The deal was signed in March 2019.") == ["2019-03"]
    assert values("Published 2020-08-09.") == ["2020-08-09"]


def test_relative_dates_resolve_against_publication() -> None:
    assert values("After Aug. 9 last year, state media spoke.") == ["2020-08-09"]
    assert values("The ministers met on Tuesday.") == ["2021-10-12"]
    assert values("He was detained yesterday.") == ["2021-10-14"]
    assert values("Talks collapsed a year ago.") == ["2020"]
    assert values("Elections were held last month.") == ["2021-09"]
    assert values("On Oct. 2 the army moved.") == ["2021-10-02"]
    assert values("On Dec. 2 the army moved.") == ["2020-12-02"]


def test_a_bare_month_is_the_last_such_month_or_the_next_one() -> None:
    assert values("In March, the envoys met.") == ["2021-03"]
    assert values("Since November, attacks have risen.") == ["2020-11"]
    assert [d.value for d in find_dates("Talks will resume in November.", PUB, future=True)] == ["2021-11"]
    assert values("Officials may meet in may.") == []  # lower case: the modal, no month
    assert values("The pact of March 2019 holds.") == ["2019-03"]


def test_relative_dates_need_a_publication_date() -> None:
    assert values("The ministers met on Tuesday.", None) == []
    assert values("The raid took place on July 29, 2020.", None) == ["2020-07-29"]


def test_no_expression_no_date() -> None:
    assert values("Poland deployed troops to the border.") == []
    assert values("Officials may visit the region.") == []


def test_nearest_date_picks_the_closest_expression() -> None:
    text = "In March 2019 they signed a pact, and on July 29, 2020 the KGB arrested them."
    dates = find_dates(text, PUB)
    assert nearest_date(dates, text.index("arrested")).value == "2020-07-29"
    assert nearest_date(dates, text.index("signed")).value == "2019-03"


def test_last_month_name_and_last_week() -> None:
    """ "last August" is the latest August before this month; "last week" gives its month (issue 12)."""
    from detente.when import find_dates

    def first(text: str, published: str) -> tuple[str, str]:
        d = find_dates(text, published)[0]
        return d.value, d.precision

    assert first("the retreat last August", "2022-09-15") == ("2022-08", "month")
    assert first("the talks last September", "2022-09-15") == ("2021-09", "month")
    assert first("China brokered a deal last week", "2023-03-16") == ("2023-03", "month")
    assert first("the strikes of last week", "2023-03-03") == ("2023-02", "month")
