"""Links to Wikidata: the client with its cache and the reconciliation of extracted entities."""
