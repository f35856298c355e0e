"""A seeded generator of news-like articles for benchmarks and robustness tests.

The articles are composed from sentence templates and word lists about states, leaders,
sanctions, talks, arrests, strikes, aid and military moves, with dates and quotations, so
that spaCy and the detente coder see text shaped like real wire copy (sentence length,
entity density, quotes) rather than lorem ipsum.  Article ``i`` under seed ``s`` is always
the same text, so any slice of the corpus can be regenerated without the rest.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path


@dataclass(frozen=True)
class State:
    name: str
    adj: str
    capital: str
    leader: str
    title: str
    cities: tuple[str, ...]


STATES: tuple[State, ...] = (
    State("Belarus", "Belarusian", "Minsk", "Aleksandr Lukashenko", "President",
          ("Hrodna", "Brest", "Gomel")),
    State("Russia", "Russian", "Moscow", "Vladimir Putin", "President",
          ("St. Petersburg", "Kaliningrad", "Sochi")),
    State("Lithuania", "Lithuanian", "Vilnius", "Gitanas Nauseda", "President", ("Kaunas", "Klaipeda")),
    State("Poland", "Polish", "Warsaw", "Andrzej Duda", "President", ("Krakow", "Gdansk", "Bialystok")),
    State("Ukraine", "Ukrainian", "Kyiv", "Volodymyr Zelensky", "President", ("Kharkiv", "Odesa", "Lviv")),
    State("China", "Chinese", "Beijing", "Xi Jinping", "President", ("Shanghai", "Xiamen", "Guangzhou")),
    State("the Philippines", "Philippine", "Manila", "Ferdinand Marcos Jr.", "President", ("Cebu", "Davao")),
    State("Japan", "Japanese", "Tokyo", "Fumio Kishida", "Prime Minister", ("Osaka", "Okinawa")),
    State("Germany", "German", "Berlin", "Olaf Scholz", "Chancellor", ("Munich", "Hamburg")),
    State("France", "French", "Paris", "Emmanuel Macron", "President", ("Marseille", "Lyon")),
    State("the United States", "American", "Washington", "Joe Biden", "President", ("New York", "Chicago")),
    State("Iran", "Iranian", "Tehran", "Masoud Pezeshkian", "President", ("Isfahan", "Bandar Abbas")),
    State("Israel", "Israeli", "Jerusalem", "Benjamin Netanyahu", "Prime Minister", ("Haifa", "Tel Aviv")),
    State("Lebanon", "Lebanese", "Beirut", "Najib Mikati", "Prime Minister", ("Tyre", "Sidon")),
    State("Turkey", "Turkish", "Ankara", "Recep Tayyip Erdogan", "President", ("Istanbul", "Izmir")),
    State("India", "Indian", "New Delhi", "Narendra Modi", "Prime Minister", ("Mumbai", "Srinagar")),
    State("Pakistan", "Pakistani", "Islamabad", "Shehbaz Sharif", "Prime Minister", ("Karachi", "Lahore")),
    State("Venezuela", "Venezuelan", "Caracas", "Nicolas Maduro", "President", ("Maracaibo", "Valencia")),
    State("Sudan", "Sudanese", "Khartoum", "Abdel Fattah al-Burhan", "General", ("Port Sudan", "El Fasher")),
    State("Serbia", "Serbian", "Belgrade", "Aleksandar Vucic", "President", ("Novi Sad", "Nis")),
    State("Hungary", "Hungarian", "Budapest", "Viktor Orban", "Prime Minister", ("Debrecen", "Szeged")),
    State("Armenia", "Armenian", "Yerevan", "Nikol Pashinyan", "Prime Minister", ("Gyumri",)),
    State("Azerbaijan", "Azerbaijani", "Baku", "Ilham Aliyev", "President", ("Ganja",)),
    State("South Korea", "South Korean", "Seoul", "Yoon Suk Yeol", "President", ("Busan", "Incheon")),
    State("North Korea", "North Korean", "Pyongyang", "Kim Jong Un", "leader", ("Kaesong",)),
    State("Egypt", "Egyptian", "Cairo", "Abdel Fattah el-Sisi", "President", ("Alexandria", "Rafah")),
    State("Ethiopia", "Ethiopian", "Addis Ababa", "Abiy Ahmed", "Prime Minister", ("Mekelle", "Gondar")),
    State("Mali", "Malian", "Bamako", "Assimi Goita", "Colonel", ("Timbuktu", "Gao")),
    State("Brazil", "Brazilian", "Brasilia", "Luiz Inacio Lula da Silva", "President",
          ("Sao Paulo", "Rio de Janeiro")),
    State("Georgia", "Georgian", "Tbilisi", "Irakli Kobakhidze", "Prime Minister", ("Batumi", "Kutaisi")),
)

ORGS = ("the European Union", "NATO", "the United Nations", "the OSCE", "the African Union",
         "the International Monetary Fund", "the World Bank", "the Red Cross", "Amnesty International")
NEUTRAL_CITIES = ("Geneva", "Vienna", "Istanbul", "Doha", "Oslo", "Helsinki", "Abu Dhabi", "Jeddah")
FIRST = ("Andrei", "Maria", "Tomas", "Elena", "Piotr", "Li", "Ahmed", "Yuki", "Stefan", "Anna", "Rafael",
         "Nikos", "Olga", "Daniel", "Fatima", "Hassan", "Irina", "Marek", "Sofia", "Viktor", "Jonas", "Layla")
LAST = ("Kozel", "Petrova", "Vaitkus", "Nowak", "Wei", "Hassan", "Tanaka", "Muller", "Lindqvist", "Santos",
        "Stavrou", "Ivanova", "Kowalski", "Haddad", "Sokolov", "Horvath", "Kim", "Mendes", "Okafor", "Bauer")
ROLES = ("Foreign Minister", "Defence Minister", "Interior Minister", "Deputy Foreign Minister",
         "foreign ministry spokesman", "presidential spokeswoman", "Trade Minister",
         "national security adviser")
GROUPS = ("opposition activists", "journalists", "protesters", "students", "truck drivers", "miners",
          "dockworkers", "teachers", "railway workers", "election observers", "human rights lawyers")
FORCES = ("security forces", "riot police", "border guards", "customs officers", "the KGB", "military police")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
QUOTE_BODIES = (
    "This is a clear violation of international law",
    "Our country has always been open to dialogue, but we will not negotiate under pressure",
    "The door to negotiations remains open",
    "We call on all sides to show restraint and to return to the table",
    "These sanctions will hurt ordinary people, not the regime",
    "Nobody should doubt our determination to defend our borders",
    "We expect the detained citizens to be released without delay",
    "The talks were difficult, but we made real progress on the main questions",
    "What happened last night was an act of aggression, and it will not go unanswered",
    "We have evidence that these people were sent to destabilise the country",
)
PAST_EVENTS = (
    "the disputed presidential election triggered mass protests",
    "the two governments closed most of their border crossings",
    "a gas pipeline dispute cut supplies for several weeks",
    "a diplomat was expelled over an espionage scandal",
    "a ceasefire agreement collapsed after months of fighting",
)

# Sentence templates by topic. Fields are filled by ``_Slots``; A and B are the article's two states.
TOPICS: dict[str, tuple[str, ...]] = {
    "sanctions": (
        "{A} imposed new sanctions on {B_adj} officials {when}, freezing the assets of {num} people "
        "linked to the government in {B_cap}.",
        "{org} agreed {when} to extend economic sanctions against {B} for another six months.",
        "{A_title} {A_leader} said the sanctions would stay in place until {B} released "
        "all political prisoners.",
        "{B_cap} dismissed the measures as illegal and vowed to retaliate against {A_adj} companies.",
        "The new restrictions target banks, potash exports and the state airline, {official_A} said.",
        "{A_adj} officials said {B} had used shell companies in {ncity} to get around earlier restrictions.",
        "Exporters in {B_city} said the measures would cost them about {money} a year.",
        "{A} also banned imports of {B_adj} steel and timber, citing the use of forced labour.",
        "The sanctions list now includes {num} judges, prosecutors and prison officials.",
        "{B_leader} called the sanctions an act of economic war and promised to find new markets in Asia.",
    ),
    "talks": (
        "{A_leader} met {B_leader} in {ncity} {when} for talks on trade, energy and border security.",
        "The two leaders agreed to resume negotiations on a new gas transit agreement "
        "before the end of the year.",
        "{A_adj} and {B_adj} diplomats held a second round of talks in {ncity} {when}, "
        "but no deal was reached.",
        "{official_A} travelled to {B_cap} {when} to prepare a state visit by {A_leader}.",
        "Both sides described the meeting as constructive and said working groups would "
        "meet again in {month}.",
        "{B_title} {B_leader} spoke with {A_leader} by telephone {when}, his office said.",
        "{org} offered to mediate between {A_cap} and {B_cap} if both governments asked it to.",
        "{A} and {B} signed a memorandum on energy cooperation at the end of the meeting.",
        "{A_leader} invited {B_leader} to visit {A_cap} next spring, and the invitation was accepted.",
        "Negotiators from both countries are due to meet again in {ncity} {when_future}.",
    ),
    "arrests": (
        "{B_adj} {forces} arrested {num} {group} in {B_cap} {when}, according to a human rights group.",
        "Police detained a {A_adj} journalist at the border and confiscated his laptop and phone.",
        "The {B_adj} authorities said they had detained {num} foreign nationals "
        "suspected of plotting unrest.",
        "{A} demanded the immediate release of its citizens and summoned the {B_adj} ambassador.",
        "A court in {B_city} sentenced {num} {group} to prison terms of up to {small} years {when}.",
        "Lawyers for the detained said they had not been allowed to see their clients since the arrests.",
        "Officers raided the offices of an independent newspaper in {B_city} and seized its computers.",
        "{A} offered asylum to {small} {B_adj} activists who had fled across the border.",
        "The prosecutor's office charged the {group} with organising mass riots, a charge they deny.",
    ),
    "strikes": (
        "Thousands of {group} went on strike {when} to demand higher wages and better working conditions.",
        "Protesters marched through the centre of {B_cap} {when}, calling for the "
        "resignation of the government.",
        "{forces_cap} used tear gas and water cannon to disperse the crowd outside parliament.",
        "{A_adj} aircraft struck targets near {B_city} {when}, killing at least {num} "
        "people, officials said.",
        "The army said it had shot down {small} drones launched from {B_adj} territory overnight.",
        "Union leaders said the strike at the port of {B_city} would continue until the "
        "government negotiated.",
        "Shelling damaged a hospital and two schools in {B_city}, the regional governor said.",
        "Farmers blocked roads into {B_cap} with tractors {when} in protest against cheap imports.",
        "A drone attack set fire to an oil depot near {B_city} {when}, the local authorities said.",
        "Opposition parties called a general strike for {weekday} and urged supporters to stay at home.",
    ),
    "conflict": (
        "{A} accused {B} {when} of violating the ceasefire and of shelling villages along the border.",
        "{official_A} condemned the decision as a provocation and summoned the {B_adj} charge d'affaires.",
        "{B_cap} denied the allegations and blamed the escalation on {A_adj} intelligence services.",
        "{A_leader} warned that {A} would respond with force if {B_adj} troops crossed the border.",
        "{A} deployed {num} additional troops and air defence systems to its border with {B} {when}.",
        "The {A_adj} military began large-scale exercises near the {B_adj} border {when}.",
        "{A} expelled {small} {B_adj} diplomats {when}, accusing them of espionage.",
        "{B} recalled its ambassador from {A_cap} for consultations.",
        "{B} rejected the proposal and refused to allow international inspectors into the area.",
        "{A} closed its airspace to {B_adj} airlines and suspended rail traffic across the border.",
        "{B_adj} naval vessels fired water cannon at {A_adj} supply boats near a disputed reef {when}.",
        "The {A_adj} parliament voted to cut diplomatic relations with {B} to the level "
        "of charge d'affaires.",
    ),
    "aid": (
        "{org} pledged {money} in humanitarian aid to {B} {when}.",
        "{A} will send {num} tonnes of food and medicine to the region, {official_A} said.",
        "The first convoy of aid trucks crossed into {B} {when} after weeks of delays.",
        "{A} agreed to lend {B} {money} to help stabilise its currency.",
        "Aid agencies warned that {num} people in {B_city} could run out of clean water within days.",
        "{org} said it would deliver vaccines and medical equipment to hospitals in {B_city}.",
        "{A} and {B} agreed to hold joint exercises and to share intelligence on smuggling networks.",
        "{B} released {small} {A_adj} prisoners {when} as a goodwill gesture ahead of the talks.",
    ),
}
ANALYSIS = (
    "Analysts say the dispute reflects a broader struggle for influence in the region.",
    "Relations between {A} and {B} have been strained since {year}, when {past}.",
    "Trade between the two countries fell by {small} percent last year, according to official figures.",
    "It was not clear whether the talks would resume before the elections scheduled for {month}.",
    "Some observers believe that {A_cap} is using the crisis to extract concessions from {B_cap}.",
    "A senior fellow at a think tank in {ncity} said neither side could afford a long confrontation.",
    "The episode is the latest in a series of incidents that have tested the patience of {A_cap}.",
    "Officials in {B_cap} did not respond to requests for comment on {weekday}.",
    "The dispute has also divided {org}, where several members favour a softer approach.",
    "Markets in {B_city} reacted calmly, and the currency was little changed by the end of the day.",
    "Diplomats in {ncity} said a compromise was possible but would take months to negotiate.",
    "Opinion polls suggest that most voters in {A} support a tougher line towards {B_cap}.",
    "The government in {A_cap} faces elections in {month} and cannot be seen to back down.",
    "Few expect a breakthrough soon, given the mistrust that has built up over the past decade.",
)
QUOTES = (
    "\"{quote},\" {official_A} told reporters in {A_cap}.",
    "\"{quote},\" {A_leader} said in a televised address {when}.",
    "{official_B} said the {B_adj} government was \"ready for dialogue, but not at any price.\"",
    "\"{quote}. {quote2},\" {official_B} said.",
    "{A_title} {A_leader} told a news conference that \"{quote_lc}.\"",
)
HEADLINES = {
    "sanctions": "{A} widens sanctions on {B} over crackdown",
    "talks": "{A_adj} and {B_adj} leaders meet in {ncity} as talks resume",
    "arrests": "{B} detains {num} {group} in new wave of arrests",
    "strikes": "Strikes and protests spread across {B} as pressure mounts",
    "conflict": "{A} accuses {B} of provocation as border tensions rise",
    "aid": "{org} pledges aid to {B} as crisis deepens",
}


class _Slots(dict[str, str]):
    """Template fields computed on first use, so each sentence draws only the randomness it needs."""

    def __init__(self, rng: random.Random, a: State, b: State, published: date) -> None:
        super().__init__()
        self.rng, self.a, self.b, self.published = rng, a, b, published

    def __missing__(self, key: str) -> str:
        value = self._make(key)
        self[key] = value
        return value

    def _person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def _when(self) -> str:
        r, day = self.rng.random(), self.published - timedelta(days=self.rng.randint(1, 6))
        if r < 0.45:
            return f"on {WEEKDAYS[day.weekday()]}"
        if r < 0.7:
            return f"on {MONTHS[day.month - 1]} {day.day}"
        return self.rng.choice(("last week", "earlier this month", "last month", "a year ago",
                                f"on {self.rng.choice(MONTHS)} {self.rng.randint(1, 28)} last year"))

    def _make(self, key: str) -> str:
        rng, a, b = self.rng, self.a, self.b
        table: dict[str, object] = {
            "A": a.name, "B": b.name, "A_adj": a.adj, "B_adj": b.adj, "A_cap": a.capital, "B_cap": b.capital,
            "A_leader": a.leader, "B_leader": b.leader, "A_title": a.title, "B_title": b.title,
        }
        if key in table:
            return str(table[key])
        makers = {
            "A_city": lambda: rng.choice(a.cities), "B_city": lambda: rng.choice(b.cities),
            "official_A": lambda: f"{a.adj} {rng.choice(ROLES)} {self._person()}",
            "official_B": lambda: f"{b.adj} {rng.choice(ROLES)} {self._person()}",
            "org": lambda: rng.choice(ORGS), "ncity": lambda: rng.choice(NEUTRAL_CITIES),
            "group": lambda: rng.choice(GROUPS), "forces": lambda: rng.choice(FORCES),
            "forces_cap": lambda: rng.choice(FORCES).capitalize(),
            "num": lambda: rng.choice((str(rng.randint(3, 99)), f"more than {rng.randint(2, 40) * 10}",
                                       f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}")),
            "when_future": lambda: rng.choice(("next week", "later this month", f"in {rng.choice(MONTHS)}")),
            "small": lambda: str(rng.randint(2, 12)),
            "money": lambda: rng.choice((f"${rng.randint(2, 900)} million",
                                         f"{rng.randint(1, 9)} billion euros")),
            "when": self._when, "month": lambda: rng.choice(MONTHS), "weekday": lambda: rng.choice(WEEKDAYS),
            "year": lambda: str(rng.randint(2014, self.published.year - 1)),
            "past": lambda: rng.choice(PAST_EVENTS), "quote": lambda: rng.choice(QUOTE_BODIES),
            "quote2": lambda: rng.choice(QUOTE_BODIES),
            "quote_lc": lambda: (q := rng.choice(QUOTE_BODIES))[0].lower() + q[1:],
        }
        if key not in makers:
            raise KeyError(key)
        return makers[key]()


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    published: str

    @property
    def words(self) -> int:
        return len(self.text.split())

    def to_json(self) -> str:
        record = {"id": self.id, "title": self.title, "published": self.published,
                  "url": f"https://news.example.org/{self.id}", "text": self.text}
        return json.dumps(record, ensure_ascii=False)


def _sentence(template: str, slots: _Slots) -> str:
    text = template.format_map(slots)
    return text[0].upper() + text[1:]


def _fresh(slots: _Slots) -> None:
    """Forget per-sentence draws (numbers, officials, dates) but keep the article's two states."""
    for key in [k for k in slots if k not in ("A", "B")]:
        del slots[key]


def article(index: int, seed: int = 0, words: int = 600, paragraphs: int | None = None) -> Article:
    """Article INDEX of corpus SEED: about WORDS words, or a lead and PARAGRAPHS more paragraphs."""
    rng = random.Random(f"{seed}:{index}")
    a, b = rng.sample(STATES, 2)
    published = date(2019, 1, 1) + timedelta(days=rng.randint(0, 6 * 365))
    topic = rng.choice(list(TOPICS))
    slots = _Slots(rng, a, b, published)
    title = _sentence(HEADLINES[topic], slots)
    _fresh(slots)
    # Decks drawn without replacement (reshuffled when empty) keep sentences from repeating
    # within an article, as they would not in real copy.
    decks: dict[str, list[str]] = {}

    def draw(name: str, pool: tuple[str, ...]) -> str:
        if not decks.get(name):
            decks[name] = rng.sample(pool, len(pool))
        return decks[name].pop()

    lead = _sentence(draw(topic, TOPICS[topic]), slots)
    dateline = f"{a.capital.upper()}, {MONTHS[published.month - 1][:3]}. {published.day} — "
    body = [dateline + lead]
    count = len(body[0].split())
    # PARAGRAPHS counts the paragraphs after the one-sentence lead.
    while (count < words) if paragraphs is None else (len(body) <= paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            _fresh(slots)
            r = rng.random()
            if r < 0.4:
                name = topic
            elif r < 0.55:
                name = "quotes"
            elif r < 0.75:
                name = "analysis"
            else:
                name = rng.choice(list(TOPICS))
            pool = QUOTES if name == "quotes" else ANALYSIS if name == "analysis" else TOPICS[name]
            sentences.append(_sentence(draw(name, pool), slots))
        paragraph = " ".join(sentences)
        body.append(paragraph)
        count += len(paragraph.split())
    return Article(id=f"bench-{seed}-{index:07d}", title=title, text=title + "\n\n" + "\n\n".join(body),
                   published=published.isoformat())


def articles(n: int, seed: int = 0, words: int = 600) -> Iterator[Article]:
    for i in range(n):
        yield article(i, seed, words)


def write_jsonl(path: Path, n: int, seed: int = 0, words: int = 600) -> int:
    """N articles as JSON Lines; returns the number of words written."""
    total = 0
    with path.open("w", encoding="utf-8") as fh:
        for art in articles(n, seed, words):
            fh.write(art.to_json() + "\n")
            total += art.words
    return total


def write_text_dir(folder: Path, n: int, seed: int = 0, words: int = 600) -> int:
    """N articles as .txt files (title line, blank line, body); returns the number of words written."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for art in articles(n, seed, words):
        (folder / f"{art.id}.txt").write_text(art.text, encoding="utf-8")
        total += art.words
    return total


def write_big_jsonl(path: Path, target_bytes: int, seed: int = 0, pool: int = 500) -> tuple[int, int]:
    """Stream about TARGET_BYTES of JSON Lines to PATH without holding it in memory.

    Generating 250,000 distinct articles would dominate the benchmark, so a pool of POOL
    generated articles is cycled with unique ids; each line still goes through JSON parsing,
    boilerplate trimming and language checks when read.  Returns (documents, bytes).
    """
    arts = [article(i, seed) for i in range(pool)]
    written = docs = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < target_bytes:
            art = arts[docs % pool]
            line = json.dumps({"id": f"big-{docs:08d}", "title": art.title, "published": art.published,
                               "text": art.text}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            docs += 1
    return docs, written


_WORD = re.compile(r"\S+")


def count_words(text: str) -> int:
    """Whitespace-separated words, the unit of every words/s figure in the benchmark."""
    return sum(1 for _ in _WORD.finditer(text))
