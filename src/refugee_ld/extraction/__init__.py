"""Analysed text -> Extraction: mentions of entities, facts with evidence, the @rule registry, cache, confidence, curation."""
