"""Word lists the actor resolver reads: pronouns, role and place nouns, description heads.

Kept apart from the rules so a reviewer can read what each rule looks for in one place: the words,
and what each class is for, are data in ``data/word_classes.yaml``; here they are bound to the
names the rules import.
"""

from __future__ import annotations

from ..word_classes import word_classes

WORDS = word_classes("detente.actors")

MODIFIER_DEPS = WORDS["modifier_deps"]
FIRST_PERSON = WORDS["first_person"]
NAME_PARTICLES = WORDS["name_particles"]
BODY_HEADS = WORDS["body_heads"]
ORG_HEADS = WORDS["org_heads"]
LEADERS_CIRCLE = WORDS["leaders_circle"]
MANNER_NOUNS = WORDS["manner_nouns"]
AFFILIATION = WORDS["affiliation"]
HYPHEN_MARKERS = WORDS["hyphen_markers"]
PERSON_PRONOUNS = WORDS["person_pronouns"]
PLURAL_PRONOUNS = WORDS["plural_pronouns"]
THING_PRONOUNS = WORDS["thing_pronouns"]
PART_NOUNS = WORDS["part_nouns"]
ENTITY_LABELS = WORDS["entity_labels"]
PLACES = WORDS["places"]
NOT_FOCUS = WORDS["not_focus"]
COLLECTIVE_NOUNS = WORDS["collective_nouns"]
STATE_NOUNS = WORDS["state_nouns"]
DOMESTIC_RIVALS = WORDS["domestic_rivals"]
RIVALS = WORDS["rivals"]
NOTES = WORDS["notes"]
DOCUMENTS = WORDS["documents"]
REGIONS = WORDS["regions"]
SIDES = WORDS["sides"]
NOT_ACTORS = WORDS["not_actors"]
VEHICLES = WORDS["vehicles"]
UNITS = WORDS["units"]
DOMESTIC_SECTORS = WORDS["domestic_sectors"]
DOMESTIC_GOV = WORDS["domestic_gov"]
PERSON_TITLES = WORDS["person_titles"]
SIGNED_COMPACTS = WORDS["signed_compacts"]
