"""Word lists the actor resolver reads: pronouns, role and place nouns, description heads.

Kept apart from the rules so a reviewer can read what each rule looks for in one place.
"""

from __future__ import annotations

MODIFIER_DEPS = {"det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "case", "predet", "npadvmod"}
FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}
AFFILIATION = {"close", "loyal", "linked", "allied", "tied", "connected", "affiliated", "aligned", "belong",
                "belonging", "sympathetic", "friendly"}
# (not "based": "a UK-based monitor" reports from the UK; it does not act for it)
HYPHEN_MARKERS = {"led", "backed", "sponsored", "supported", "allied", "aligned", "funded", "armed",
                   "controlled", "run", "owned", "brokered", "mediated", "installed", "trained"}
PERSON_PRONOUNS = {"he", "him", "his", "himself", "she", "her", "hers", "herself"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves", "theirs"}
THING_PRONOUNS = {"it", "its", "itself"}
PART_NOUNS = {"employee", "member", "representative", "official", "head", "chief", "leader", "part", "number",
               "group", "delegation", "unit", "some", "many", "one", "most", "all", "dozen", "hundred", "thousand",
               "staff", "supporter", "ally", "agent", "spokesman", "spokeswoman", "spokesperson", "envoy",
               "ambassador", "minister", "president", "government", "army", "director", "commander", "delegate",
               "negotiator", "mediator", "soldier", "troop", "force", "diplomat", "representatives"}
ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PLACES = {"village", "town", "city", "area", "region", "district", "province", "hospital", "school", "building",
           "camp", "home", "house", "neighbourhood", "neighborhood", "territory", "position", "base", "port",
           "infrastructure", "settlement", "township", "market", "mosque", "church", "border", "capital"}
NOT_FOCUS = {"WST", "IGO", "NGO", "MNC", "EUR", "AFR", "ASA", "MEA", "LAM", "NAM"}
COLLECTIVE_NOUNS = {"bloc", "alliance", "organization", "organisation", "union", "body", "league", "council", "board",
                     "assembly", "agency", "commission", "mission", "group", "grouping", "community"}
STATE_NOUNS = {"country", "nation", "state", "kingdom", "republic", "neighbour", "neighbor", "ally"}
DOMESTIC_RIVALS = {"paramilitary", "rebel", "armed", "domestic", "political", "internal", "militia", "insurgent"}
RIVALS = {"rival", "enemy", "foe", "opponent", "adversary"}
NOTES = {"protest", "note", "complaint", "letter", "statement", "memorandum"}
DOCUMENTS = {"resolution", "measure", "motion", "text", "declaration", "communique", "communiqué"}
REGIONS = {"AFR", "EUR", "ASA", "MEA", "LAM", "NAM"}
SIDES = {"side", "country", "nation", "party", "neighbour", "neighbor", "government", "state", "capital", "president",
         "leader", "minister", "premier", "delegation", "army", "military"}
NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
VEHICLES = {"aircraft", "plane", "jet", "warplane", "helicopter", "drone", "ship", "vessel", "boat", "tank",
             "carrier", "vehicle", "car", "truck", "convoy", "checkpoint", "station", "outpost", "patrol",
             "warship", "submarine", "artillery", "unit", "official", "spokesman", "spokeswoman", "source"}
UNITS = {"troop", "soldier", "force", "jet", "warplane", "fighter", "drone", "missile", "navy", "fleet", "vessel"}
DOMESTIC_SECTORS = {"CVL", "COP", "OPP", "JUD", "LEG", "PTY", "JRN"}
DOMESTIC_GOV = {"government", "authority", "authorities", "regime", "administration", "police", "ministry",
                 "president", "junta", "cabinet", "parliament", "army", "military", "court"}
