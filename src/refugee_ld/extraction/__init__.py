"""Analysed text -> Extraction: entity mentions, facts with evidence, the @rule registry, cache, confidence
and curation."""
