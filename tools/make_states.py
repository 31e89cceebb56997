"""Regenerate data/registry/states.json from ISO 3166-1 (via pycountry) plus curated names.

A maintenance tool, not part of the build: the committed JSON is the source of truth, this script
only documents where it came from.  Run with `pip install pycountry` in a development venv.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

# The 193 UN member states (alpha-3), then the two observer states.
UN_MEMBERS = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY
SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ
IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT
MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL
PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN
SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE""".split()
OBSERVERS = ["VAT", "PSE"]

# Canonical English short names where ISO's sorted form ("Korea, Republic of") is not how texts say it.
COMMON_NAME = {
    "BOL": "Bolivia", "BRN": "Brunei", "CIV": "Côte d'Ivoire", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "FSM": "Micronesia", "IRN": "Iran", "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea", "LAO": "Laos", "MDA": "Moldova", "PSE": "State of Palestine",
    "RUS": "Russia", "SYR": "Syria", "TZA": "Tanzania", "TUR": "Turkey", "USA": "United States",
    "VAT": "Holy See", "VEN": "Venezuela", "VNM": "Viet Nam", "GBR": "United Kingdom", "CZE": "Czechia",
}
EXTRA_ALIASES = {
    "TUR": ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
    "RUS": ["Russian Federation", "the Russian Federation"],
    "IRN": ["Iran (Islamic Republic of)", "Islamic Republic of Iran"],
    "KGZ": ["Kyrgyz Republic", "Kirghizia", "Kyrgyzia"],
    "KAZ": ["Republic of Kazakhstan", "Qazaqstan"],
    "CHN": ["People's Republic of China", "PRC"],
    "USA": ["United States of America", "USA", "U.S.", "US"],
    "GBR": ["UK", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "KOR": ["South Korea", "Korea, Republic of"], "PRK": ["North Korea", "DPRK"],
    "MDA": ["Republic of Moldova"], "SYR": ["Syrian Arab Republic"], "VNM": ["Vietnam"],
    "CZE": ["Czech Republic"], "MKD": ["Macedonia", "Republic of North Macedonia"], "SWZ": ["Swaziland"],
    "CPV": ["Cape Verde"], "CIV": ["Ivory Coast"], "MMR": ["Burma"], "TLS": ["East Timor"],
    "VAT": ["Vatican"], "COD": ["DR Congo", "Congo-Kinshasa"], "COG": ["Congo-Brazzaville"], "PSE": ["Palestine", "State of Palestine"], "TJK": ["Republic of Tajikistan"],
    "UZB": ["Republic of Uzbekistan"], "TKM": ["Republic of Turkmenistan"], "AZE": ["Republic of Azerbaijan"],
    "BLR": ["Republic of Belarus"], "AFG": ["Islamic Republic of Afghanistan"],
    "PAK": ["Islamic Republic of Pakistan"], "GEO": ["Republic of Georgia"], "ARM": ["Republic of Armenia"],
}
# Adjectives let "Kazakh Government" or "Kyrgyz MFA" resolve to the state; they are never mentions alone.
ADJECTIVES = {
    "KAZ": ["Kazakh", "Kazakhstani"], "KGZ": ["Kyrgyz"], "TJK": ["Tajik"], "TKM": ["Turkmen"],
    "UZB": ["Uzbek"], "AFG": ["Afghan"], "IRN": ["Iranian"], "PAK": ["Pakistani"], "TUR": ["Turkish"],
    "AZE": ["Azerbaijani"], "RUS": ["Russian"], "CHN": ["Chinese"], "BLR": ["Belarusian"],
    "MNG": ["Mongolian"], "ARM": ["Armenian"], "GEO": ["Georgian"], "UKR": ["Ukrainian"],
    "MDA": ["Moldovan"], "IND": ["Indian"], "DEU": ["German"], "FRA": ["French"], "ITA": ["Italian"],
    "USA": ["American"], "GBR": ["British"], "JPN": ["Japanese"], "CHE": ["Swiss"], "SYR": ["Syrian"],
    "IRQ": ["Iraqi"], "NOR": ["Norwegian"], "SWE": ["Swedish"], "POL": ["Polish"], "ESP": ["Spanish"],
}


def state_record(alpha3: str, observer: bool) -> dict:
    country = pycountry.countries.get(alpha_3=alpha3)
    name = COMMON_NAME.get(alpha3) or getattr(country, "common_name", None) or country.name
    aliases = {country.name, getattr(country, "official_name", None) or country.name, *EXTRA_ALIASES.get(alpha3, [])}
    aliases.discard(name)
    aliases = sorted(a for a in aliases if "," not in a or alpha3 in EXTRA_ALIASES)
    record = {"name": name, "type": "State", "iso3166_alpha2": country.alpha_2, "iso3166_alpha3": alpha3,
              "aliases": aliases, "adjectives": ADJECTIVES.get(alpha3, [])}
    if observer:
        record["un_status"] = "observer"
    else:
        record["un_status"] = "member"
    return record


def main(out: Path) -> None:
    states = [state_record(code, False) for code in UN_MEMBERS] + [state_record(code, True) for code in OBSERVERS]
    states.append({"name": "Soviet Union", "type": "State", "iso3166_alpha3": "SUN", "un_status": "former",
                   "aliases": ["USSR", "Union of Soviet Socialist Republics", "former Soviet Union"],
                   "adjectives": ["Soviet"]})
    states.sort(key=lambda s: s["name"])
    out.write_text(json.dumps(states, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(states)} states written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "data/registry/states.json"))
