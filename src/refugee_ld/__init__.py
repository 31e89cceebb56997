"""refugee-ld: documents about refugee protection, statelessness and migration -> a validated RDF graph.

The pipeline stages are modules with one job each: loading, textview, sentences, dates, mentions, facts,
coref, mapping, validation, serialize; `pipeline` chains them and `cli` is a thin layer over it.
"""
__version__ = "0.1.0"
