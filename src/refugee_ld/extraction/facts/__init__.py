"""Fact extraction: sentence-level rules over the mentions and dates of one document.

Each rule reads one pattern of the genre's language (a state acceding to a treaty, a law coming into force, a
meeting held somewhere, a person named with a title ...) over entity references, never over particular names.
The rules are registered units of the "facts" stage (`extraction.rules`): pure functions of the frozen `Doc`
whose results the runner threads to the rules that declare them in `after=`.  Importing this package registers
them; `extract_facts` runs the stage and gathers the records in a fixed order.

Modules: treaty, instruments (dates of instruments), posts and presidents, visits, events (details), roles with
organisers, participants and adoptions; common holds what several share (`DateClaim`, reference helpers).  The
recall_* modules (dates, treaty, posts, events) read further phrasings of the same facts and run after them.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ...records import (
    Entity,
    EventDetails,
    EventRole,
    Fact,
    InstrumentDate,
    PopulationFigure,
    PostHolding,
    TreatyAction,
)
from ..doc import Doc
from ..rules import run_stage
from .adoptions import apply_names

# isort: off
# Importing a rule module registers its rules; in reading order, which breaks ties in `rules.ordered("facts")`.
from . import treaty, instruments, posts, presidents, visits, events  # noqa: F401,E401
from . import adoptions, organisers, participants, roles, population  # noqa: F401,E401
from . import role_lists, role_phrases, outcomes  # noqa: F401,E401
from . import clause_roles  # noqa: F401,E401  (the clause reader's rules: register them)
from . import recall_dates, recall_treaty, recall_posts, recall_events, recall_sessions  # noqa: F401,E401
# isort: on
from .roles import DeclarationName

__all__ = ["FactResults", "apply_names", "extract_facts", "gather"]

_FACT_TYPES = (TreatyAction, InstrumentDate, EventDetails, EventRole, PopulationFigure, PostHolding)

# The recall rules (recall_*.py: further phrasings found on real statements) come after every core fact, each
# returning only what the core rules and the recall rules before it do not hold.
RECALL_ORDER = ("instrument_date.citation_year", "treaty.list_continuation", "treaty.obligations_under",
                "post.presided_session", "post.predecessor", "post.agency_official", "event.to_be_held",
                "organiser.host", "treaty.bilateral_signing", "treaty.in_force_in", "participant.participation_noun",
                "instrument_date.gerund", "event.name_year", "event.past_session",
                "treaty.signatory", "instrument_date.participle",  # treaty-pop: keep on their own line
                "instrument_date.agreement_signing",
                "instrument_date.relative_subject")  # ungdcrecall

# The order of the facts in an `Extraction`: treaty actions, instrument dates, event details, visits and
# meetings, roles, population figures, posts (the order the rules were first written in; output is sorted later,
# but a stable order keeps every list the pipeline prints stable too).
OUTPUT_ORDER = ("treaty.actions", "treaty.bilateral", "treaty.relative", "treaty.force_for_state",
                "treaty.deposited", "instrument.citation", "instrument.nominal", "instrument.nominal_by",
                "instrument.verb", "instrument.resolution_citation", "events.details", "visits", "roles",
                "population", "posts.titles", "posts.assembly_presidents") + RECALL_ORDER


@dataclass(frozen=True)
class FactResults:
    """What the fact stage adds to a document: new entities (visits, meetings), facts, and declaration names."""

    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    names: tuple[DeclarationName, ...]


def gather(results: Mapping[str, Sequence[Any]]) -> FactResults:
    """The records of a run of the stage, in output order (claims and candidates are the rules' own business)."""
    entities = tuple(e for name in ("visits", "event.past_session") for e in results[name] if isinstance(e, Entity))
    facts = tuple(f for name in OUTPUT_ORDER for f in results[name] if isinstance(f, _FACT_TYPES))
    names = tuple(n for n in results["roles.adopted"] if isinstance(n, DeclarationName))
    return FactResults(entities, facts, names)


def extract_facts(doc: Doc, timings: dict[str, float] | None = None) -> FactResults:
    """Run every fact rule in declared order on `doc` (with `timings`, add each rule's seconds to it)."""
    return gather(run_stage("facts", doc, timings))
