"""The dataset described for catalogues: DCAT Turtle and a schema.org Dataset node.
"""
from __future__ import annotations

from pathlib import Path

from ..rdf.formats import DUMP_FORMATS
from ..rdf.terms import DCTERMS, SCHEMA
from .jsonld import json_script
from .model import (
    Site,
)
from .paths import encode_segment

MEDIA_TYPES = {f.extension: f.media_type for f in DUMP_FORMATS}  # one table: rdf/formats.py


def dcat_turtle(site: Site, counts: dict[str, int]) -> str:
    """A DCAT description of the dataset: one dcat:Distribution per dump offered on the site."""
    from ..rdf.terms import escape

    base = site.base
    dates = sorted(o.value for s, k in site.kind.items() if k == "Document"
                   for o in site.g.objects(s, DCTERMS + "date"))
    license_iri = next((o.value for s in site.g.out for o in site.g.objects(s, DCTERMS + "license")),
                       "https://creativecommons.org/licenses/by/4.0/")
    lines = ["@prefix dcat: <http://www.w3.org/ns/dcat#> .", "@prefix dcterms: <http://purl.org/dc/terms/> .",
             "@prefix foaf: <http://xmlns.com/foaf/0.1/> .", "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
             "@prefix void: <http://rdfs.org/ns/void#> .", ""]
    dist_ids = [f"<{base}dataset/distribution/{encode_segment(name)}>" for name in sorted(site.data.dumps)]
    ds = [f"<{base}dataset> a dcat:Dataset, void:Dataset ;",
          '    dcterms:title "refugee-ld knowledge graph"@en ;',
          ('    dcterms:description "Facts about refugee protection, statelessness and migration (treaty actions, '
           'instrument dates, events, population figures, officials\' posts) extracted from '
           f'{counts.get("Document", 0)} documents, each with the quote it rests on."@en ;'),
          f"    dcterms:license <{license_iri}> ;",
          f"    dcterms:publisher <{base}publisher> ;",
          f"    void:uriSpace \"{escape(base)}\" ;",
          "    dcat:landingPage <index.html> ;"]
    if dates:
        ds.append(f"    dcterms:temporal [ a dcterms:PeriodOfTime ; dcat:startDate \"{escape(dates[0])}\" ; "
                  f"dcat:endDate \"{escape(dates[-1])}\" ] ;")
    if site.data.modified:
        ds.append(f'    dcterms:modified "{site.data.modified}"^^xsd:dateTime ;')
    if dist_ids:
        ds.append(f"    dcat:distribution {', '.join(dist_ids)} ;")
    ds[-1] = ds[-1][:-2] + " ."
    lines += ds + ["", f"<{base}publisher> a foaf:Agent ;", '    foaf:name "refugee-ld project"@en .', ""]
    for dist, name in zip(dist_ids, sorted(site.data.dumps)):
        media = MEDIA_TYPES.get(Path(name).suffix, "text/plain")
        lines += [f"{dist} a dcat:Distribution ;", f'    dcterms:title "{escape(name)}" ;',
                  f"    dcat:downloadURL <data/{encode_segment(Path(name).stem)}{Path(name).suffix}> ;",
                  f"    dcat:accessURL <data/{encode_segment(Path(name).stem)}{Path(name).suffix}> ;",
                  f'    dcat:mediaType <https://www.iana.org/assignments/media-types/{media}> ;',
                  f"    dcterms:license <{license_iri}> ;",
                  f'    dcat:byteSize "{site.data.dumps[name]}"^^xsd:nonNegativeInteger .', ""]
    return "\n".join(lines)


def dataset_jsonld(site: Site, counts: dict[str, int]) -> str:
    node = {"@context": {"@vocab": SCHEMA}, "@id": site.base + "dataset", "@type": "Dataset",
            "name": "refugee-ld knowledge graph",
            "description": "Facts about refugee protection, statelessness and migration extracted from "
                           f"{counts.get('Document', 0)} documents, each with the quote it rests on.",
            "license": next((o.value for s in site.g.out for o in site.g.objects(s, DCTERMS + "license")),
                            "https://creativecommons.org/licenses/by/4.0/"),
            "distribution": [{"@type": "DataDownload", "name": name,
                              "encodingFormat": MEDIA_TYPES.get(Path(name).suffix, "text/plain"),
                              "contentUrl": f"data/{encode_segment(Path(name).stem)}{Path(name).suffix}"}
                             for name in sorted(site.data.dumps)]}
    return json_script(node)
