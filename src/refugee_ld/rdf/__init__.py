"""Records -> RDF: terms and the IRI policy, mapping to quads, writers and readers, SHACL validation, the store."""
