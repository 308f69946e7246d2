"""Regenerate ``lexicons/actors/phoenix_groups.tsv`` (armed and non-state groups, type GROUP) and
``lexicons/actors/phoenix_orgs.tsv`` (intergovernmental organisations and their bodies, type ORG) from
the Phoenix actor dictionaries in ``../shared/field/universalpetrarch`` (MIT, Open Event Data Alliance):
``Phoenix.MilNonState.actors.txt`` and the IGO entries of ``Phoenix.International.actors.txt``.
Run: ``python -m extractors.actors.build_phoenix_groups [--field ../shared/field] [--out-dir DIR]``;
it prints what it kept and dropped, by reason.

What is kept, and why:

- Groups: every entry of the militant / non-state file except people (a code with a date range, a
  "leader"/"member" comment, a name with a personal title or given name and no group word), groups the
  source marks as dissolved, and, in its untidy 2009 KEDS list that mixes members, fictional villains
  and groups, every name without a group word ("army", "front", "brigades", "jamaat", ...). A synonym
  stays when it names the group: it shares a word stem with one of the group's names, is a close
  spelling of one (Hizbullah ~ Hezbollah), carries a group word, or is an acronym; the other synonyms
  in these blocks are mostly the group's leaders (Nasrallah under Hezbollah, Kony under the LRA).
- Organisations: entries coded IGO only. NGOs, companies (MNC) and media outlets (sources, never
  actors) are left out: NGOs are no parties to the diplomatic events this project codes, and the few
  that act in the news as one (the ICRC) are in ``curated.tsv``. Also left out: people (office-holders
  carry date ranges; other names have no organisation word), roles and descriptions ("UN envoy",
  "ASEAN defense ministers"), country offices ("OHCHR Nepal"), IGO-coded associations and NGOs
  (``NOT_IGO``) and organisations that no longer exist (``DEFUNCT``: OAU, SEATO, MONUC, ...).
- One actor per organisation or group: entries with the same name (spelling variants folded:
  organisation/organization, co-operation, "UN"/"United Nations"), and an acronym entry with the entry
  whose initials it is ("IAEA", "International Atomic Energy Agency"), are merged. Where one names an
  actor ``curated.tsv`` has (matched on its English aliases), the curated code and norm are reused, so
  its aliases add to that actor (Hezbollah, NATO, ASEAN) instead of making a second one.
- Codes: a stable slug of the actor's norm (``AL_SHABAAB``), never the Phoenix code, which the source
  shares between many groups (``SOMREB`` is every Somali rebel group, ``IGOUNO`` the whole UN system).
  Norm: the first name kept, in readable case ("Al-Shabaab", "World Food Program").
- Precision guards on every alias: no 1–2 letter acronym and nothing shorter than 3 characters; no
  common English word (``COMMON_WORDS``; an acronym that spells one, "LET", "CAR", included); no date
  or number ("17 November", "313"); no group name made only of common English words
  (``COMMON_VOCAB``: "Shining Path", "Red Line", "Islamic Group" — organisation names are formal and
  keep theirs: "World Bank"); no generic Arabic word ("Al-Aqsa", "Tanzim"); no alias two different
  actors of the file share; no alias the curated, world or country tables already have (they win).
  The dictionary matches these two tables' aliases as proper names only
  (``dictionary.PROPER_NAME_TABLES``): acronyms in capitals, name words capitalised."""
from __future__ import annotations

import argparse
import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from extractors.actors.dictionary import ACTOR_DIR, read_tsv

GROUPS_SOURCE = "universalpetrarch/Phoenix.MilNonState.actors.txt"
ORGS_SOURCE = "universalpetrarch/Phoenix.International.actors.txt"
GROUPS_OUT = ACTOR_DIR / "phoenix_groups.tsv"
ORGS_OUT = ACTOR_DIR / "phoenix_orgs.tsv"
PRIOR_TABLES = ("not_actors.tsv", "curated.tsv", "world.tsv", "countries.tsv", "phoenix_countries.tsv")

FUNCTION = set("of the and for in on to at by de del la le des du al el ul ur wa fi e i a an ad ash as "
               "li il di da do dos das y et".split())
# words that make a name a group's (not a person's)
GROUP_WORDS = set("""army armies front fronts brigade brigades movement movements organization organisation
    organizations group groups party league council battalion battalions forces force militia militias
    cells cell nuclei nucleus faction factions committee committees union alliance jihad jamaat jamaah
    jemaah jamiat jamaa harakat hizb hezb lashkar laskar jaish jaysh jeish tehrik tehreek tanzim kataib
    ansar commandos commando squad squads guerrilla guerrillas resistance fighters mujahideen mujahidin
    mujahedin liberation society network units unit legion tigers federation coalition command
    association congress brotherhood partisans column columns revolutionary revolutionaries rebels
    insurgents sipah""".split())
# words that make a name an organisation's
ORG_WORDS = set("""organization organisation union council commission community association agency bank
    fund programme program court tribunal assembly parliament nations secretariat league group mission
    authority panel partnership federation commonwealth alliance coalition conference area institute
    board committee francophonie forum""".split())
# given names and titles: a name with one of these and no group word is a person's
PERSON_WORDS = set("""sheikh sheik shaykh sayyid sayyed seyyed emir mullah imam commander general colonel
    osama usama ayman ahmed ahmad mohammed mohammad muhammad mohamed muhammed khaled khalid marwan sami
    moktar mukhtar abdi abdullah abdul abdel omar umar hassan hasan hussein husain ibrahim nasir nasser
    naser anwar joseph vincent dominic alphonse caesar raska okot odong nixman imad""".split())
# roles, members and descriptions: a name with one of these is no organisation's or group's name
ROLE_WORDS = set("""secretary secretary-general envoy president chief monitor monitors peacekeeper
    peacekeepers rapporteur representative representatives minister ministers commissioner director
    spokesman spokeswoman spokesperson official officials resident contingent delegate delegates
    ambassador member members leader leaders operatives affiliated offshoot linked bodies countries
    chairman head staff""".split())
# common English words written as a one-word alias or spelled by an acronym (checked by hand against
# every one-word alias and acronym the two files offer, and general short words)
COMMON_WORDS = set("""youth youths falcon order foundation lightning boogeymen contras provos paradise revenge
    partisans rebels martyrs warriors brothers comrades guardians students nobles honorables avengers
    vanguard defenders patriots freedom justice liberty unity victory hope dawn light fire storm thunder
    sword shield eagles wolves tigers lions hawks knights soldiers army front league council union group
    movement party alliance coalition network cells nuclei faction committee resistance struggle action
    revolution mission commission community secretariat assembly parliament court tribunal bank fund
    agency forum extraditables inevitables eta elf erg hum let car milf zero act aim all and are art can
    end far for gas hit ice ill key law man map mob net now oil one out own pet red run sun tap war win
    won age aid air arm bar bid big cap cut due era fed fit gap get god hat job lab lot low mad may men
    mix new nor not off old pan par per pop pro put raw sea set sin sir son spa tax tea ten tie top two
    use via was way who why yes yet camo ana isa fps auv""".split())
# lower-case English dictionary words that occur in the file's group names (found with a word list,
# reviewed by hand: proper names, demonyms and Arabic words taken out): a group name made only of these
# (and function words) is a phrase, not a name
COMMON_VOCAB = set("""action activism against all alliance almighty alternative anarchist anarchists anarchy
    anger angry animal anti arbitrariness archipelago arm armadas armed army arson arsonists assault
    association attack august authority autonomous autonomy avengers avenging awakened babies band bank
    banner banners base battalion battalions bearing before black board bombing branch brigade brigades
    brother brotherhood burning calamities call canisters capital capitalist capitals catastrophe
    catholic cell cells center change chaotic children chosen citizens city clandestine classes club
    coalition coast collective colonel combat combatant combatants command commando commandos commission
    committee committees communism communist community companions company computers conference congress
    conquerors conscience conscientious consciously conspiracy conspirators constitutional construction
    continental continuity cooperative coordinating coordination core corps corruption council counter
    counterrevolutionary countries country county covenant cruelty daughters dawn death decorators
    defenders defense defence defenseless democracy democratic detachments determination development
    dictatorial dignity direct dissidents disturbance divine division drugs eagles earth east eastern
    ecologist emancipation enclave enraged erotic establishment expansion extreme faction factions falcon
    falcons far fatherland federal federation fifth fight fighters fighting fire fires first five flag
    flame followers force forces foreigners foundation fourth francs free freedom freemen friendship
    front fundamentalist further fury gang gas general generation genocide ghoul global glory god gods
    government grand great greater green group groups guardsmen guerilla guerillas guerrilla guerrillas
    hand hawk hawks hell heroes highways hill hills hind holders holy home homeland hope horrors
    immediate imperial imperialism imperialist independence independent indigenous indomitable infantry
    informal initiative insurgent international internationalism internet intervention intransigence
    islands items its jail jailers jungle justice knights labor labour land league leagues left leftist
    legion legitimate liberation liberators liberty light line lion lions liquidation look lord loving
    loyalist machete made mainstream martyr martyrs masses media melting memory message middle midnight
    militant military militia militias monitoring monotheism mountain mountaineer movement nation
    national nationalism nationalist nationals nations native network new night nihilists nil ninth no
    north northern nuclei nucleus offensive officers official oppressed oppression orange order
    organization organisation orient out outburst overthrow overthrown pan panther panthers
    parliamentarian partisans party path patriot patriotic patriots patrol patrols peace peaceful
    peacekeeping peasant peasants peninsula people peoples perspective phalanx platoon political poor
    popular populations posse power preaching presence preserves prevention pride priesthood priests
    prisoners pro progressive prohibition proletarian proletariat promoting promotion propagation prophet
    protectors protestant provisional punishment pure purpose racist rage raiders reaction reactionary
    real rebel rebels reconnaissance reconstruction red reelection reform regime regiment regional related
    renewal renewed reprisals republic republican resistance restoration revenge revolution
    revolutionaries revolutionary righteous righteousness rivers roads run sabotage saboteurs salvation
    save secessionist secret sect security self separatist seven seventh silent skinheads social
    socialist socialists society soldiers solidarity sons south southeast southern sovereign sovereignty
    special squad star state states stop storm street struggle student students subversion subversive
    suicide support supporters suppressing surge sword swords task team teams tempest territorial
    terrorist third thus tiger tigers torch torched torrid total totally tracts tribal troops truth
    twentieth two uncontrolled underground unification unified union unit united units unity universal
    unofficial up uprising vanguard vengeance vice victorious vigorous violence virtue volcano voluntary
    volunteer volunteers war warriors weather west white widows wing winter wisdom with worker workers
    working world wrath young youth youths zero""".split())
# religious and political descriptors: a group name made only of these and common words is generic
# ("Islamic Jihad", "Islamic Resistance", "Islamic Party" name several groups each)
GENERIC_NAME_WORDS = set("""islamic islamist islamists muslim muslims arab arabs jihad jihads jihadist jihadi
    mujahideen mujahidin mujahedin ansar jamaat jamaah harakat hizb tanzim salafist""".split())
# generic Arabic words and holy places that name no particular group on their own
ARABIC_COMMON = {"al-aqsa", "al-aksa", "tanzim", "hisba", "al-jihad", "al-tawhid", "al-hadid", "al-barq",
                 "al-buraq", "yahweh", "shahin", "september-france"}
MONTHS = set("january february march april may june july august september october november december".split())
# organisations that no longer exist or were replaced (OAU by the AU, MONUC by MONUSCO, ...)
DEFUNCT = {"OAU", "ORGANIZATION OF AFRICAN UNITY", "SEATO", "SOUTHEAST ASIA COLLECTIVE DEFENSE TREATY",
           "WESTERN EUROPEAN UNION", "MONUC", "UNMIN", "UNIFEM", "UN MISSION IN SUDAN", "SLMM",
           "SRI LANKA MONITORING MISSION", "ARAB COOPERATION COUNCIL", "GROUP OF EIGHT", "G 8",
           "UNITED NATIONS COMMISSION FOR HUMAN RIGHTS", "UN HIGH COMMISSION FOR HUMAN RIGHTS",
           "INTERNATIONAL WAR CRIMES TRIBUNAL", "UN MILLENNIUM PROJECT",
           "UNITED NATIONS DEVELOPMENT FUND FOR WOMEN", "ORGANIZATION OF ISLAMIC CONFERENCES",
           "ORGANIZATION OF THE ISLAMIC CONFERENCE"}
# IGO-coded in the source, but associations, NGOs or projects, not intergovernmental organisations
NOT_IGO = {"AMERICAN CORRECTIONAL ASSOCIATION", "ASSOCIATION MONDIALE DES AMIS DE L'ENFANCE",
           "WORLD BANK FAMILY NETWORK BOOK PROJECT", "WORLD FAMILY ORGANIZATION", "MAYORS FOR PEACE",
           "PARLIAMENTARIANS FOR GLOBAL ACTION", "UNITED CITIES AND LOCAL GOVERNMENTS",
           "ORGANIZATION OF WORLD HERITAGE CITIES", "ARAB TOWNS ORGANIZATION", "EUROPARC FEDERATION",
           "SAFERWORLD", "ORA INTERNATIONAL", "COALITION AGAINST WILDLIFE TRAFFICKING", "CHRISTIAN CATHOLIC",
           "ASIA PACIFIC PARTNERSHIP ON CLEAN DEVELOPMENT"}
# descriptions and generic terms, not one organisation's name ("UNSCR" is a council resolution)
NOT_NAMES = {"INTERNATIONAL GOVERNMENT ORGANIZATION", "INTERNATIONAL GOVERNMENT ORGANISATION",
             "ANTARCTIC TREATY", "UNOG: NGO DATABASE", "SOUTHEAST ASIAN NATIONS", "SAHEL SAHARAN STATES",
             "UNSCR", "UN MISSION", "UN BODIES", "THE WB", "WB",
             "COUNCIL OF SECURITY AND COOPERATION IN EUROPE"}
# acronyms written as words in the news
# the norm for a group the source spells unusually
PREFERRED = {"AL QA'IDA": "Al-Qaeda"}
WORD_NAMES = {"INTERPOL": "Interpol", "MERCOSUR": "Mercosur", "UNITA": "Unita"}
# the same organisation under two names the rules cannot relate
SAME_AS = {"UNITED NATIONS COMMISSION FOR REFUGEES": "UN HIGH COMMISSION FOR REFUGEES",
           "UNICEF": "UNITED NATIONS CHILDREN'S FUND", "SECRETARIAT OF THE UN": "UN SECRETARIAT",
           "UNITED NATIONS FOOD AND AGRICULTURE ORGANIZATION": "FOOD AND AGRICULTURE ORGANIZATION",
           "ASSOCIATION OF SOUTHEAST ASIA NATIONS": "ASSOCIATION OF SOUTHEAST ASIAN NATIONS",
           "WEST AFRICA DEVELOPMENT BANK": "WEST AFRICAN DEVELOPMENT BANK",
           "INDO BANGLA JOINT RIVER COMMISSION": "INDO BANGLADESH JOINT RIVERS COMMISSION",
           "COMMUNITY OF SAHARAN STATES": "COMMUNITY OF SAHEL SAHARAN STATES",
           "COMMUNITY OF SAHEL STATES": "COMMUNITY OF SAHEL SAHARAN STATES",
           "INTER GOVERNMENTAL PANEL ON CLIMATE CHANGE": "INTERGOVERNMENTAL PANEL ON CLIMATE CHANGE",
           "SOUTH ASIAN ASSOCIATION": "SAARC", "CENSAD": "COMMUNITY OF SAHEL SAHARAN STATES",
           "CEN SAD": "COMMUNITY OF SAHEL SAHARAN STATES", "PSCAU": "AUPSC"}
COMMENT_PERSON = re.compile(r"\b(leader|member|founder|commander|chief|head of|bomb maker|alias of|"
                            r"president|secretary|minister|spokes)", re.I)
COMMENT_DEFUNCT = re.compile(r"\b(dissolved|defunct|disbanded)\b", re.I)
DATED = re.compile(r"\d{6}|[<>]\s*\d")


@dataclass
class Entry:
    name: str
    synonyms: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    comment: str = ""
    section: str = ""


def parse(text: str) -> list[Entry]:
    """Phoenix/TABARI actor entries: a name line ("NAME_ [CODE] # comment"), its "+" synonyms, and code
    lines ("\\t[CODE 970101-061231]") that may come after the synonyms. Commented-out lines are skipped;
    section titles ("#####  NGOs  ######", "# KEDS Project ...") are kept with each entry."""
    out: list[Entry] = []
    section = ""
    for raw in text.splitlines():
        if raw.startswith("#"):
            if raw.startswith("#####") or re.match(r"#\s*(KEDS|Additional groups)", raw):
                section = raw.strip("# ").strip()
            continue
        body, _, comment = raw.partition("#")
        if not body.strip():
            continue
        codes = [c.strip() for c in re.findall(r"\[([^\]]*)\]", body)]
        rest = re.sub(r"\[[^\]]*\]", " ", body)
        if body.lstrip().startswith("+"):
            if out:
                out[-1].synonyms += [s.strip() for s in rest.split("+") if s.strip()]
                out[-1].codes += codes
            continue
        if raw[:1].isspace() and not rest.strip():
            if out:
                out[-1].codes += codes
                out[-1].comment += " " + comment.strip()
            continue
        out.append(Entry(rest.strip(), [], codes, comment.strip(), section))
    return out


def clean(raw: str) -> str:
    """ "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_" -> "ADEN ABYAN ISLAMIC ARMY (AAIA)"; "ORDER,_THE_" -> "ORDER"."""
    s = re.sub(r"[\s_]+", " ", raw).strip(" ,;:")
    s = re.sub(r"^THE ", "", s)
    return re.sub(r", THE$", "", s).strip()


def split_parens(name: str) -> tuple[str, list[str]]:
    """The name without its parentheses, and the parenthesised parts ("(AAIA)", "(BOLIVIA)")."""
    inner = re.findall(r"\(([^)]*)\)", name)
    return re.sub(r"\s*\([^)]*\)\s*", " ", name).strip(), [i.strip() for i in inner]


def words(name: str) -> list[str]:
    return [w.strip("'.,") for w in re.split(r"[\s/]+", name.lower()) if w.strip("'.,")]


def plain_words(name: str) -> set[str]:
    return {p for w in words(name) for p in w.split("-") if p}


def heads(name: str) -> set[str]:
    """5-letter heads of the name's content words (hyphen parts too: AL-QAEDA -> qaeda)."""
    return {p[:5] for p in plain_words(name) if len(p) >= 4 and p not in FUNCTION and p not in GROUP_WORDS}


def is_acronym(token: str) -> bool:
    """One token of capitals (with digits, hyphens, dots, slashes or ampersands), up to 9 characters:
    PFLP-GC, MS-13, U.N., DHKP/C."""
    return bool(re.fullmatch(r"[A-Z][A-Z0-9.&/-]{1,8}", token)) and sum(c.isalpha() for c in token) >= 2


def looks_acronym(token: str) -> bool:
    """An all-capitals source token (the files are in capitals) read as an acronym: no vowel, or at most
    five letters."""
    letters = re.sub(r"[^A-Z]", "", token)
    return is_acronym(token) and (len(letters) <= 5 or not re.search(r"[AEIOU]", letters))


def same(name: str) -> str:
    """A name's spelling-free key: UN = United Nations, organisation = organization, co-operation =
    cooperation, programme = program, labour = labor; no spaces or punctuation."""
    s = " " + name.lower().replace("ё", "е") + " "
    s = re.sub(r"(?<=\W)u\.?n\.?(?=\W)", " united nations ", s)
    for a, b in (("organisation", "organization"), ("programme", "program"), ("labour", "labor"),
                 ("centre", "center"), ("defence", "defense"), ("south east", "southeast")):
        s = s.replace(a, b)
    s = re.sub(r"^\s*secretariat of (the )?(.*)$", r"\2 secretariat", s.strip())
    return re.sub(r"[^0-9a-zа-я]+", "", s)


def core(name: str) -> str:
    """``same`` without group words and function words: "Al-Qaeda Organization" ~ "Al-Qaeda"."""
    kept = [p for p in re.split(r"[\s/-]+", name.lower()) if p and p not in GROUP_WORDS and p not in FUNCTION]
    return same(" ".join(kept)) or same(name)


def initials(name: str) -> str:
    s = re.sub(r"\bU\.?N\.?\b", "UNITED NATIONS", name.upper()).replace("CO-OPERATION", "COOPERATION")
    return "".join(w[0] for w in re.split(r"[\s/]+", s) if w and w.lower() not in FUNCTION).upper()


def display(name: str, acronyms: set[str]) -> str:
    """Readable form: words capitalised (after hyphens and slashes too), function words lower-case but
    a first word, acronyms as written ("Islamic Army of Aden-Abyan", "UN High Commission for Refugees")."""
    if name in WORD_NAMES:
        return WORD_NAMES[name]
    out = []
    for i, w in enumerate(name.split(" ")):
        if w in acronyms or (is_acronym(w) and (not re.search(r"[AEIOU]", w) or "." in w)):
            out.append(w)
            continue
        parts = re.split(r"([-/])", w)
        shown = []
        for j, p in enumerate(parts):
            low = p.lower()
            if p in ("-", "/") or not p:
                shown.append(p)
            elif (i or j) and low in FUNCTION:
                shown.append(low)
            elif p.upper() in acronyms:
                shown.append(p.upper())
            else:
                shown.append(low[:1].upper() + low[1:])
        out.append("".join(shown))
    return re.sub(r"'S\b", "'s", " ".join(out))


def slug(norm: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "_", norm.upper()).strip("_")


class Counts(Counter):
    def drop(self, reason: str, n: int = 1) -> None:
        self["dropped: " + reason] += n


@dataclass
class Actor:
    names: list[str]  # cleaned (upper-case) names, main name first
    acronyms: set[str]
    kind: str  # GROUP or ORG
    place: str = ""  # a qualifier the source puts in parentheses: "NATIONAL LIBERATION ARMY (BOLIVIA)"
    claimed: set[str] = field(default_factory=set)  # core() of every name the source gives it, kept or not


def _dated(e: Entry) -> bool:
    return any(DATED.search(c) for c in e.codes) or any(c.split()[:1] == ["ELI"] for c in e.codes)


def _person(name: str) -> bool:
    ws = plain_words(name) | set(words(name))
    return bool(ws & PERSON_WORDS) and not ws & GROUP_WORDS


def _related(syn: str, names: list[str]) -> bool:
    """A synonym names the group: it shares a word stem with one of its names, or spells one closely."""
    for n in names:
        if heads(syn) & heads(n):
            return True
        if difflib.SequenceMatcher(None, same(syn), same(n)).ratio() >= 0.75:
            return True
    return False


def _acronyms(parens: list[str]) -> set[str]:
    return {p for p in parens if looks_acronym(p.replace(" ", ""))}


def group_actors(text: str, counts: Counts) -> list[Actor]:
    actors: list[Actor] = []
    for e in parse(text):
        counts["groups: entries read"] += 1
        base, parens = split_parens(clean(e.name))
        if _dated(e) or COMMENT_PERSON.search(e.comment) or _person(base):
            counts.drop("group entry: a person (date range, leader comment or personal name)")
            continue
        if COMMENT_DEFUNCT.search(e.comment):
            counts.drop("group entry: dissolved (source comment)")
            continue
        if e.section.startswith("KEDS") and not plain_words(base) & GROUP_WORDS:
            counts.drop("group entry: KEDS 2009 list, no group word (members, fictional, unclear)")
            continue
        acronyms = _acronyms(parens)
        place = next((p for p in parens if p not in acronyms and re.fullmatch(r"[A-Z ]+", p)
                      and len(p.split()) <= 2), "")
        names = [base]
        for s in e.synonyms:
            counts["groups: synonyms read"] += 1
            sb, sp = split_parens(clean(s))
            acronyms |= _acronyms(sp)
            if not sb or sb.count("(") != sb.count(")"):
                counts.drop("group synonym: empty or broken")
            elif set(words(sb)) & ROLE_WORDS or plain_words(sb) & ROLE_WORDS:
                counts.drop("group synonym: a description (linked, affiliated, operatives, leader, ...)")
            elif " " not in sb and looks_acronym(sb):
                acronyms.add(sb)
            elif _person(sb) and not _related(sb, [base]):
                counts.drop("group synonym: a person (personal name or title)")
            elif _related(sb, names) or plain_words(sb) & GROUP_WORDS:
                names.append(sb)
            else:
                counts.drop("group synonym: unrelated name (a leader, translation or description)")
        claimed = {core(n) for n in [base] + [split_parens(clean(s))[0] for s in e.synonyms] if n}
        actors.append(Actor(names, acronyms, "GROUP", place, claimed))
    return actors


def org_actors(text: str, countries: set[str], counts: Counts) -> list[Actor]:
    actors: list[Actor] = []
    for e in parse(text):
        kind = e.codes[0].split()[0][:3] if e.codes and e.codes[0].split() else ""
        counts["international: entries read"] += 1
        if kind != "IGO":
            counts.drop({"NGO": "international entry: NGO", "MNC": "international entry: company (MNC)",
                         "MED": "international entry: media outlet (a source, not an actor)"}
                        .get(kind, "international entry: coded to a country or uncoded"))
            continue
        counts["international: IGO entries read"] += 1
        base, parens = split_parens(clean(e.name))
        ws = plain_words(base) | set(words(base))
        one = " " not in base and is_acronym(base)
        tail = base.split(" TO THE ")[-1] if " TO THE " in base else " ".join(base.split()[-2:])
        if _dated(e) or COMMENT_PERSON.search(e.comment):
            counts.drop("IGO entry: office-holder (date range or office in the comment)")
        elif ws & ROLE_WORDS:
            counts.drop("IGO entry: a role or description (envoy, secretary, ministers, peacekeeper, ...)")
        elif base in DEFUNCT:
            counts.drop("IGO entry: organisation that no longer exists")
        elif base in NOT_NAMES:
            counts.drop("IGO entry: generic term or description, not a name")
        elif base in NOT_IGO:
            counts.drop("IGO entry: an association, NGO or project coded IGO")
        elif len(base.split()) > 1 and (tail in countries or base.split()[-1] in countries):
            counts.drop("IGO entry: a country office or contingent")
        elif not (ws & ORG_WORDS or one or base.endswith("NATIONS")):
            counts.drop("IGO entry: no organisation word (a person's name)")
        else:
            names, acr = ([], {base}) if one and base not in WORD_NAMES else ([base], set())
            for s in e.synonyms:
                counts["international: IGO synonyms read"] += 1
                sb, _ = split_parens(clean(s))
                sws = plain_words(sb) | set(words(sb))
                if sws & ROLE_WORDS or any(w.endswith("-based") for w in sws):
                    counts.drop("IGO synonym: a role or description (president, Hague-based, ...)")
                elif sb in DEFUNCT or sb in NOT_NAMES:
                    counts.drop("IGO synonym: defunct or not a name")
                elif " " not in sb and is_acronym(sb) and sb not in WORD_NAMES:
                    acr.add(sb)
                else:
                    names.append(sb)
            claimed = {core(n) for n in names + sorted(acr)}
            actors.append(Actor(names, _acronyms(parens) | acr, "ORG", "", claimed))
    return actors


def merge(actors: list[Actor]) -> list[Actor]:
    """One actor per organisation or group: actors whose main names (or, for an acronym-only entry,
    acronyms) are the same, and an acronym-only entry and the entry whose initials it is."""
    parent = list(range(len(actors)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, a in enumerate(actors):
        for lab in ([a.names[0]] if a.names else sorted(a.acronyms)):
            k = same(SAME_AS.get(lab, lab))
            if k in owner:
                parent[find(i)] = find(owner[k])
            else:
                owner[k] = i
    for i, a in enumerate(actors):
        if not a.names:
            j = next((j for j, b in enumerate(actors) if b.names and b.kind == a.kind
                      and initials(b.names[0]) in a.acronyms), None)
            if j is not None:
                parent[find(i)] = find(j)
    merged: dict[int, Actor] = {}
    for i, a in enumerate(actors):
        r = find(i)
        if r not in merged:
            merged[r] = Actor(list(a.names), set(a.acronyms), a.kind, a.place, set(a.claimed))
        else:
            m = merged[r]
            m.names += [n for n in a.names if n not in m.names]
            m.acronyms |= a.acronyms
            m.claimed |= a.claimed
    targets = set(SAME_AS.values())
    for m in merged.values():  # the name SAME_AS points to is the main one
        m.names.sort(key=lambda n: n not in targets)
    return list(merged.values())


def guard(alias: str, acronym: bool, kind: str) -> str | None:
    """Why an alias is unsafe, or None."""
    toks = alias.split()
    low = [t.lower().strip(".,'") for t in toks]
    content = [t for t in low if t not in FUNCTION]
    if len(re.sub(r"\W", "", alias)) < 3:
        return "shorter than 3 characters"
    if acronym and sum(c.isalpha() for c in alias) <= 2:
        return "1-2 letter acronym"
    if all(t in MONTHS or re.fullmatch(r"[\d-]+(st|nd|rd|th)?", t) or t in FUNCTION for t in low):
        return "a date or a number"
    if len(toks) == 1 and re.sub(r"'s$", "", low[0]) in COMMON_WORDS:
        return "a common English word (or an acronym spelling one)"
    if len(toks) == 1 and low[0] in ARABIC_COMMON:
        return "a generic Arabic word or holy place"
    if len(toks) == 1 and not acronym and len(alias) <= 4:
        return "a short word that is no acronym"
    parts = {p for t in content for p in re.split(r"[-/]", re.sub(r"'s$", "", t)) if p}
    if kind == "GROUP" and all(p in COMMON_VOCAB or p in FUNCTION or p in MONTHS
                               or re.fullmatch(r"\d+(st|nd|rd|th)?", p) for p in parts):
        return "a phrase of common English words"
    if kind == "GROUP" and all(p in COMMON_VOCAB or p in FUNCTION or p in GENERIC_NAME_WORDS for p in parts):
        return "a generic religious or political phrase (Islamic Jihad, Islamic Party)"
    return None


def rows_for(actors: list[Actor], kind: str, curated: list[dict[str, str]], taken: dict[str, str],
             counts: Counts) -> list[tuple[str, str, str, str, str]]:
    """The table's rows. ``taken``: alias key -> code, of the tables loaded before this one (updated)."""
    cur: dict[str, tuple[str, str, str]] = {}
    for r in curated:
        if r["lang"] == "en" and r["type"] in ("ORG", "GROUP"):
            cur.setdefault(same(r["alias"]), (r["code"], r["norm"], r["type"]))
    known_codes = set(taken.values())
    claims: dict[str, set[int]] = {}
    for i, a in enumerate(actors):
        for k in a.claimed | {core(n) for n in a.names + sorted(a.acronyms)}:
            claims.setdefault(k, set()).add(i)
    main: dict[str, int] = {}
    for i, a in enumerate(actors):
        if a.names:
            main[core(a.names[0])] = -1 if core(a.names[0]) in main else i
    all_acronyms = {x for a in actors for x in a.acronyms} | {r["alias"] for r in curated if is_acronym(r["alias"])}
    rows: list[tuple[str, str, str, str, str]] = []
    codes: set[str] = set()
    for i, a in enumerate(actors):
        counts[f"{kind}: actors after merging"] += 1
        aliases: list[tuple[str, bool]] = []
        for n in a.names + sorted(a.acronyms):
            shown = n if n in a.acronyms else display(n, all_acronyms)
            if shown not in [x for x, _ in aliases]:
                aliases.append((shown, n in a.acronyms))
        hits = {cur[same(x)] for x, _ in aliases if same(x) in cur}
        kept: list[tuple[str, bool]] = []
        for alias, acronym in aliases:
            k = same(alias)
            why = guard(alias, acronym, kind)
            owners = claims.get(core(alias), set())
            if why is None and len(owners) > 1 and main.get(core(alias)) != i and not (
                    a.names and difflib.SequenceMatcher(None, k, same(a.names[0])).ratio() >= 0.75):
                # two actors claim it: the one whose main name it is keeps it, if there is one
                why = "an alias of two different actors in the file"
            if why is None and k in taken:
                why = "already in the curated, world or country tables"
            if why:
                counts.drop(f"{kind} alias: {why}")
            else:
                kept.append((alias, acronym))
        by_main = cur.get(same(aliases[0][0])) if a.names else None
        if by_main or len(hits) == 1:  # the main name decides where the source's synonyms disagree
            code, norm, ctype = by_main or next(iter(hits))
            counts[f"{kind}: actors merged into a curated actor"] += int(bool(kept))
        else:
            if len(hits) > 1:
                counts[f"{kind}: actors naming two curated actors (none reused)"] += 1
            names = [x for x, acr in kept if not acr] or [x for x, _ in kept]
            if not names:
                counts.drop(f"{kind} actor: no alias left (all unsafe, or all in the curated tables already)")
                continue
            place = f" ({display(a.place, all_acronyms)})" if a.place else ""
            norm, ctype = PREFERRED.get(a.names[0] if a.names else "", names[0]) + place, kind
            code = slug(norm)
            if code in known_codes or code in codes:
                code = f"{code}_{kind}"
            codes.add(code)
        if not kept:
            counts.drop(f"{kind} actor: no alias left (all unsafe, or all in the curated tables already)")
            continue
        counts[f"{kind}: actors kept"] += 1
        for alias, _ in kept:
            taken[same(alias)] = code
            rows.append((code, ctype, norm, "en", alias))
    counts[f"{kind}: alias rows written"] += len(rows)
    return rows


def build(field: Path, counts: Counts | None = None) -> tuple[list[tuple], list[tuple]]:
    """(group rows, organisation rows)."""
    counts = counts if counts is not None else Counts()
    prior = [r for name in PRIOR_TABLES for r in read_tsv(ACTOR_DIR / name)]
    curated = read_tsv(ACTOR_DIR / "curated.tsv")
    taken: dict[str, str] = {}
    for r in prior:
        taken.setdefault(same(r["alias"]), r["code"])
    countries = {r["alias"].upper() for r in prior if r["type"] == "COUNTRY" and r["lang"] == "en"}
    orgs = merge(org_actors((field / ORGS_SOURCE).read_text(encoding="utf-8"), countries, counts))
    org_rows = rows_for(orgs, "ORG", curated, taken, counts)
    groups = merge(group_actors((field / GROUPS_SOURCE).read_text(encoding="latin-1"), counts))
    group_rows = rows_for(groups, "GROUP", curated, taken, counts)
    return group_rows, org_rows


HEAD = """# {what}
# source: ../shared/field/{source} (Phoenix actor dictionary, Open Event Data Alliance);
#         generated by python -m extractors.actors.build_phoenix_groups (what is kept and why: its docstring).
#         Codes and norms of actors curated.tsv has are curated.tsv's; matched as proper names only.
# licence: MIT (c) 2014 Open Event Data Alliance; this derived table: MIT.
code\ttype\tnorm\tlang\talias
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--field", type=Path, default=ACTOR_DIR.parents[2].parent / "shared" / "field")
    ap.add_argument("--out-dir", type=Path, default=ACTOR_DIR)
    args = ap.parse_args()
    counts = Counts()
    group_rows, org_rows = build(args.field, counts)
    for rows, out, what, source in (
            (group_rows, GROUPS_OUT.name, "Armed and non-state groups (type GROUP): names, synonyms and acronyms.",
             GROUPS_SOURCE),
            (org_rows, ORGS_OUT.name, "Intergovernmental organisations and their bodies (type ORG): names and acronyms.",
             ORGS_SOURCE)):
        path = args.out_dir / out
        path.write_text(HEAD.format(what=what, source=source) + "".join("\t".join(r) + "\n" for r in rows),
                        encoding="utf-8")
        print(f"{len(rows)} rows -> {path}")
    for k, v in sorted(counts.items()):
        print(f"{v:6d}  {k}")


if __name__ == "__main__":
    main()
