"""Publishing a built dataset: the static site, the SPARQL server and pushes to triple stores."""
