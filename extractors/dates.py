"""Date expressions in a sentence, resolved against the publication date.

Explicit dates ("3 октября 2025 года", "October 3", "2025-10-30") are parsed with ``dateparser``;
relative days (сегодня/вчера/накануне, today/yesterday) and weekdays ("в прошлый четверг", "on
Monday"), where dateparser returns None or guesses forward, are resolved by rules: a weekday is the
most recent such day on or before publication unless marked as future (следующий, next) or the
event is planned."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
EN_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
             "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?")
EXPLICIT = {
    "ru": re.compile(rf"\b(\d{{1,2}})\s+({RU_MONTHS})(\s+(\d{{4}})(\s+года|\s+г\.)?)?", re.I),
    "en": re.compile(rf"\b(({EN_MONTHS})\s+\d{{1,2}}(,?\s+\d{{4}})?|\d{{1,2}}\s+({EN_MONTHS})(\s+\d{{4}})?)\b"),
}
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# a wire dateline opening a story: place, date, optional agency, then a dash ("NAIROBI, May 3 (AP) --",
# "DAKAR, June 2 —", «Минск. 3 мая. БелТА -»): the day the story was filed, not an event date
DATELINE = {
    "en": re.compile(rf"^\s*[A-Z][A-Za-z .'-]{{1,40}},\s+({EN_MONTHS})\s+\d{{1,2}}(,?\s+\d{{4}})?"
                     rf"(\s*\([^)\n]{{1,40}}\))?\s*(--|—|–|-)\s"),
    "ru": re.compile(rf"^\s*[А-ЯЁ][А-Яа-яЁё .-]{{1,40}}[.,]\s+\d{{1,2}}\s+({RU_MONTHS})(\s+\d{{4}}(\s+года)?)?"
                     rf"[.,]?(\s+[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё.]{{1,30}})?\s*(--|—|–|-)\s", re.I),
}


def dateline_end(text: str, lang: str) -> int:
    """Where a dateline opening ``text`` (a document) ends; 0 when it has none."""
    rx = DATELINE.get(lang)
    m = rx.match(text) if rx else None
    return m.end() if m else 0
NUMERIC_RU = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
RELATIVE = {
    "ru": {"сегодня": 0, "сегодняшний": 0, "вчера": -1, "позавчера": -2, "накануне": -1, "завтра": 1, "послезавтра": 2},
    "en": {"today": 0, "the day before yesterday": -2, "(?<!before )yesterday": -1, "the day after tomorrow": 2,
           "(?<!after )tomorrow": 1, "tonight": 0},  # (keys are regular expressions)
}
WEEKDAYS = {
    "ru": {"понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5, "воскресень": 6},
    "en": {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
}
WEEKDAY_RE = {
    "ru": re.compile(r"\b(?:во?|в\s+ночь\s+(?:с\s+\w+\s+)?на)\s+(прошл\w+\s+|минувш\w+\s+|следующ\w+\s+|ближайш\w+\s+|эт\w+\s+)?"
                     r"(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)\b", re.I),
    "en": re.compile(r"\b(on\s+|last\s+|next\s+|this\s+|coming\s+)?"
                     r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
}
# "two days ago", «два дня назад», «неделю назад»: days back from publication
NUMBER_WORDS = {
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "a": 1},
    "ru": {"один": 1, "одни": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
           "восемь": 8, "девять": 9, "десять": 10},
}
AGO_RE = {
    "en": re.compile(r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(days?|weeks?)\s+ago\b", re.I),
    "ru": re.compile(r"(?<!\w)(\d{1,2}\s+|один\s+|одни\s+|два\s+|две\s+|три\s+|четыре\s+|пять\s+|шесть\s+|семь\s+|"
                     r"восемь\s+|девять\s+|десять\s+)?(день|дня|дней|неделю|недели|недель)\s+назад\b", re.I),
}
# a past period named by its year ("in January 2017", "in 2014", «в 2019 году», «в марте 2018 года»):
# when it ends well before publication, what its clause tells is background
RU_MONTHS_IN = "январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"
PERIOD_RE = {
    "en": re.compile(rf"\b(?:in|during)\s+(?:(?:early|mid|late)[- ])?(?:({EN_MONTHS})\s+)?((?:19|20)\d{{2}})\b"),
    "ru": re.compile(rf"(?<!\w)[вВ]\s+(?:({RU_MONTHS_IN})\s+)?((?:19|20)\d{{2}})(?:\s+год[ау]?|\s+г\.)", re.I),
}
# the day after the one the story told last ("the following day", «на следующий день»): counted from that day
FOLLOWING = {
    "en": re.compile(r"\b(the\s+(following|next)\s+day|a\s+day\s+later|the\s+following\s+morning)\b", re.I),
    "ru": re.compile(r"(?<!\w)(на\s+следующий\s+день|на\s+другой\s+день|(днем|днём|сутки)\s+позже|спустя\s+сутки)(?!\w)", re.I),
}
# a day and month with the year named relatively ("Nov. 3 last year", «3 ноября прошлого года»): years added
YEAR_AFTER = {
    "en": ((re.compile(r"^,?\s+(of\s+)?last\s+year\b", re.I), -1), (re.compile(r"^,?\s+(of\s+)?next\s+year\b", re.I), 1)),
    "ru": ((re.compile(r"^\s+(прошлого|минувшего)\s+года", re.I), -1), (re.compile(r"^\s+следующего\s+года", re.I), 1)),
}
# "two days later", «через два дня», «спустя три дня»: days after the day the story told last
LATER = {
    "en": re.compile(r"\b(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+later\b", re.I),
    "ru": re.compile(r"(?<!\w)(через|спустя)\s+(?P<n>\d{1,2}|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)"
                     r"\s+(дня|дней)(?!\w)", re.I),
}
FUTURE_WORDS = ("следующ", "ближайш", "next", "coming")
PAST_WORDS = ("прошл", "минувш", "last")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: dt.date


@functools.lru_cache(maxsize=1)
def _dateparser():
    import dateparser

    return dateparser


def _parse_explicit(text: str, lang: str, published: dt.date | None) -> dt.date | None:
    base = dt.datetime.combine(published or dt.date.today(), dt.time())
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    parsed = _dateparser().parse(text, languages=[lang], settings=settings)
    return parsed.date() if parsed else None


def _nearest_year(d: dt.date, published: dt.date, future: bool) -> dt.date:
    """A day and month without a year: the nearest such date to publication; forward for planned
    acts, otherwise not more than a week after publication."""
    options = []
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            options.append(d.replace(year=y))
        except ValueError:
            continue
    if future:
        ahead = [o for o in options if o >= published - dt.timedelta(days=1)]
        return min(ahead) if ahead else d
    behind = [o for o in options if o <= published + dt.timedelta(days=7)]
    return max(behind) if behind else d


def _in_year(d: dt.date, year: int) -> dt.date:
    try:
        return d.replace(year=year)
    except ValueError:  # 29 February
        return d.replace(year=year, day=28)


def _weekday(target: int, published: dt.date, future: bool, explicit_next: bool = False) -> dt.date:
    delta = (published.weekday() - target) % 7
    if future:
        ahead = (target - published.weekday()) % 7
        if ahead == 0 and explicit_next:
            ahead = 7
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=delta)


# vague periods ("last month", "earlier this week", «на прошлой неделе», «в прошлом месяце»): the act has no day
# of its own, so it is dated by the document, never by a day the lead gave another act
VAGUE = {
    "en": re.compile(r"\b((last|past|earlier this|this|previous|later this|next)\s+(week|month|year|spring|summer|autumn|fall|"
                     r"winter)|in recent (days|weeks|months|years)|recently|(weeks|months|years) ago|earlier this year)\b"
                     rf"|\b(in|since|during)\s+((early|mid|late)[- ])?({EN_MONTHS})(?![\w.]*\s+\d)"
                     r"|\b(over|at|during|on|this|last|past|previous)\s+(the\s+)?weekend\b", re.I),
    "ru": re.compile(r"(на\s+(прошлой|этой|позапрошлой|минувшей)\s+неделе|в\s+(прошлом|этом|минувшем|позапрошлом)\s+"
                     r"(месяце|году)|в\s+последние\s+(дни|недели|месяцы|годы)|недавно|ранее\s+в\s+этом\s+(месяце|году)|"
                     r"(несколько\s+)?(недель|месяцев|лет)\s+назад|(?<!\w)[вс]\s+(начале\s+|середине\s+|конце\s+)?"
                     rf"({RU_MONTHS_IN}|{RU_MONTHS})(?!\s+\d)|(?<!\w)(в|на)\s+(\w+\s+)?(выходные|выходных)(?!\w))", re.I),
}


def vague_period(text: str, lang: str) -> bool:
    """Whether ``text`` (a sentence) names a vague period for what it tells (``VAGUE``)."""
    rx = VAGUE.get(lang)
    return bool(rx and rx.search(text))


def past_periods(text: str, lang: str, offset: int = 0) -> list[DateMention]:
    """Year-named periods in ``text``, each dated by its last day ("in January 2017" -> 2017-01-31,
    «в 2019 году» -> 2019-12-31): the latest day what happened in it can have happened."""
    rx = PERIOD_RE.get(lang)
    out = []
    for m in rx.finditer(text) if rx else ():
        year, month = int(m.group(2)), m.group(1)
        end = dt.date(year, 12, 31)
        if month:
            names = (RU_MONTHS_IN if lang == "ru" else EN_MONTHS).split("|")[:12]
            k = next((i + 1 for i, x in enumerate(names) if x[:3].lower() == month[:3].lower()), None)
            if k is not None:
                end = dt.date(year + (k == 12), k % 12 + 1, 1) - dt.timedelta(days=1)
        out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), end))
    return out


def find(text: str, lang: str, published: dt.date | None, offset: int = 0, future: bool = False,
         prior: dt.date | None = None) -> list[DateMention]:
    """Date mentions in ``text`` (a sentence starting at ``offset`` in the document); ``prior``: the day an
    earlier sentence told, which "the following day" counts from."""
    out: list[DateMention] = []
    frx = FOLLOWING.get(lang)
    for m in frx.finditer(text) if frx and prior else ():
        out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), prior + dt.timedelta(days=1)))
    for m in LATER[lang].finditer(text) if lang in LATER and prior else ():
        n = m.group("n").lower()
        n = int(n) if n.isdigit() else NUMBER_WORDS[lang].get(n, 1)
        out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), prior + dt.timedelta(days=n)))
    for m in ISO.finditer(text):
        try:
            out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), dt.date.fromisoformat(m.group(0))))
        except ValueError:
            pass
    if lang == "ru":
        for m in NUMERIC_RU.finditer(text):
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), d))
            except ValueError:
                pass
    rx = EXPLICIT.get(lang)
    if rx:
        for m in rx.finditer(text):
            d = _parse_explicit(m.group(0), lang, published)
            end = m.end()
            if d and published and not re.search(r"\d{4}", m.group(0)):
                d = _nearest_year(d, published, future)
                shift = next(((y.match(text[end:]), k) for y, k in YEAR_AFTER.get(lang, ()) if y.match(text[end:])), None)
                if shift:
                    end, d = end + shift[0].end(), _in_year(d, published.year + shift[1])
            if d:
                out.append(DateMention(offset + m.start(), offset + end, text[m.start():end], d))
    if published is not None:
        for word, delta in RELATIVE.get(lang, {}).items():
            for m in re.finditer(rf"\b{word}\b", text, re.I):
                out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0),
                                       published + dt.timedelta(days=delta)))
        arx = AGO_RE.get(lang)
        for m in arx.finditer(text) if arx else ():
            count = (m.group(1) or "1").strip().lower()
            n = int(count) if count.isdigit() else NUMBER_WORDS[lang].get(count, 1)
            unit = 7 if m.group(2).lower().startswith(("week", "недел")) else 1
            out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0),
                                   published - dt.timedelta(days=n * unit)))
        wrx = WEEKDAY_RE.get(lang)
        if wrx:
            for m in wrx.finditer(text):
                name = m.group(2).lower()
                target = next(v for k, v in WEEKDAYS[lang].items() if name.startswith(k))
                mod = (m.group(1) or "").lower()
                fut = mod.startswith(FUTURE_WORDS) or (future and not mod.startswith(PAST_WORDS))
                d = _weekday(target, published, fut, explicit_next=mod.startswith(FUTURE_WORDS))
                if d == published and mod.startswith(PAST_WORDS):
                    d -= dt.timedelta(days=7)
                out.append(DateMention(offset + m.start(), offset + m.end(), m.group(0), d))
    out.sort(key=lambda d: d.start)
    # drop mentions inside longer ones
    kept: list[DateMention] = []
    for d in out:
        if kept and d.start < kept[-1].end:
            if d.end - d.start > kept[-1].end - kept[-1].start:
                kept[-1] = d
            continue
        kept.append(d)
    return _with_explicit_day(kept, text, offset)


WEEKDAY_THEN_DATE = re.compile(r"^\s*(\(|,)?\s*$")


def _with_explicit_day(found: list[DateMention], text: str, offset: int) -> list[DateMention]:
    """"on Saturday (Dec 6)", "on Tuesday, March 4": the explicit day right after a weekday dates it."""
    out: list[DateMention] = []
    for d in found:
        prev = out[-1] if out else None
        if prev is not None and re.search(r"day\b", prev.text, re.I) and re.search(r"\d", d.text) \
                and WEEKDAY_THEN_DATE.match(text[prev.end - offset:d.start - offset]):
            out[-1] = DateMention(prev.start, d.end, text[prev.start - offset:d.end - offset], d.date)
            continue
        out.append(d)
    return out
