"""Event coder: one test per construction, on sentences written for these tests."""

from __future__ import annotations

import pytest

from detente import Event, Result

PUB = "2024-03-14"  # a Thursday


def find(result: Result, etype: str) -> list[Event]:
    return [e for e in result.events if e.type == etype]


def dyads(result: Result, etype: str) -> set[tuple[str | None, str | None]]:
    return {(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in find(result, etype)}


@pytest.mark.parametrize(("text", "etype", "dyad"), [
    # subject / object
    ("Lithuania accused Belarus of orchestrating the border crisis.", "ACCUSE", ("LTU", "BLR")),
    ("Russian troops shelled Ukrainian villages overnight.", "ASSAULT", ("RUS", "UKR")),
    # prepositional target
    ("The Philippine president met with Japanese officials in Manila.", "CONSULT", ("PHL", "JPN")),
    ("Beijing called on Manila to withdraw its vessels.", "REQUEST", ("CHN", "PHL")),
    # light verbs
    ("The European Union imposed new sanctions on Belarus.", "SANCTION", ("IGO", "BLR")),
    ("Polish officials held talks with their Lithuanian counterparts.", "CONSULT", ("POL", "LTU")),
    ("Russia provided a loan to Venezuela last year.", "AID", ("RUS", "VEN")),
    # passive with by-phrase
    ("Venezuela was sanctioned by the United States.", "SANCTION", ("USA", "VEN")),
    # nominal event with by / of
    ("The arrest by Belarus's KGB of 20 Lithuanian truck drivers angered Vilnius.", "COERCE",
     ("BLR", "LTU")),
    # refusal as REJECT with the controlled verb's object as target
    ("Minsk refused to allow Polish inspectors into the country.", "REJECT", ("BLR", "POL")),
    # coordinated verbs share the subject
    ("Poland summoned the Russian ambassador and expelled two Russian diplomats.", "SANCTION", ("POL", "RUS")),
    # purpose clause after "force one's way": the clause's subject acts
    ("Georgian officers forced their way into an office to detain the Armenian activist.", "COERCE",
     ("GEO", "ARM")),
    # "jailed X for helping": X helps
    ("A Kenyan court jailed a Somali trader for helping Ugandan rebels.", "AID", ("SOM", "UGA")),
    # "accuse X of supporting": X supports
    ("Officials in Bamako accuse Algeria of supporting Malian rebels.", "AID", ("DZA", "MLI")),
    # transfer verbs: the to-phrase receives, not the goods
    ("Tehran supplied Iranian drones to Russia last spring.", "AID", ("IRN", "RUS")),
    # gap subject in a relative clause with a speech verb
    ("Washington sanctioned a Turkish firm that it says supplied Syria with oil.", "COOPERATE", ("TUR", "SYR")),
    # "on the sidelines of": no target; a joint act of the named pair
    ("Lula and Xi met on the sidelines of the G20 summit.", "CONSULT", ("BRA", "CHN")),
    # "the leaders of X and Y"
    ("The leaders of Kenya and Tanzania agreed to reopen the border crossing.", "AGREE", ("KEN", "TZA")),
    # nominal talks between two parties
    ("Indirect talks between Armenia and Azerbaijan resumed in Vienna.", "CONSULT", ("ARM", "AZE")),
    # headline with a comma-joined pair of subjects
    ("Serbia, Kosovo agree to a new border deal", "AGREE", ("SRB", "XKX")),
    # hyphenated markers and "close to"
    ("Belgrade condemned Russian-backed militias in the region.", "ACCUSE", ("SRB", "RUS")),
    ("The European Union imposed sanctions on businessmen close to Lukashenko.", "SANCTION", ("IGO", "BLR")),
    # "its" does not point back to the actor that expels
    ("Vilnius regretted the decision by Minsk to expel its ambassador.", "SANCTION", ("BLR", "LTU")),
    # border with a neighbour
    ("Finland deployed troops along its border with Russia.", "MOBILIZE", ("FIN", "RUS")),
    # the troops are the mover's own; the place is the target
    ("Nigeria deployed troops in Benin after the coup attempt.", "MOBILIZE", ("NGA", "BEN")),
    # descriptions of a state named before
    ("Canada criticised Chile. Canada then imposed sanctions on the South American country.", "SANCTION",
     ("CAN", "CHL")),
    ("Armenia recalled its envoy from Azerbaijan. Armenia accused its neighbour of shelling villages.", "ACCUSE",
     ("ARM", "AZE")),
    ("The UN General Assembly adopted a text on Sudan. The measure called on Sudan to end the fighting.",
     "REQUEST", ("IGO", "SDN")),
    ("Southern Africa's regional bloc threatened sanctions against Madagascar.", "THREATEN", ("IGO", "MDG")),
    # "both sides": the two parties named before
    ("Ghana and Togo met in Accra. Envoys from both sides signed a deal on fishing rights.", "AGREE",
     ("GHA", "TGO")),
    # verb + preposition + noun
    # (the unnamed captors are the authorities of the state whose police just acted: implicit:authorities)
    ("Nepalese police raided the camp. Two Bhutanese activists were taken into custody.", "COERCE",
     ("NPL", "BTN")),
    # a meeting's city is where it happened; "at the summit" takes the clause's actors
    ("At the summit in Geneva, the Swiss president thanked his Austrian counterpart.", "CONSULT", ("CHE", "AUT")),
    # a transfer's recipient is the to-phrase, not the goods
    ("Armenia surrendered control of the corridor to Azerbaijan.", "CONCEDE", ("ARM", "AZE")),
    # a weapon's user: "X's use of water cannons"
    ("Vietnam protested the Chinese navy's use of water cannons against Vietnamese fishermen.", "ASSAULT",
     ("CHN", "VNM")),
    # an accusation's target is the by-agent of the cited act
    ("Ukraine suspended the talks, citing repeated violations of the ceasefire by Russian forces.", "ACCUSE",
     ("UKR", "RUS")),
    # events announced in the actor's own quoted words
    ('"Our army will crush the Azerbaijani invaders," the Armenian defence minister said.', "THREATEN",
     ("ARM", "AZE")),
    # a party's leaders are the party's, not their state's government
    ("Moldovan police detained two senior PSRM leaders on Friday.", "COERCE", ("MDA", "MDA")),
    # "they" after a compound subject is the pair
    ("Erdogan and Aliyev met in Ankara, where they signed a defence pact.", "AGREE", ("TUR", "AZE")),
    # rivals: another party of one's own civil war
    ("The Libyan army quit the talks, citing breaches of the ceasefire by their armed rivals.", "ACCUSE",
     ("LBY", "LBY")),
    # receiving a visiting official is a consultation; evidence presented against X accuses X
    ("The Indonesian president received the Malaysian foreign minister in Jakarta.", "CONSULT", ("IDN", "MYS")),
    ("The Dutch prosecutor presented evidence against Russia.", "ACCUSE", ("NLD", "RUS")),
    # "engaged X in a firefight": the clause's object is the other side
    ("Somali troops engaged Kenyan smugglers in a firefight near the border.", "ASSAULT", ("SOM", "KEN")),
    # saying another party did wrong is an accusation
    ("Armenia said Azerbaijani troops violated the ceasefire overnight.", "ACCUSE", ("ARM", "AZE")),
    # a sentence whose only verb the parser hung on a noun: "Hundreds of families protested ..."
    ("Kenya evicted squatters. Hundreds of displaced Kenyan families protested outside the ministry.", "PROTEST",
     ("KEN", None)),
    # cities and provinces stand for their state
    ("Russian drones struck Odesa overnight.", "ASSAULT", ("RUS", "UKR")),
    # a possessed patient noun: "his detention" is done to him
    ("Azerbaijani guards stopped the Armenian activist Levon Aronyan. Armenia condemned his detention by the"
     " Azerbaijani border guards.", "COERCE", ("AZE", "ARM")),
    # an event noun used as a modifier takes the clause's actors
    ("Serbia and Kosovo completed the disengagement process on Tuesday.", "RETREAT", ("SRB", "XKX")),
    # verb + preposition + noun keys, with the noun parsed as a clause
    ("Ghana on Friday noted with regret a decision by Togo to close its embassy.", "ACCUSE", ("GHA", "TGO")),
    # "among those hit by sanctions": the clause's subject is the patient
    ("Two Belarusian banks were among those hit by Friday's sanctions.", "SANCTION", (None, "BLR")),
    # blocking vessels is coercion; a veto-like block is a rejection
    ("Three Chinese coast guard ships blocked a Vietnamese fishing boat near the reef.", "COERCE", ("CHN", "VNM")),
    # "out of" a capital: the state the envoys leave
    ("Jordan pulled its envoys out of Damascus.", "SANCTION", ("JOR", "SYR")),
    # a verb + preposition + noun key keeps the noun's own partner
    ("The Indian envoy said Delhi was in contact with Nepal about the flooding.", "CONSULT", ("IND", "NPL")),
    # a use of force is aimed at whoever the use is against
    ("Hanoi protested the Chinese coast guard's use of water cannons against Vietnamese fishing boats.", "ASSAULT",
     ("CHN", "VNM")),
    # agreeing to a joint act "of A with B": B is the partner
    ("The Serbian opposition said it would agree to the integration of Serbia with the European Union.", "AGREE",
     ("SRB", "IGO")),
    # mediators act between the parties named after "between" (subject parsed onto the auxiliary)
    ("Norway and Switzerland are mediating between Colombia and the ELN.", "CONSULT", ("NOR", "COL")),
    # an unnamed crowd belongs to the place where it acts, not to the embassy it storms
    ("Angry protesters stormed the Danish embassy in Islamabad.", "ASSAULT", ("PAK", "DNK")),
    # receiving from a giver: the giver acts on the receiver
    ("Moldova received a loan from the World Bank on Monday.", "AID", ("IGO", "MDA")),
    ("Bolivia received a stern warning from Chile over the river dispute.", "THREATEN", ("CHL", "BOL")),
    # cutting ties jointly: one side against the other
    ("Somalia and Kenya cut diplomatic ties in 2020.", "SANCTION", ("SOM", "KEN")),
    # "inside" a state is where an attack lands
    ("Turkey carried out drone strikes inside Iraq on Sunday.", "ASSAULT", ("TUR", "IRQ")),
    # an arrest warrant is for the person named after it
    ("A Tajik court issued an arrest warrant for a Russian journalist on Monday.", "COERCE", ("TJK", "RUS")),
    # revoking an agreement rejects its partner
    ("Mali's junta revoked a defence agreement with France.", "REJECT", ("MLI", "FRA")),
    # cutting supplies is a sanction; a conditional one is aimed at whoever the condition names
    ("Russia cut gas supplies to Moldova on Monday.", "SANCTION", ("RUS", "MDA")),
    ("Beijing could halt rare earth exports if Tokyo extends its chip controls.", "SANCTION", ("CHN", "JPN")),
    # naming someone with a slur accuses them (and is no phone call)
    ("Azerbaijani state television called the Armenian premier a traitor.", "ACCUSE", ("AZE", "ARM")),
    ("Kyiv branded the Russian general a war criminal.", "ACCUSE", ("UKR", "RUS")),
    # holding people or goods hostage coerces their owners
    ("Estonia accused Russia of holding 40 Estonian lorries hostage at the border.", "COERCE", ("RUS", "EST")),
    # "the two presidents" after two states are named: the pair
    ("Ghana and Togo settled a border quarrel. The two presidents also agreed to open a joint market.", "AGREE",
     ("GHA", "TGO")),
    # declaring a diplomat persona non grata expels them
    ("Bolivia declared Chile's consul persona non grata on Friday.", "SANCTION", ("BOL", "CHL")),
    # coordinated country adjectives: one actor each
    ("Danish and Swedish fishermen protested outside the Norwegian embassy in Oslo.", "PROTEST", ("SWE", "NOR")),
    # the engaged side comes before the place of the fight
    ("Malian soldiers engaged Burkinabe gunmen in a gunfight in Menaka on Friday, officials said.", "ASSAULT",
     ("MLI", "BFA")),
    # "to" parsed as a dative still leads to the recipient
    ("Helsinki will not provide financial support to Hungary, the Finnish minister said.", "AID", ("FIN", "HUN")),
    # a relative passive: the modified noun is the patient
    ("Kyiv published the names of 90 Russian soldiers who could be released.", "CONCEDE", (None, "RUS")),
])
def test_constructions(lenient, text: str, etype: str, dyad: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    result = lenient.extract(text, published=PUB)
    assert dyad in dyads(result, etype), [(e.type, e.source, e.target) for e in result.events]


def test_every_event_carries_the_contract_fields(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Lithuania expelled two Russian diplomats on Tuesday."
    result = coder.extract(text, published=PUB)
    ev = find(result, "SANCTION")[0]
    assert ev.quad == 4 and ev.score < 0 and ev.cameo == "16"
    assert ev.sentence == text and text[ev.start:ev.end] == text
    assert ev.trigger.startswith("expelled")
    assert ev.date == "2024-03-12"
    assert 0 < ev.confidence <= 1


@pytest.mark.parametrize(("text", "etype", "status"), [
    ("Washington did not impose sanctions on Caracas.", "SANCTION", "negated"),
    ("The EU could impose sanctions on Belarus next month.", "SANCTION", "hypothetical"),
    ("Lithuania will deploy 500 soldiers along its frontier with Belarus.", "MOBILIZE", "hypothetical"),
    ("If Russia attacks Lithuania, NATO would respond.", "ASSAULT", "hypothetical"),
    ("Kyiv said Russian forces shelled Kharkiv on Tuesday.", "ASSAULT", "reported_claim"),
    ("Russian forces shelled Kharkiv on Tuesday.", "ASSAULT", "asserted"),
    ("Baku accused Yerevan of shelling Azerbaijani villages.", "ASSAULT", "reported_claim"),
    ("Yerevan dismissed allegations that Armenian troops shelled Azerbaijani villages.", "ASSAULT",
     "reported_claim"),
    ("Minsk has not refused to host Russian jets.", "CONSULT", "hypothetical"),
])
def test_status(coder, text: str, etype: str, status: str) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract(text, published=PUB)
    events = find(result, etype)
    assert events, text
    assert events[0].status == status


def test_trying_to_convince_is_not_an_event_of_convincing(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Minsk tried to convince Moscow that nothing had changed.", published=PUB)
    assert not [e for e in result.events if e.status == "asserted" and e.type not in ("REQUEST",)]


def test_compound_actor_gives_one_event_per_member_with_a_group(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("The United States and the European Union condemned Russia.", published=PUB)
    events = find(result, "ACCUSE")
    assert {e.source.country for e in events if e.source} == {"USA", "IGO"}
    assert len({e.group for e in events}) == 1 and events[0].group is not None


def test_boilerplate_only_text_gives_no_events(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("The weather in the capital was mild and sunny for most of the week.", published=PUB)
    assert result.events == []


def test_conditional_retaliation_is_a_threat(coder) -> None:  # type: ignore[no-untyped-def]
    text = "The Brazilian president said he will impose tariffs on the United States if Washington raises duties."
    result = coder.extract(text, published=PUB)
    threats = find(result, "THREATEN")
    assert threats and threats[0].status == "asserted"
    assert (threats[0].source.country, threats[0].target.country) == ("BRA", "USA")  # type: ignore[union-attr]


def test_a_conditional_threat_is_not_also_an_attack(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Chad said it will strike back if any of its soldiers are attacked by Sudanese militias."
    result = coder.extract(text, published=PUB)
    assert find(result, "THREATEN")
    assert not [e for e in result.events if e.type == "ASSAULT" and e.source and e.source.country == "TCD"]


def test_a_vowed_response_is_a_threat(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Belgrade vowed to respond with force if Kosovo police enter the north.",
                           published=PUB)
    threats = find(result, "THREATEN")
    assert threats and threats[0].status == "asserted" and threats[0].source.country == "SRB"  # type: ignore[union-attr]


def test_an_unnamed_crackdown_is_by_the_state_at_home(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Thousands marched in Tbilisi. Georgia drew Western criticism after a harsh crackdown on the marchers."
    result = coder.extract(text, published=PUB)
    coerce = find(result, "COERCE")
    assert coerce and coerce[0].source.country == "GEO" and coerce[0].source.sector == "GOV"  # type: ignore[union-attr]


def test_the_note_is_by_whoever_handed_it_over(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("Hanoi summoned the Chinese envoy on Friday. Vietnam's deputy foreign minister handed him a strongly"
            " worded protest. Beijing rejected it. The protest urged China to withdraw its survey ship.")
    result = coder.extract(text, published=PUB)
    assert ("VNM", "CHN") in dyads(result, "REQUEST"), [(e.type, e.source, e.target) for e in result.events]


def test_a_bodys_own_meeting_consults_no_one(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Norway's central bank left borrowing costs unchanged following a meeting on Thursday."
    assert not find(coder.extract(text, published=PUB), "CONSULT")
    text = "Mongolia's foreign minister had a meeting with his Kazakh counterpart on Thursday."
    assert ("MNG", "KAZ") in dyads(coder.extract(text, published=PUB), "CONSULT")


def test_expelling_diplomats_is_a_sanction_and_expelling_people_coerces(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Latvia expelled two Belarusian diplomats on Monday.", published=PUB)
    assert ("LVA", "BLR") in dyads(result, "SANCTION")
    result = coder.extract("Niger expelled forty Malian traders on Monday.", published=PUB)
    assert ("NER", "MLI") in dyads(result, "COERCE") and not find(result, "SANCTION")


def test_an_attack_fired_from_a_place_is_by_forces_there(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Two mortar shells were fired from Syria towards Jordan on Friday.", published=PUB)
    attack = find(result, "ASSAULT")
    assert attack and attack[0].source.country == "SYR" and attack[0].source.sector == "UAF"  # type: ignore[union-attr]
    assert attack[0].target.country == "JOR"  # type: ignore[union-attr]


def test_one_of_its_units_belongs_to_the_body_named_before(lenient) -> None:  # type: ignore[no-untyped-def]
    text = "The Turkish army said one of its drones struck a Kurdish militia position in northern Iraq."
    attack = find(lenient.extract(text, published=PUB), "ASSAULT")
    assert attack and attack[0].source.country == "TUR"  # type: ignore[union-attr]


def test_a_foreign_style_is_no_foreign_actor(lenient) -> None:  # type: ignore[no-untyped-def]
    result = lenient.extract("Thousands rallied in Almaty against a Russian-style media law.", published=PUB)
    protests = find(result, "PROTEST")
    assert protests and all(e.target is None or e.target.country != "RUS" for e in protests)


def test_an_event_noun_naming_a_thing_is_no_event(lenient) -> None:  # type: ignore[no-untyped-def]
    result = lenient.extract("Estonian police raided two arms depots near Tartu.", published=PUB)
    assert not find(result, "AID") and find(result, "COERCE")


def test_joint_fire_across_a_border_is_between_the_two(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Tajikistan and Kyrgyzstan exchanged fire across the border overnight.", published=PUB)
    assert ("TJK", "KGZ") in dyads(result, "ASSAULT")


def test_in_retaliation_is_a_motive_not_a_second_attack(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Iran fired missiles at Iraq's Kurdistan region in retaliation for a bombing."
    result = coder.extract(text, published=PUB)
    assert [e.trigger for e in find(result, "ASSAULT") if e.source and e.source.country == "IRN"] == ["fired missiles"]


def test_the_occasion_of_a_pledge_is_real(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Chile and Argentina pledged to settle the dispute during a visit by Boric to Buenos Aires."
    visits = find(coder.extract(text, published=PUB), "CONSULT")
    assert visits and visits[0].status == "asserted"


def test_a_month_without_a_year_is_the_last_such_month(coder) -> None:  # type: ignore[no-untyped-def]
    expel = find(coder.extract("In February, Tbilisi expelled two Lithuanian diplomats.", published=PUB), "SANCTION")
    assert expel and expel[0].date == "2024-02" and expel[0].date_precision == "month"


def test_a_clause_the_parser_leaves_unlabelled_shares_the_subject(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("Is Tbilisi drifting away from Brussels?\n\nOver the past year, the Georgian prime minister has suspended"
            " his country's bid to join the European Union, accused Brussels of blackmail, and welcomed Chinese"
            " investors.")
    assert ("GEO", "IGO") in dyads(coder.extract(text, published=PUB), "ACCUSE")


def test_backing_an_armed_group_is_aid(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Ethiopia accused Eritrea of backing armed groups in Amhara.", published=PUB)
    assert [e.source.country for e in find(result, "AID") if e.source] == ["ERI"]
    result = coder.extract("Chile backed the Argentine proposal on Monday.", published=PUB)
    assert find(result, "SUPPORT") and not find(result, "AID")


def test_light_verb_with_noun_in_with_phrase(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Beijing promised to provide Islamabad with a $2 billion credit line.", published=PUB)
    assert ("CHN", "PAK") in dyads(result, "AID")


def test_dateline_is_not_an_actor_but_stays_in_the_evidence(coder) -> None:  # type: ignore[no-untyped-def]
    text = "VILNIUS, Lithuania (AP) — Police detained three Belarusian drivers on Tuesday."
    result = coder.extract(text, published=PUB)
    ev = find(result, "COERCE")[0]
    assert ev.sentence.startswith("VILNIUS")
    assert ev.target is not None and ev.target.country == "BLR"
    assert ev.date == "2024-03-12"


def test_continuing_sentence_keeps_the_occasion_date(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("The two presidents met in Astana on May 3, 2021. "
            "In particular, Putin promised to provide Minsk with a loan.")
    result = coder.extract(text, published="2021-10-15")
    aid = [e for e in result.events if "In particular" in e.sentence]
    assert aid and aid[0].date == "2021-05-03"


def test_denial_negates_the_act(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Rwanda denied backing the rebels in eastern Congo.", published=PUB)
    assert all(e.status == "negated" for e in find(result, "SUPPORT") + find(result, "AID"))


def test_first_person_in_a_direct_quote_is_its_speaker(coder) -> None:  # type: ignore[no-untyped-def]
    text = ('"I thank the World Bank for its generous loan," Kenyan President William Ruto said on Monday. '
            'Kenya will repay it within ten years.')
    result = coder.extract(text, published=PUB)
    thanks = find(result, "SUPPORT")
    assert thanks and thanks[0].source is not None and thanks[0].source.country == "KEN"


def test_a_place_is_no_party_to_an_agreement(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Ghana signed an agreement with Togo in Brussels on Monday.", published=PUB)
    assert ("GHA", "TGO") in dyads(result, "AGREE")
    assert not [e for e in result.events if e.target and e.target.country == "BEL"]


def test_unnamed_protesters_are_the_story_countrys_people(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Georgia passed the media law on Tuesday. Protests have shaken Georgia since the vote."
    protests = find(coder.extract(text, published=PUB), "PROTEST")
    assert protests and protests[0].source is not None and protests[0].source.country == "GEO"
    assert protests[0].source.sector == "CVL"


def test_a_line_break_ends_a_sentence(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Kenya and Somalia at odds over the border\n\nKenyan troops shelled a Somali village on Monday."
    events = find(coder.extract(text, published=PUB), "ASSAULT")
    assert events and events[0].sentence.startswith("Kenyan troops")


def test_hyphenated_pair_of_states(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Turkish-Azerbaijani joint exercises began in Baku on Monday.", published=PUB)
    assert ("TUR", "AZE") in dyads(result, "COOPERATE")


def test_wanting_to_attack_is_the_attack_hypothetical(coder) -> None:  # type: ignore[no-untyped-def]
    """An intention is a status of the act (issue 12); only a vow or a warning is a THREATEN."""
    result = coder.extract("Azerbaijan wants to attack Armenia.", published=PUB)
    assert ("AZE", "ARM") in dyads(result, "ASSAULT")
    assert all(e.status == "hypothetical" for e in find(result, "ASSAULT"))
    assert not find(result, "THREATEN")


@pytest.mark.parametrize("text", [
    "Kenya suspended the ceasefire agreement with Somalia.",  # the deal is what the act is about
    "Jordan will charge 40 from traders if they sell.",  # a price, not a charge
    "Ghana seeks to deepen trade with Togo.",  # seeking to do is no request
])
def test_not_separate_events(coder, text: str) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract(text, published=PUB)
    assert not find(result, "AGREE") and not find(result, "ACCUSE") and not find(result, "REQUEST"), \
        [(e.type, e.trigger) for e in result.events]


def test_the_leads_day_dates_the_headline_before_it(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("Chile thanked Peru for its help with the fisheries talks.\n\n"
            "The two governments signed the pact on Tuesday in Lima.")
    thanks = find(coder.extract(text, published=PUB), "SUPPORT")
    assert thanks and thanks[0].date == "2024-03-12"


def test_a_present_tense_headline_happens_on_publication_day(coder) -> None:  # type: ignore[no-untyped-def]
    result = coder.extract("Chile, Peru agree to end fishing dispute", published=PUB)
    agree = find(result, "AGREE")
    assert agree and agree[0].date == PUB and agree[0].date_precision == "day"


def test_a_deadline_is_not_the_date_of_the_act(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Opposition supporters in Dhaka demanded on Monday that the government hold elections by June 2025."
    demand = find(coder.extract(text, published=PUB), "REQUEST")
    assert demand and demand[0].date == "2024-03-11"


def test_a_threat_is_dated_when_it_is_made(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("Chad accused Sudan of arming rebels on Tuesday.\n\n"
            "Chad said it will strike Sudanese bases if the raids continue.")
    threats = find(coder.extract(text, published=PUB), "THREATEN")
    assert threats and threats[0].date == "2024-03-12"


def test_a_weekday_said_in_the_past_is_read_back(coder) -> None:  # type: ignore[no-untyped-def]
    text = "Tokyo said Tuesday that it would lift restrictions on exports to South Korea."
    lift = find(coder.extract(text, published=PUB), "CONCEDE")
    assert lift and lift[0].date == "2024-03-12"


def test_undated_news_takes_the_leads_day(coder) -> None:  # type: ignore[no-untyped-def]
    text = ("Chile and Peru signed a fisheries pact on Tuesday in Lima.\n\n"
            "The Chilean minister also thanked Peru for its help with the talks.")
    thanks = find(coder.extract(text, published=PUB), "SUPPORT")
    assert thanks and thanks[0].date == "2024-03-12"
    assert thanks[0].date_text is not None and thanks[0].date_text.startswith("story date")
