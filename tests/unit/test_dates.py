import datetime as dt

import pytest

from extractors import dates

PUB = dt.date(2025, 10, 30)  # a Thursday


def _first(text, lang, **kw):
    found = dates.find(text, lang, PUB, **kw)
    return found[0].date if found else None


def test_relative_days():
    assert _first("Вчера министры встретились.", "ru") == dt.date(2025, 10, 29)
    assert _first("Накануне стороны договорились.", "ru") == dt.date(2025, 10, 29)
    assert _first("The ministers met yesterday.", "en") == dt.date(2025, 10, 29)
    assert dates.find("They met the day before yesterday.", "en", PUB)[0].date == dt.date(2025, 10, 28)
    assert len(dates.find("They met the day before yesterday.", "en", PUB)) == 1  # not also "yesterday"
    assert _first("Позавчера министры встретились.", "ru") == dt.date(2025, 10, 28)


def test_weekdays_resolve_to_most_recent_unless_future():
    assert _first("В понедельник стороны провели встречу.", "ru") == dt.date(2025, 10, 27)
    assert _first("В прошлый четверг стороны провели встречу.", "ru") == dt.date(2025, 10, 23)
    assert _first("They will meet next Monday.", "en") == dt.date(2025, 11, 3)
    assert _first("They will meet on Monday.", "en", future=True) == dt.date(2025, 11, 3)


def test_explicit_dates():
    assert _first("Соглашение подписано 3 октября 2024 года.", "ru") == dt.date(2024, 10, 3)
    assert _first("The deal was signed on October 3.", "en") == dt.date(2025, 10, 3)
    assert _first("Signed 2023-05-01 in Paris.", "en") == dt.date(2023, 5, 1)


def test_no_date():
    assert dates.find("Стороны договорились о встрече.", "ru", PUB) == []


@pytest.mark.parametrize("text,lang,expected", [
    ("Two days ago, Hamas released three hostages.", "en", dt.date(2026, 12, 2)),
    ("A week ago Iran protested.", "en", dt.date(2026, 11, 27)),
    ("3 days ago the talks ended.", "en", dt.date(2026, 12, 1)),
    ("Два дня назад ХАМАС освободил заложников.", "ru", dt.date(2026, 12, 2)),
    ("Неделю назад Иран заявил протест.", "ru", dt.date(2026, 11, 27)),
    ("5 дней назад стороны встретились.", "ru", dt.date(2026, 11, 29)),
])
def test_days_and_weeks_ago_count_back_from_publication(text, lang, expected):
    found = dates.find(text, lang, dt.date(2026, 12, 4))
    assert [d.date for d in found] == [expected]


def test_past_periods_are_dated_by_their_last_day():
    from extractors.dates import past_periods

    assert [d.date for d in past_periods("troops were sent in January 2017, and again in 2019", "en")] == [
        dt.date(2017, 1, 31), dt.date(2019, 12, 31)]
    assert [d.date for d in past_periods("в марте 2018 года Лондон выслал дипломатов", "ru")] == [dt.date(2018, 3, 31)]
    assert past_periods("since 2017 the talks have stalled", "en") == []  # "since" opens a period still going on


def test_a_wire_dateline_is_found_only_at_the_start():
    from extractors.dates import dateline_end

    for text, lang in [("NAIROBI, May 3 (AP) -- Kenya urged", "en"), ("BAMAKO, April 7 — Mali said", "en"),
                       ("WASHINGTON, March 3, 2025 (Reuters) - The US", "en"),
                       ("Минск. 3 мая. БелТА - Глава", "ru"), ("Минск, 3 мая - Белоруссия", "ru")]:
        end = dateline_end(text, lang)
        assert end and text[end:][:1].isupper(), text
    for text, lang in [("Rwanda on Sunday, Dec 7, urged", "en"), ("Lavrov said on May 5 - in Moscow - that", "en"),
                       ("Россия 29 декабря - в понедельник - заявила", "ru")]:
        assert dateline_end(text, lang) == 0, text


def test_tuesday_after_vo_is_a_weekday():
    import datetime as dt

    from extractors.dates import find

    [d] = find("Россия во вторник призвала Японию к диалогу.", "ru", dt.date(2025, 10, 30))  # a Thursday
    assert d.date == dt.date(2025, 10, 28) and d.text == "во вторник"
