"""Mention detection: registry names and aliases, named entities found by pattern, persons and anaphora.

Works on the normalised view of one document and returns `Ref`s (view spans that denote an entity) plus the
entities it had to create.  Each step is a registered rule (`extraction.rules`) with a declared order; see
`detector` for the order and `model.EntityBook` for the one piece of shared state.  The names other modules
import are re-exported here.
"""
from __future__ import annotations

from .detector import MentionDetector, assemble
from .doc import SENTENCE_STAGE, STAGE, MentionDoc, SentenceDoc, mention_doc
from .model import DocMentions, EntityBook, Found, Ref, Token
from .registry_match import main_state, registry_refs, resolve_state
from .tokens import token_key, tokenize
from .vocab import MentionVocabulary, national_heads, vocabulary_for

NATIONAL_HEADS = national_heads()  # the English heads; the rules read them from their document's vocabulary

__all__ = ["MentionDetector", "DocMentions", "EntityBook", "Found", "Ref", "Token", "MentionDoc", "SentenceDoc",
           "STAGE", "SENTENCE_STAGE", "assemble", "main_state", "mention_doc", "ordinal_suffix", "registry_refs",
           "resolve_state", "token_key", "tokenize", "MentionVocabulary", "NATIONAL_HEADS", "national_heads",
           "vocabulary_for"]


def ordinal_suffix(number: int) -> str:
    """59 -> '59th', 22 -> '22nd', 11 -> '11th': the label form of an ordinal, however the text spelled it."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
