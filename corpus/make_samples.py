"""Generate the project's own sample corpus (fictional Dutch Kamerstukken) into corpus/samples/.

Run as `.venv/bin/python corpus/make_samples.py`. Everything here is written for this project, in the
style of the real documents in ../shared/corpus, and none of it is copied from them. Document numbers
(2099D..., dossier 39999, zaak 2099Z...) are fictional so nothing collides with real Kamerstukken;
the running text uses realistic near-future dates (2026-2028) so time expressions are realistic.

Outputs (all reproducible byte for byte):

- 2099D00001-voortgangsbrief-zorgakkoord.txt    tkconv page of a government letter (Brief regering)
- 2099D00002-bijlage-voortgang-per-thema.txt    tkconv page of its bijlage (progress per cluster)
- zorgakkoord-wijkzorg-2026.docx-export.txt     the agreement (onderhandelaarsakkoord), docx-export text
- zorgakkoord-wijkzorg-2026.docx                the same agreement as a real Word file (python-docx)
- zorgakkoord-wijkzorg-2026.pdf                 the same agreement as a typeset PDF (reportlab)
- zorgakkoord-wijkzorg-2026-definitief.txt      the later, definitive version (docx-export text)
- ../../tests/gold/zorgakkoord-wijkzorg-2026.gold.json   gold annotations for the docx-export text

Planted changes between the onderhandelaarsakkoord and the definitief version (`PLANTED_CHANGES`,
importable by tests; the diff must report exactly these for the agreements):

1. agreement 2 "Triage door de wijkverpleegkundige": deadline moved, tijdpad "Q1 2026" -> "Q2 2026".
2. agreement 5 "Digitale verpleegkundige overdracht": actor added, the Landelijke Huisartsen
   Vereniging (LHV) joins "in afstemming met" (role involved).
3. agreement 6 "Wijkverpleging en sociaal domein in samenhang": actor removed, "met betrokkenheid
   van de zorgkantoren" is dropped (role involved).
4. agreement 1 "Eén aanmeldpunt wijkverpleging per regio": amount changed, "€ 40 mln" -> "€ 45 mln".
5. agreement 7 "Zorgtechnologie in de wijkverpleging": added (new section 2.5).
6. agreement 4: title reworded, "Minder administratietijd in de wijk" -> "Minder regeldruk in de
   wijkverpleging".

Outside the agreements the definitief version also changes (`OTHER_CHANGES`): Tabel 1 row 1 follows
the amount change, the date line, the Leeswijzer and the section list mention the new section, and the
closing sentence says the akkoord is signed. `NOISE_CHANGES` lists layout-only differences (other
bookmark ids, "Zorgthuisnl" spelled "ZorgthuisNL", a double space in a box title, extra blank lines)
that a diff must NOT report. `LETTER_DRIFTS` lists where the progress letter and its bijlage state a
different date than the onderhandelaarsakkoord.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples"
GOLD_FILE = HERE.parent / "tests" / "gold" / "zorgakkoord-wijkzorg-2026.gold.json"

LETTER_FILE = "2099D00001-voortgangsbrief-zorgakkoord.txt"
BIJLAGE_FILE = "2099D00002-bijlage-voortgang-per-thema.txt"
EXPORT_FILE = "zorgakkoord-wijkzorg-2026.docx-export.txt"
DOCX_FILE = "zorgakkoord-wijkzorg-2026.docx"
PDF_FILE = "zorgakkoord-wijkzorg-2026.pdf"
FINAL_FILE = "zorgakkoord-wijkzorg-2026-definitief.txt"

# The tkconv metadata of the letter and its bijlage, as the brief for these samples fixed them. The date
# is fictional (2099) like the numbers; the running text therefore avoids year-less time expressions,
# which a reader would resolve against this date.
LETTER_NUMMER = "2099D00001"
BIJLAGE_NUMMER = "2099D00002"
LETTER_DATE = "2026-03-25"
LETTER_UPDATED = "2026-03-26 09:00"

# Fixed timestamps make the .docx reproducible (core properties and zip member dates).
DOCX_TIMESTAMP = datetime(2026, 3, 12, 9, 0, 0)
ZIP_DATE_TIME = (2026, 3, 12, 9, 0, 0)

PLANTED_CHANGES: list[dict[str, Any]] = [
    {
        "agreement": "2",
        "title": "Triage door de wijkverpleegkundige",
        "kind": "deadline_moved",
        "field": "tijdpad",
        "old": "Q1 2026",
        "new": "Q2 2026",
        "note": "V&VN start de actualisatie van het normenkader; interval 2026-01-01..2026-03-31 -> "
        "2026-04-01..2026-06-30 (one quarter later)",
    },
    {
        "agreement": "5",
        "title": "Digitale verpleegkundige overdracht",
        "kind": "actor_added",
        "field": "involved",
        "old": None,
        "new": "Landelijke Huisartsen Vereniging",
        "note": "'in afstemming met V&VN, de NVZ en de Landelijke Huisartsen Vereniging (LHV)'",
    },
    {
        "agreement": "6",
        "title": "Wijkverpleging en sociaal domein in samenhang",
        "kind": "actor_removed",
        "field": "involved",
        "old": "zorgkantoren",
        "new": None,
        "note": "', met betrokkenheid van de zorgkantoren' dropped from the first 'Wie gaat wat doen' bullet",
    },
    {
        "agreement": "1",
        "title": "Eén aanmeldpunt wijkverpleging per regio",
        "kind": "amount_changed",
        "field": "amount",
        "old": "€ 40 mln",
        "new": "€ 45 mln",
        "note": "VWS budget for the opstart of the aanmeldpunten in 2026 en 2027",
    },
    {
        "agreement": "7",
        "title": "Zorgtechnologie in de wijkverpleging",
        "kind": "agreement_added",
        "field": "agreement",
        "old": None,
        "new": "7: Zorgtechnologie in de wijkverpleging",
        "note": "new section 2.5 Zorgtechnologie",
    },
    {
        "agreement": "4",
        "title": "Minder administratietijd in de wijk",
        "kind": "title_reworded",
        "field": "title",
        "old": "Minder administratietijd in de wijk",
        "new": "Minder regeldruk in de wijkverpleging",
        "note": "content of the agreement unchanged",
    },
]

# Content changes outside the agreements (a diff may report them as document-level changes).
OTHER_CHANGES: list[dict[str, Any]] = [
    {"where": "Tabel 1, row 1", "kind": "amount_changed", "old": "€ 20 mln | € 20 mln | – | € 40 mln",
     "new": "€ 22,5 mln | € 22,5 mln | – | € 45 mln", "note": "table row, not an agreement; totals follow"},
    {"where": "title block", "kind": "metadata", "old": "Onderhandelaarsakkoord, 12 maart 2026",
     "new": "Definitief akkoord, 14 april 2026"},
    {"where": "Leeswijzer", "kind": "text", "old": "vier thema’s", "new": "vijf thema’s"},
    {"where": "2. section list", "kind": "text", "old": None, "new": "· 2.5 Zorgtechnologie"},
    {"where": "4. closing sentence", "kind": "text",
     "old": "Dit onderhandelaarsakkoord wordt ter instemming voorgelegd aan de achterbannen van: ...",
     "new": "Dit akkoord is ondertekend door: ..."},
]  # fmt: skip

# Layout and spelling noise between the two versions: a diff must report none of these.
NOISE_CHANGES: list[dict[str, Any]] = [
    {"kind": "bookmark_ids", "note": "every [bookmark: _Toc...] id differs between the versions"},
    {"kind": "alias_spelling", "old": "Zorgthuisnl", "new": "ZorgthuisNL",
     "note": "same organisation; must not count as actor removed plus actor added"},
    {"kind": "whitespace", "old": "\t3: Regionale opleidingsplannen wijkzorg",
     "new": "\t3:  Regionale opleidingsplannen wijkzorg", "note": "double space after the number"},
    {"kind": "blank_lines", "note": "more empty lines after the agreement blocks"},
]  # fmt: skip

# Where the progress letter (2099D00001) or its bijlage (2099D00002) state another date than the
# onderhandelaarsakkoord of 12 maart 2026. Everything else they say about the agreements agrees with it.
LETTER_DRIFTS: list[dict[str, Any]] = [
    {"agreement": "5", "document": BIJLAGE_NUMMER, "section": "Cluster 3 Gegevensuitwisseling",
     "kind": "deadline_moved", "agreement_value": "Q2 2026", "progress_value": "derde kwartaal van 2026",
     "quote": "De uitvoering van deze afspraak loopt vertraging op; de oplevering schuift naar het derde "
     "kwartaal van 2026."},
    {"agreement": "1", "document": BIJLAGE_NUMMER, "section": "Cluster 1 Toegang",
     "kind": "deadline_moved", "agreement_value": "Uiterlijk eind 2027", "progress_value": "medio 2028",
     "quote": "beschikken naar verwachting medio 2028 alle regio’s over een aanmeldpunt"},
    {"agreement": "6", "document": BIJLAGE_NUMMER, "section": "Cluster 4 Samenwerking in de wijk",
     "kind": "deadline_moved", "agreement_value": "Uiterlijk 1 juli 2027",
     "progress_value": "Uiterlijk 1 januari 2028",
     "quote": "Uiterlijk 1 januari 2028 hebben alle regio’s een convenant gesloten."},
    {"agreement": "3", "document": BIJLAGE_NUMMER, "section": "Cluster 2 Personeel",
     "kind": "deadline_narrowed", "agreement_value": "eind 2026 of begin 2027", "progress_value": "eind 2026",
     "quote": "Het format is naar verwachting eind 2026 beschikbaar.",
     "note": "within the agreed interval: not a delay"},
]  # fmt: skip


# ---------------------------------------------------------------------------------------------------
# Organisations: canonical names as in ../shared/gold/hlo-2025-onderhandelaarsakkoord.gold.json where
# the organisation is the same; the surfaces used in this sample map to them.
# ---------------------------------------------------------------------------------------------------

VWS = "Ministerie van Volksgezondheid, Welzijn en Sport"
ZN = "Zorgverzekeraars Nederland"
NZA = "Nederlandse Zorgautoriteit"
ZIN = "Zorginstituut Nederland"
VNG = "Vereniging Nederlandse Gemeenten"
VVN = "Verpleegkundigen & Verzorgenden Nederland"
PFN = "Patiëntenfederatie Nederland"
LHV = "Landelijke Huisartsen Vereniging"
NVZ = "Nederlandse Vereniging van Ziekenhuizen"
SWN = "Sociaal Werk Nederland"
ECD = "ECD- en EPD-leveranciers"

REGISTRY: dict[str, dict[str, Any]] = {
    "ActiZ": {"type": "organisation", "aliases": ["ActiZ", "Actiz"]},
    ECD: {"type": "role_group", "aliases": ["ECD- en EPD-leveranciers", "ECD-leveranciers"]},
    LHV: {"type": "organisation", "aliases": ["LHV", "Landelijke Huisartsen Vereniging",
                                              "Landelijke Huisartsen Vereniging (LHV)"]},
    VWS: {"type": "government", "aliases": ["VWS", "ministerie van VWS",
                                            "ministerie van Volksgezondheid, Welzijn en Sport"]},
    NVZ: {"type": "organisation", "aliases": ["NVZ", "Nederlandse Vereniging van Ziekenhuizen",
                                              "Nederlandse Vereniging van Ziekenhuizen (NVZ)"]},
    NZA: {"type": "government_agency", "aliases": ["NZa", "NZA", "Nederlandse Zorgautoriteit"]},
    PFN: {"type": "organisation", "aliases": ["PFN", "Patiëntenfederatie Nederland", "Patiëntenfederatie"]},
    SWN: {"type": "organisation", "aliases": ["SWN", "Sociaal Werk Nederland"]},
    VNG: {"type": "organisation", "aliases": ["VNG", "Vereniging Nederlandse Gemeenten",
                                              "Vereniging van Nederlandse Gemeenten"]},
    VVN: {"type": "organisation", "aliases": ["V&VN", "Verpleegkundigen & Verzorgenden Nederland"]},
    "Vilans": {"type": "organisation", "aliases": ["Vilans"]},
    ZIN: {"type": "government_agency", "aliases": ["Zorginstituut", "Zorginstituut Nederland", "ZIN"]},
    "Zorgthuisnl": {"type": "organisation", "aliases": ["Zorgthuisnl", "ZorgthuisNL"]},
    ZN: {"type": "organisation", "aliases": ["ZN", "Zorgverzekeraars Nederland"]},
    "gemeenten": {"type": "role_group", "aliases": ["gemeenten", "Gemeenten"]},
    "onderwijsinstellingen": {"type": "role_group", "aliases": ["onderwijsinstellingen",
                                                                "mbo- en hbo-instellingen"]},
    "ziekenhuizen": {"type": "role_group", "aliases": ["ziekenhuizen", "Ziekenhuizen"]},
    "zorgaanbieders": {"type": "role_group", "aliases": ["zorgaanbieders", "Zorgaanbieders"]},
    "zorgkantoren": {"type": "role_group", "aliases": ["zorgkantoren", "Zorgkantoren", "zorgkantoor"]},
    "zorgverzekeraars": {"type": "role_group", "aliases": ["zorgverzekeraars", "Zorgverzekeraars"]},
}  # fmt: skip

CANONICAL: dict[str, str] = {alias: name for name, entry in REGISTRY.items() for alias in entry["aliases"]}


# ---------------------------------------------------------------------------------------------------
# Document model: the agreement is written once as data and rendered three ways. Text may carry
# inline marks: {fn:key} a footnote reference, {del:...} and {ins:...} a tracked deletion/insertion
# (only the .docx keeps them as revisions; every rendering shows the accepted text).
# ---------------------------------------------------------------------------------------------------


@dataclass
class Mention:
    surface: str
    role: str  # actor | involved | other
    in_footnote: bool = False

    @property
    def canonical(self) -> str:
        return CANONICAL[self.surface]


@dataclass
class Deadline:
    surface: str
    start: str | None
    end: str | None
    what: str
    type: str = "date"  # date | duration | relative | recurring
    modifier: str | None = None  # before | after | approx
    actor: list[str] = field(default_factory=list)
    actor_inferred: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass
class OtherTime:
    surface: str
    kind: str
    note: str | None = None


@dataclass
class Line:
    """One paragraph or list item, with the annotations a human annotator gave it."""

    text: str
    kind: str = "p"  # p | bullet | number
    mentions: list[Mention] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    others: list[OtherTime] = field(default_factory=list)


@dataclass
class Heading:
    level: int  # 1 chapter, 2 section, 3 unnumbered sub-heading
    text: str
    number: str | None = None
    toc: str | None = None
    extra_bookmark: str | None = None


@dataclass
class Title:
    lines: list[str]


@dataclass
class Paragraphs:
    lines: list[Line]


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    notes: list[str]


@dataclass
class Agreement:
    key: str
    number: str | None
    title: str
    what: str
    afspraak: list[Line]
    wie: list[Line]
    tijdpad: list[Line]
    clusters: list[str]
    intro: list[Line] = field(default_factory=list)  # unnumbered blocks: paragraphs after the title
    question_labels: bool = False  # "Wat is de afspraak?" variant of the part labels
    title_spacing: str = " "


Block = Title | Heading | Paragraphs | Table | Agreement


@dataclass
class Footnote:
    text: str
    mentions: list[Mention] = field(default_factory=list)


FOOTNOTES: dict[str, Footnote] = {
    "monitor": Footnote(
        "Nederlandse Zorgautoriteit, Monitor toegankelijkheid van de wijkverpleging, december 2025."
    ),
    "azwa": Footnote("Kamerstukken 39 999 nr. 3."),
    "visser": Footnote("Kamerstuk 39 999, nr. 5."),
    "regio": Footnote(
        "Onder een regio wordt in dit akkoord het werkgebied van een zorgkantoor verstaan.",
        [Mention("zorgkantoor", "other", in_footnote=True)],
    ),
    "lasten": Footnote("Bron: onderzoek naar de administratietijd in de wijkverpleging, 2025."),
}

# Part labels of the agreement blocks, as they appear in the text.
LABELS = {"afspraak": "Wat is de afspraak", "wie": "Wie gaat wat doen", "tijdpad": "Wat is het tijdpad"}
PARTS = ("afspraak", "wie", "tijdpad")


def p(text: str, *items: Mention | Deadline | OtherTime, kind: str = "p") -> Line:
    line = Line(text, kind)
    for item in items:
        if isinstance(item, Mention):
            line.mentions.append(item)
        elif isinstance(item, Deadline):
            line.deadlines.append(item)
        else:
            line.others.append(item)
    return line


def b(text: str, *items: Mention | Deadline | OtherTime) -> Line:
    return p(text, *items, kind="bullet")


def n(text: str) -> Line:
    return p(text, kind="number")


def act(surface: str) -> Mention:
    return Mention(surface, "actor")


def inv(surface: str) -> Mention:
    return Mention(surface, "involved")


def oth(surface: str) -> Mention:
    return Mention(surface, "other")


def agreement_document(final: bool) -> list[Block]:
    """The Zorgakkoord Wijkzorg: the onderhandelaarsakkoord, or (final=True) the definitief version."""
    thuisnl = "ZorgthuisNL" if final else "Zorgthuisnl"  # noise: spelling variant only
    toc = _toc_ids(final)
    blocks: list[Block] = [
        Title(
            [
                "Zorgakkoord Wijkzorg",
                "Samen voor goede zorg dichtbij",
                "Definitief akkoord, 14 april 2026" if final else "Onderhandelaarsakkoord, 12 maart 2026",
            ]
        ),
        Heading(1, "Inleiding", "1.", toc["h1"]),
        Paragraphs(
            [
                p(
                    "De wijkverpleging is de spil van de zorg thuis. Wijkverpleegkundigen en verzorgenden "
                    "helpen dagelijks ruim 600.000 mensen om zo lang mogelijk zelfstandig thuis te blijven "
                    "wonen: na een ziekenhuisopname, bij een chronische aandoening of in de laatste "
                    "levensfase. Tegelijkertijd neemt de vraag naar zorg in de wijk snel toe, terwijl het "
                    "aantal wijkverpleegkundigen en verzorgenden niet in hetzelfde tempo meegroeit. "
                    "Cliënten, mantelzorgers, huisartsen en ziekenhuizen merken steeds vaker dat het lastig "
                    "is om op tijd wijkverpleging te vinden.{fn:monitor}"
                ),
                p(
                    f"Met dit Zorgakkoord Wijkzorg maken ActiZ, {thuisnl}, Verpleegkundigen & Verzorgenden "
                    "Nederland (V&VN), Zorgverzekeraars Nederland (ZN), de Vereniging Nederlandse Gemeenten "
                    "(VNG), Patiëntenfederatie Nederland en het ministerie van Volksgezondheid, Welzijn en "
                    "Sport (VWS) afspraken voor de periode 2026-2028. De Nederlandse Zorgautoriteit (NZa) en "
                    "Zorginstituut Nederland hebben vanuit hun eigen rol bijgedragen aan de totstandkoming "
                    "van dit akkoord."
                ),
                p(
                    "Het akkoord bouwt voort op het Integraal Zorgakkoord (IZA) en het Aanvullend Zorg- en "
                    "Welzijnsakkoord (AZWA).{fn:azwa} Waar het AZWA zorgbrede afspraken bevat over de "
                    "sociale basis, regionale samenwerking en gegevensuitwisseling, richt dit akkoord zich "
                    "specifiek op de wijkverpleging en op de samenwerking tussen wijkverpleging, "
                    "huisartsenzorg en het sociaal domein. De afspraken uit het AZWA komen daarom niet "
                    "opnieuw in dit akkoord terug."
                ),
                p(
                    "De Tweede Kamer heeft met de motie van het lid Visser{fn:visser} gevraagd om de toegang "
                    "tot de wijkverpleging te verbeteren en de administratieve lasten voor "
                    "wijkverpleegkundigen terug te dringen. Dit akkoord geeft daar invulling aan. Veel "
                    "organisaties in de wijk zijn al met deze beweging bezig; wij willen hun ervaringen "
                    "benutten en opschalen wat werkt."
                ),
            ]
        ),
        Heading(3, "Transitiedoelen"),
        Paragraphs(
            [
                p(
                    "Partijen onderschrijven de transitiedoelen van het AZWA. Voor de wijkzorg vertalen we "
                    "deze in twee doelen:"
                ),
                n(
                    "Het verwachte tekort aan wijkverpleegkundigen en verzorgenden is in 2028 ten minste "
                    "4.000 fte lager dan bij ongewijzigd beleid."
                ),
                n(
                    "Iedere cliënt die wijkverpleging nodig heeft, spreekt binnen vijf werkdagen na "
                    "aanmelding een wijkverpleegkundige."
                ),
            ]
        ),
        Heading(3, "Samenhang met andere trajecten"),
        Paragraphs(
            [
                p(
                    "Bij de uitvoering van dit akkoord bewaken partijen de samenhang met de Wet "
                    "maatschappelijke ondersteuning 2015 (Wmo 2015), het programma Thuis in de Wijk 2030 en "
                    "de afspraken over de eerstelijnszorg. Afspraken die de Wet langdurige zorg (Wlz) "
                    "raken, worden afgestemd met de zorgkantoren. De uitvoering van de afspraken in dit "
                    "akkoord mag door andere trajecten geen vertraging oplopen."
                ),
                p(
                    "De samenwerking in de wijk vraagt ook iets van de organisaties zelf: van "
                    "zorgaanbieders die hun aanmeldprocedures op elkaar afstemmen, van zorgverzekeraars en "
                    "gemeenten die over de grenzen van hun eigen wet heen kijken, en van professionals die "
                    "de ruimte krijgen om samen met de cliënt te bepalen welke zorg passend is."
                ),
            ]
        ),
        Heading(3, "Leeswijzer"),
        Paragraphs(
            [
                p(
                    "Hoofdstuk 2 bevat de afspraken voor de periode 2026-2028, geordend in "
                    + ("vijf" if final else "vier")
                    + " thema’s. Elke afspraak beschrijft wat is afgesproken, wie wat gaat doen en wat het "
                    "tijdpad is. Hoofdstuk 3 bevat de financiële afspraken. Hoofdstuk 4 beschrijft de "
                    "monitoring en de governance van het akkoord."
                )
            ]
        ),
        Heading(1, "Afspraken voor de periode 2026-2028", "2.", toc["h2"]),
        Paragraphs(
            [
                p(
                    "De afspraken in dit hoofdstuk dragen bij aan beide transitiedoelen. Indien een afspraak "
                    "leidt tot aanpassing van wet- en regelgeving of van de bekostiging, is inwerkingtreding "
                    "op zijn vroegst per 1 januari 2028 mogelijk. Per afspraak worden de benodigde stappen, "
                    "waaronder uitvoeringstoetsen door de NZa en het Zorginstituut, in de uitwerking "
                    "opgenomen."
                ),
                p("De afspraken omvatten:"),
                b("2.1 Toegang tot de wijkverpleging"),
                b("2.2 Behoud en opleiding van personeel"),
                b("2.3 Gegevensuitwisseling"),
                b("2.4 Samenwerking met het sociaal domein"),
                *([b("2.5 Zorgtechnologie")] if final else []),
            ]
        ),
        Heading(2, "Toegang", "2.1", toc["s1"]),
        Paragraphs(
            [
                p(
                    "Cliënten en verwijzers weten niet altijd waar zij terechtkunnen voor wijkverpleging. "
                    "Zorgaanbieders werken met eigen aanmeldprocedures en wachtlijsten, waardoor een cliënt "
                    "soms bij meerdere aanbieders moet aankloppen. Tegelijkertijd kan een deel van de zorg "
                    "die nu door wijkverpleegkundigen wordt geleverd, ook door het netwerk van de cliënt, "
                    "met zorgtechnologie of vanuit de Wmo worden geboden."
                )
            ]
        ),
        Agreement(
            key="ZWW-1",
            number="1",
            title="Eén aanmeldpunt wijkverpleging per regio",
            what="In iedere regio komt één aanmeldpunt voor wijkverpleging dat 24/7 bereikbaar is en binnen "
            "24 uur contact opneemt met de cliënt; zorgaanbieders verdelen de aanmeldingen op basis van "
            "beschikbare capaciteit. ZN en ActiZ ontwikkelen een landelijk model, zorgverzekeraars en "
            "zorgaanbieders regelen inrichting en financiering per regio en VWS financiert de opstart.",
            clusters=["cluster-1"],
            afspraak=[
                p(
                    "In iedere regio komt één aanmeldpunt waar cliënten, mantelzorgers, huisartsen en "
                    "ziekenhuizen terechtkunnen met een aanvraag voor wijkverpleging. Het aanmeldpunt is "
                    "24/7 bereikbaar en neemt {del:binnen 48 uur}{ins:binnen 24 uur} contact op met de "
                    "cliënt. Zorgaanbieders in de regio verdelen de aanmeldingen onderling op basis van de "
                    "beschikbare capaciteit.",
                    oth("ziekenhuizen"),
                    act("Zorgaanbieders"),
                    Deadline(
                        "binnen 24 uur",
                        None,
                        None,
                        "aanmeldpunt neemt contact op met de cliënt na een aanvraag",
                        type="duration",
                        modifier="before",
                        note="anchored at each aanvraag; in the .docx a tracked change replaces "
                        "'binnen 48 uur' (deleted) by 'binnen 24 uur' (inserted)",
                    ),
                    OtherTime("24/7", "not_a_date", "bereikbaarheid: 24 uur per dag, 7 dagen per week"),
                )
            ],
            wie=[
                b(
                    f"ZN en ActiZ ontwikkelen, in afstemming met {thuisnl} en V&VN, een landelijk model voor "
                    "het regionale aanmeldpunt.",
                    act("ZN"),
                    act("ActiZ"),
                    inv(thuisnl),
                    inv("V&VN"),
                ),
                b(
                    "Zorgverzekeraars en zorgaanbieders maken per regio afspraken over de inrichting en "
                    "financiering van het aanmeldpunt, met betrokkenheid van gemeenten en zorgkantoren.",
                    act("Zorgverzekeraars"),
                    act("zorgaanbieders"),
                    inv("gemeenten"),
                    inv("zorgkantoren"),
                ),
                b(
                    "VWS stelt voor de opstart van de aanmeldpunten in 2026 en 2027 in totaal "
                    + ("€ 45 mln" if final else "€ 40 mln")
                    + " beschikbaar.",
                    act("VWS"),
                    Deadline(
                        "2026 en 2027",
                        "2026-01-01",
                        "2027-12-31",
                        "VWS stelt in totaal € 40 mln beschikbaar voor de opstart van de aanmeldpunten",
                        actor=[VWS],
                    ),
                ),
                b(
                    "Patiëntenfederatie Nederland toetst het landelijk model op vindbaarheid en "
                    "bereikbaarheid voor cliënten.",
                    act("Patiëntenfederatie Nederland"),
                ),
            ],
            tijdpad=[
                b(
                    "Q2 2026: het landelijk model is gereed.",
                    Deadline(
                        "Q2 2026",
                        "2026-04-01",
                        "2026-06-30",
                        "landelijk model voor het regionale aanmeldpunt gereed",
                        actor_inferred=[ZN, "ActiZ"],
                    ),
                ),
                b(
                    "Eind 2026: in ten minste tien regio’s is een aanmeldpunt operationeel.",
                    Deadline(
                        "Eind 2026",
                        "2026-10-01",
                        "2026-12-31",
                        "in ten minste tien regio’s is een aanmeldpunt operationeel",
                        actor_inferred=["zorgverzekeraars", "zorgaanbieders"],
                    ),
                ),
                b(
                    "Uiterlijk eind 2027 heeft iedere regio een aanmeldpunt.",
                    Deadline(
                        "Uiterlijk eind 2027",
                        "2027-10-01",
                        "2027-12-31",
                        "iedere regio heeft een aanmeldpunt",
                        modifier="before",
                        actor_inferred=["zorgverzekeraars", "zorgaanbieders"],
                    ),
                ),
            ],
        ),
        Agreement(
            key="ZWW-2",
            number="2",
            title="Triage door de wijkverpleegkundige",
            what="De wijkverpleegkundige beoordeelt bij iedere aanmelding welke zorg nodig is en of die ook "
            "door het netwerk, met zorgtechnologie of vanuit de Wmo kan worden geboden; V&VN actualiseert "
            "het Normenkader indicatiestelling wijkverpleging, het Zorginstituut verduidelijkt de aanspraak "
            "en de NZa past de prestatie voor indicatiestelling aan.",
            clusters=["cluster-1"],
            afspraak=[
                p(
                    "De wijkverpleegkundige beoordeelt bij iedere aanmelding welke zorg nodig is en of die "
                    "zorg ook door het netwerk van de cliënt, met zorgtechnologie of vanuit de Wmo kan "
                    "worden geboden. Daartoe wordt het Normenkader indicatiestelling wijkverpleging "
                    "geactualiseerd en wordt de prestatie voor indicatiestelling aangepast."
                )
            ],
            wie=[
                b(
                    "V&VN actualiseert, met betrokkenheid van Patiëntenfederatie Nederland en ZN, het "
                    "Normenkader indicatiestelling wijkverpleging.",
                    act("V&VN"),
                    inv("Patiëntenfederatie Nederland"),
                    inv("ZN"),
                ),
                b(
                    "Het Zorginstituut verduidelijkt, in afstemming met V&VN, welke zorg onder de aanspraak "
                    "wijkverpleging valt en welke ondersteuning voorliggend is vanuit de Wmo 2015.",
                    act("Zorginstituut"),
                    inv("V&VN"),
                    OtherTime("Wmo 2015", "name", "wetsnaam, geen datum"),
                ),
                b(
                    "De NZa past op verzoek van VWS de prestatiebeschrijving voor indicatiestelling aan.",
                    act("NZa"),
                    act("VWS"),
                ),
            ],
            tijdpad=[
                b(
                    ("Q2 2026" if final else "Q1 2026") + ": V&VN start de actualisatie van het normenkader.",
                    act("V&VN"),
                    Deadline(
                        "Q1 2026",
                        "2026-01-01",
                        "2026-03-31",
                        "V&VN start de actualisatie van het normenkader",
                        actor=[VVN],
                    ),
                ),
                b(
                    "Najaar van 2026: het geactualiseerde normenkader is vastgesteld.",
                    Deadline(
                        "Najaar van 2026",
                        "2026-09-01",
                        "2026-11-30",
                        "geactualiseerd Normenkader indicatiestelling wijkverpleging vastgesteld",
                        actor_inferred=[VVN],
                    ),
                ),
                b(
                    "Per 1 januari 2028 geldt de aangepaste prestatiebeschrijving.",
                    Deadline(
                        "Per 1 januari 2028",
                        "2028-01-01",
                        "2028-01-01",
                        "aangepaste prestatiebeschrijving voor indicatiestelling geldt",
                        modifier="after",
                        actor_inferred=[NZA],
                    ),
                ),
            ],
        ),
        Heading(2, "Personeel", "2.2", toc["s2"]),
        Paragraphs(
            [
                p(
                    "Het tekort aan wijkverpleegkundigen en verzorgenden is de grootste bedreiging voor de "
                    "toegankelijkheid van de zorg thuis. Partijen zetten in op opleiden, zij-instroom en "
                    "behoud van ervaren medewerkers, en op het verminderen van de tijd die aan administratie "
                    "wordt besteed. Wijkverpleegkundigen besteden nu gemiddeld ruim een kwart van hun "
                    "werktijd aan administratie.{fn:lasten}"
                )
            ]
        ),
        Agreement(
            key="ZWW-3",
            number="3",
            title="Regionale opleidingsplannen wijkzorg",
            title_spacing="  " if final else " ",  # noise: double space in the definitief version
            what="In iedere regio stellen zorgaanbieders samen met het beroepsonderwijs een opleidingsplan "
            "op gericht op zij-instroom, opleiden van verzorgenden tot wijkverpleegkundige en behoud van "
            "ervaren medewerkers; ActiZ en Zorgthuisnl leveren een format, V&VN een loopbaanpad en VWS stelt "
            "het Stagefonds open voor zij-instromers.",
            clusters=["cluster-2"],
            afspraak=[
                p(
                    "In iedere regio stellen zorgaanbieders in de wijkzorg samen met het beroepsonderwijs "
                    "een opleidingsplan op dat aansluit op de verwachte zorgvraag. De plannen richten zich "
                    "op zij-instroom, op het opleiden van verzorgenden tot wijkverpleegkundige en op het "
                    "behoud van ervaren medewerkers.",
                    act("zorgaanbieders"),
                )
            ],
            wie=[
                b(
                    f"ActiZ en {thuisnl} stellen, in overleg met de onderwijsinstellingen, een format voor de "
                    "regionale opleidingsplannen op.",
                    act("ActiZ"),
                    act(thuisnl),
                    inv("onderwijsinstellingen"),
                ),
                b(
                    "Zorgaanbieders stellen per regio een opleidingsplan op en stemmen dit af met de mbo- en "
                    "hbo-instellingen in de regio.",
                    act("Zorgaanbieders"),
                    inv("mbo- en hbo-instellingen"),
                ),
                b(
                    "V&VN ontwikkelt een loopbaanpad voor verzorgenden die willen doorgroeien naar "
                    "wijkverpleegkundige.",
                    act("V&VN"),
                ),
                b(
                    "VWS stelt de subsidieregeling Stagefonds open voor zij-instromers in de wijkverpleging.",
                    act("VWS"),
                ),
            ],
            tijdpad=[
                b(
                    "Het format is eind 2026 of begin 2027 beschikbaar.",
                    Deadline(
                        "eind 2026 of begin 2027",
                        "2026-10-01",
                        "2027-03-31",
                        "format voor de regionale opleidingsplannen beschikbaar",
                        actor_inferred=["ActiZ", "Zorgthuisnl"],
                    ),
                ),
                b(
                    "Uiterlijk half 2027{fn:regio} heeft iedere regio een opleidingsplan.",
                    Deadline(
                        "Uiterlijk half 2027",
                        "2027-05-01",
                        "2027-08-31",
                        "iedere regio heeft een opleidingsplan",
                        modifier="before",
                        actor_inferred=["zorgaanbieders"],
                        note="footnote reference glued to the year (PDF text reads 'half 20274')",
                    ),
                ),
                b(
                    "Het loopbaanpad is in het tweede kwartaal van 2027 gereed.",
                    Deadline(
                        "tweede kwartaal van 2027",
                        "2027-04-01",
                        "2027-06-30",
                        "loopbaanpad voor verzorgenden gereed",
                        actor_inferred=[VVN],
                    ),
                ),
                b(
                    "De openstelling van het Stagefonds voor zij-instromers geldt per 1 september 2027.",
                    Deadline(
                        "per 1 september 2027",
                        "2027-09-01",
                        "2027-09-01",
                        "Stagefonds opengesteld voor zij-instromers in de wijkverpleging",
                        modifier="after",
                        actor_inferred=[VWS],
                    ),
                ),
            ],
        ),
        Agreement(
            key="ZWW-4",
            number="4",
            title="Minder regeldruk in de wijkverpleging" if final else "Minder administratietijd in de wijk",
            what="De administratietijd van wijkverpleegkundigen en verzorgenden gaat naar maximaal 20% van de "
            "werktijd in 2028: ActiZ en V&VN inventariseren overbodige registraties, ZN zorgt voor uniforme "
            "verantwoordingseisen van zorgverzekeraars, zorgaanbieders schrappen niet-verplichte "
            "registraties en VWS toetst nieuwe regelgeving op administratieve lasten.",
            clusters=["cluster-2"],
            afspraak=[
                p(
                    "Partijen verminderen de administratietijd van wijkverpleegkundigen en verzorgenden tot "
                    "maximaal 20% van de werktijd in 2028. Zorgverzekeraars uniformeren hun eisen aan "
                    "verantwoording en declaratie; zorgaanbieders schrappen overbodige interne registraties.",
                    act("Zorgverzekeraars"),
                    act("zorgaanbieders"),
                    Deadline(
                        "2028",
                        "2028-01-01",
                        "2028-12-31",
                        "administratietijd teruggebracht tot maximaal 20% van de werktijd",
                        note="'in 2028'; subject 'Partijen' is generic",
                    ),
                )
            ],
            wie=[
                b(
                    "ActiZ en V&VN inventariseren welke registraties in de wijkverpleging als overbodig "
                    "worden ervaren.",
                    act("ActiZ"),
                    act("V&VN"),
                ),
                b(
                    "ZN zorgt ervoor dat alle zorgverzekeraars vanaf het contractjaar 2027 dezelfde "
                    "verantwoordingseisen hanteren.",
                    act("ZN"),
                    act("zorgverzekeraars"),
                    Deadline(
                        "vanaf het contractjaar 2027",
                        "2027-01-01",
                        "2027-12-31",
                        "alle zorgverzekeraars hanteren dezelfde verantwoordingseisen",
                        modifier="after",
                        actor=[ZN, "zorgverzekeraars"],
                    ),
                ),
                b(
                    "Zorgaanbieders schrappen registraties die niet wettelijk verplicht zijn en niet "
                    "bijdragen aan goede zorg. Zij kunnen hierbij worden ondersteund door Vilans.",
                    act("Zorgaanbieders"),
                    act("Vilans"),
                ),
                b("VWS toetst nieuwe regelgeving voor de wijkzorg op administratieve lasten.", act("VWS")),
            ],
            tijdpad=[
                b(
                    "Q1 2026: de inventarisatie is gereed.",
                    Deadline(
                        "Q1 2026",
                        "2026-01-01",
                        "2026-03-31",
                        "inventarisatie van overbodige registraties gereed",
                        actor_inferred=["ActiZ", VVN],
                    ),
                ),
                b(
                    "Vanaf 1 januari 2027 gelden uniforme verantwoordingseisen.",
                    Deadline(
                        "Vanaf 1 januari 2027",
                        "2027-01-01",
                        "2027-01-01",
                        "uniforme verantwoordingseisen van zorgverzekeraars gelden",
                        modifier="after",
                        actor_inferred=[ZN, "zorgverzekeraars"],
                    ),
                ),
                b(
                    "In 2028 bedraagt de administratietijd maximaal 20% van de werktijd.",
                    Deadline(
                        "2028",
                        "2028-01-01",
                        "2028-12-31",
                        "administratietijd bedraagt maximaal 20% van de werktijd",
                    ),
                ),
            ],
        ),
        Heading(2, "Gegevensuitwisseling", "2.3", toc["s3"]),
        Paragraphs(
            [
                p(
                    "Bij ontslag uit het ziekenhuis en bij verwijzing door de huisarts gaat nog te vaak "
                    "informatie verloren. Wijkverpleegkundigen vragen gegevens opnieuw uit of ontvangen een "
                    "overdracht per telefoon. Tegelijkertijd vragen zorgverzekeraars, toezichthouders en "
                    "onderzoekers zorgaanbieders elk om eigen gegevens. Betere gegevensuitwisseling "
                    "bespaart tijd en voorkomt fouten."
                )
            ]
        ),
        Agreement(
            key="ZWW-5",
            number="5",
            title="Digitale verpleegkundige overdracht",
            what="Bij ontslag uit het ziekenhuis en bij verwijzing door de huisarts wordt de verpleegkundige "
            "overdracht digitaal volgens één landelijke standaard verstuurd; VWS en ZN stellen de standaard "
            "vast, zorgaanbieders, ziekenhuizen en ECD-leveranciers passen hun systemen aan en "
            "zorgverzekeraars nemen het gebruik op in hun inkoopbeleid.",
            clusters=["cluster-3"],
            afspraak=[
                p(
                    "Bij ontslag uit het ziekenhuis en bij verwijzing door de huisarts wordt de "
                    "verpleegkundige overdracht digitaal en volgens één landelijke standaard verstuurd. "
                    "Dubbele uitvraag bij de cliënt wordt voorkomen."
                )
            ],
            wie=[
                b(
                    "VWS en ZN stellen, in afstemming met V&VN"
                    + (
                        ", de Nederlandse Vereniging van Ziekenhuizen (NVZ) en de Landelijke Huisartsen "
                        "Vereniging (LHV), "
                        if final
                        else " en de Nederlandse Vereniging van Ziekenhuizen (NVZ), "
                    )
                    + "de landelijke standaard voor de digitale verpleegkundige overdracht vast.",
                    act("VWS"),
                    act("ZN"),
                    inv("V&VN"),
                    inv("Nederlandse Vereniging van Ziekenhuizen (NVZ)"),
                ),
                b(
                    "Zorgaanbieders en ziekenhuizen zorgen ervoor dat hun systemen de standaard "
                    "ondersteunen; ECD-leveranciers passen hun systemen daarop aan.",
                    act("Zorgaanbieders"),
                    act("ziekenhuizen"),
                    act("ECD-leveranciers"),
                ),
                b(
                    "Zorgverzekeraars nemen het gebruik van de standaard op in hun inkoopbeleid.",
                    act("Zorgverzekeraars"),
                ),
            ],
            tijdpad=[
                b(
                    "Q2 2026: de standaard is vastgesteld.",
                    Deadline(
                        "Q2 2026",
                        "2026-04-01",
                        "2026-06-30",
                        "landelijke standaard voor de digitale verpleegkundige overdracht vastgesteld",
                        actor_inferred=[VWS, ZN],
                    ),
                ),
                b(
                    "In 2027 ondersteunen alle ECD’s in de wijkverpleging en in ziekenhuizen de standaard.",
                    oth("ziekenhuizen"),
                    Deadline(
                        "2027",
                        "2027-01-01",
                        "2027-12-31",
                        "alle ECD’s in de wijkverpleging en in ziekenhuizen ondersteunen de standaard",
                        actor_inferred=["zorgaanbieders", "ziekenhuizen", ECD],
                    ),
                ),
            ],
        ),
        Agreement(
            key="ZWW-gegevensset",
            number=None,
            title="Gegevensset wijkverpleging",
            question_labels=True,
            what="Er komt één gegevensset wijkverpleging voor inkoop, toezicht en monitoring, beheerd door "
            "het Zorginstituut; zorgaanbieders leveren eens per kwartaal aan en de NZa en zorgverzekeraars "
            "beëindigen hun eigen uitvragen voor zover de gegevensset daarin voorziet.",
            clusters=["cluster-3"],
            intro=[
                p(
                    "Zorgverzekeraars, de NZa en het Zorginstituut vragen zorgaanbieders in de wijk nu elk "
                    "om eigen gegevens over cliënten, inzet en uitkomsten. Dat leidt tot dubbel werk en tot "
                    "gegevens die onderling niet vergelijkbaar zijn."
                )
            ],
            afspraak=[
                p(
                    "Er komt één gegevensset wijkverpleging voor inkoop, toezicht en monitoring. Gegevens "
                    "worden eenmalig vastgelegd en meervoudig gebruikt."
                )
            ],
            wie=[
                b(
                    f"Het Zorginstituut beheert de gegevensset en stelt deze vast in overleg met ActiZ, "
                    f"{thuisnl}, ZN en de NZa.",
                    act("Zorginstituut"),
                    inv("ActiZ"),
                    inv(thuisnl),
                    inv("ZN"),
                    inv("NZa"),
                ),
                b(
                    "Zorgaanbieders leveren de gegevens één keer per kwartaal aan.",
                    act("Zorgaanbieders"),
                    Deadline(
                        "één keer per kwartaal",
                        None,
                        None,
                        "zorgaanbieders leveren de gegevens voor de gegevensset aan",
                        type="recurring",
                        actor=["zorgaanbieders"],
                    ),
                ),
                b(
                    "De NZa en de zorgverzekeraars beëindigen hun eigen uitvragen voor zover de gegevensset "
                    "daarin voorziet.",
                    act("NZa"),
                    act("zorgverzekeraars"),
                ),
            ],
            tijdpad=[
                p(
                    "In 2026 wordt de gegevensset ontwikkeld. Vanaf 2027 leveren zorgaanbieders de gegevens "
                    "aan. Uiterlijk eind 2028 zijn alle losse uitvragen beëindigd.",
                    act("zorgaanbieders"),
                    Deadline(
                        "2026",
                        "2026-01-01",
                        "2026-12-31",
                        "gegevensset wijkverpleging ontwikkeld",
                        actor_inferred=[ZIN],
                    ),
                    Deadline(
                        "Vanaf 2027",
                        "2027-01-01",
                        "2027-12-31",
                        "zorgaanbieders leveren de gegevens aan",
                        modifier="after",
                        actor=["zorgaanbieders"],
                    ),
                    Deadline(
                        "Uiterlijk eind 2028",
                        "2028-10-01",
                        "2028-12-31",
                        "alle losse uitvragen beëindigd",
                        modifier="before",
                        actor_inferred=[NZA, "zorgverzekeraars"],
                    ),
                )
            ],
        ),
        Heading(2, "Samenwerking in de wijk", "2.4", toc["s4"]),
        Paragraphs(
            [
                p(
                    "Wijkverpleegkundigen, huisartsen en sociaal werkers zien vaak dezelfde cliënten, maar "
                    "werken nog te veel langs elkaar heen. Een goede samenwerking voorkomt dat cliënten van "
                    "het kastje naar de muur worden gestuurd en maakt het mogelijk om tijdig preventief in "
                    "te grijpen."
                )
            ]
        ),
        Agreement(
            key="ZWW-6",
            number="6",
            title="Wijkverpleging en sociaal domein in samenhang",
            what="Wijkverpleegkundigen, huisartsen en sociaal werkers stemmen hun inzet af in een vast "
            "wijkoverleg; gemeenten en zorgverzekeraars sluiten per regio een convenant over samenwerking "
            "en gezamenlijke financiering van preventieve inzet, op basis van een landelijk "
            "samenwerkingskader van VNG en ZN.",
            clusters=["cluster-4"],
            afspraak=[
                p(
                    "Wijkverpleegkundigen, huisartsen en sociaal werkers stemmen in iedere wijk hun inzet af "
                    "in een vast wijkoverleg. Gemeenten en zorgverzekeraars maken afspraken over de "
                    "gezamenlijke financiering van preventieve inzet in de wijk.",
                    act("Gemeenten"),
                    act("zorgverzekeraars"),
                )
            ],
            wie=[
                b(
                    "Gemeenten en zorgverzekeraars sluiten per regio een convenant over de samenwerking "
                    "tussen wijkverpleging en Wmo"
                    + ("." if final else ", met betrokkenheid van de zorgkantoren."),
                    act("Gemeenten"),
                    act("zorgverzekeraars"),
                    inv("zorgkantoren"),
                ),
                b(
                    "De VNG en ZN stellen, in samenspraak met ActiZ en Sociaal Werk Nederland, een landelijk "
                    "samenwerkingskader op.",
                    act("VNG"),
                    act("ZN"),
                    inv("ActiZ"),
                    inv("Sociaal Werk Nederland"),
                ),
                b(
                    "Zorgverzekeraars nemen de afspraken op in hun inkoopbeleid voor 2027.",
                    act("Zorgverzekeraars"),
                    Deadline(
                        "2027",
                        "2027-01-01",
                        "2027-12-31",
                        "zorgverzekeraars nemen de afspraken op in hun inkoopbeleid",
                        actor=["zorgverzekeraars"],
                        note="'voor 2027' = for contract year 2027 (not a before-modifier); the "
                        "inkoopbeleid itself is published in 2026",
                    ),
                ),
            ],
            tijdpad=[
                b(
                    "Het samenwerkingskader is in april 2026 gereed.",
                    Deadline(
                        "april 2026",
                        "2026-04-01",
                        "2026-04-30",
                        "landelijk samenwerkingskader wijkverpleging en sociaal domein gereed",
                        actor_inferred=[VNG, ZN],
                    ),
                ),
                b(
                    "Uiterlijk 1 juli 2027 hebben alle regio’s een convenant gesloten.",
                    Deadline(
                        "Uiterlijk 1 juli 2027",
                        "2027-07-01",
                        "2027-07-01",
                        "alle regio’s hebben een convenant gesloten",
                        modifier="before",
                        actor_inferred=["gemeenten", "zorgverzekeraars"],
                    ),
                ),
            ],
        ),
    ]
    if final:
        blocks += [
            Heading(2, "Zorgtechnologie", "2.5", toc["s5"]),
            Paragraphs(
                [
                    p(
                        "Zorgtechnologie kan wijkverpleegkundigen ontlasten en cliënten helpen zelfstandig te "
                        "blijven. De inzet ervan blijft echter vaak beperkt tot pilots, omdat de bekostiging "
                        "per zorgverzekeraar verschilt."
                    )
                ]
            ),
            Agreement(
                key="ZWW-7",
                number="7",
                title="Zorgtechnologie in de wijkverpleging",
                what="Bewezen zorgtechnologie wordt standaard aangeboden waar passend; ZN en ActiZ stellen een "
                "landelijke lijst van bewezen toepassingen op, zorgverzekeraars vergoeden die en de NZa "
                "onderzoekt de ruimte in de prestaties.",
                clusters=[],
                afspraak=[
                    p(
                        "Bewezen zorgtechnologie, zoals de medicijndispenser en beeldschermzorg, wordt "
                        "standaard aangeboden wanneer deze passend is voor de cliënt."
                    )
                ],
                wie=[
                    b(
                        "ZN en ActiZ stellen, met betrokkenheid van Patiëntenfederatie Nederland, een "
                        "landelijke lijst van bewezen toepassingen op."
                    ),
                    b(
                        "Zorgverzekeraars vergoeden de toepassingen op deze lijst via de reguliere bekostiging."
                    ),
                    b(
                        "De NZa onderzoekt of de prestaties wijkverpleging ruimte bieden voor de inzet van technologie."
                    ),
                ],
                tijdpad=[
                    b("Eind 2026: de landelijke lijst is vastgesteld."),
                    b("Per 1 januari 2027 worden de toepassingen vergoed."),
                ],
            ),
        ]
    row1 = ["1", "Opstart regionale aanmeldpunten"] + (
        ["€ 22,5 mln", "€ 22,5 mln", "–", "€ 45 mln"] if final else ["€ 20 mln", "€ 20 mln", "–", "€ 40 mln"]
    )
    total = ["", "Totaal"] + (
        ["€ 32,5 mln", "€ 36,5 mln", "€ 11 mln", "€ 80 mln"]
        if final
        else ["€ 30 mln", "€ 34 mln", "€ 11 mln", "€ 75 mln"]
    )
    blocks += [
        Heading(1, "Financiën", "3.", toc["h3"], extra_bookmark=toc["h3b"]),
        Paragraphs(
            [
                p(
                    "Voor de uitvoering van dit akkoord zijn incidentele middelen beschikbaar op de begroting "
                    "van VWS. Tabel 1 geeft een overzicht. De bedragen zijn onder voorbehoud van de "
                    "besluitvorming over de begroting; structurele bekostiging loopt via de reguliere "
                    "kaders van de Zorgverzekeringswet en de Wmo 2015."
                )
            ]
        ),
        Table(
            caption="Tabel 1: Financiële afspraken Zorgakkoord Wijkzorg",
            header=["Nr.", "Onderdeel", "2026", "2027", "2028", "Totaal"],
            rows=[
                row1,
                ["2", "Stagefonds zij-instromers wijkverpleging", "€ 5 mln", "€ 10 mln", "€ 10 mln", "€ 25 mln"],
                ["3", "Standaard digitale overdracht", "€ 3 mln", "€ 2 mln", "–", "€ 5 mln"],
                ["4", "Gegevensset wijkverpleging", "€ 2 mln", "€ 2 mln", "€ 1 mln", "€ 5 mln"],
                total,
            ],
            notes=[
                "Ad 1: De middelen voor de opstart van de regionale aanmeldpunten worden via een "
                "subsidieregeling aan de regio’s verstrekt.",
                "Ad 2: Het Stagefonds wordt voor de duur van het akkoord verhoogd voor zij-instromers.",
                "Ad 3 en 4: De middelen worden verstrekt aan het Zorginstituut en aan de partijen die de "
                "standaard ontwikkelen.",
            ],
        ),
        Heading(1, "Monitoring en governance", "4.", toc["h4"]),
        Paragraphs(
            [
                p(
                    "VWS houdt een monitor bij van de voortgang van de afspraken. De NZa levert hiervoor "
                    "jaarlijks cijfers over wachttijden en productie in de wijkverpleging. Waar mogelijk "
                    "wordt aangesloten bij bestaande registraties, zodat de monitoring geen extra "
                    "administratieve lasten oplevert."
                ),
                p(
                    "Vier keer per jaar vindt een bestuurlijk overleg plaats met alle partijen bij dit "
                    "akkoord. De voortgang wordt twee keer per jaar aan de Tweede Kamer gerapporteerd, voor "
                    "het eerst in het najaar van 2026. Als de uitvoering achterblijft bij de afspraken, "
                    "bespreken partijen in het bestuurlijk overleg welke bijsturing nodig is."
                ),
                p(
                    ("Dit akkoord is ondertekend door: " if final
                     else "Dit onderhandelaarsakkoord wordt ter instemming voorgelegd aan de achterbannen van: ")
                    + f"ActiZ, Patiëntenfederatie Nederland, Verpleegkundigen & Verzorgenden Nederland, "
                    f"Vereniging Nederlandse Gemeenten, {thuisnl} en Zorgverzekeraars Nederland. Namens het "
                    "kabinet tekent de minister van Volksgezondheid, Welzijn en Sport."
                ),
            ]
        ),
    ]  # fmt: skip
    return blocks


def _toc_ids(final: bool) -> dict[str, str]:
    """Word bookmark ids: they differ between the two versions (layout noise for the diff)."""
    base = 194410201 if not final else 196027733
    names = ["h1", "h2", "s1", "s2", "s3", "s4", "s5", "h3", "h3b", "h4"]
    return {name: f"_Toc{base + 3 * i}" for i, name in enumerate(names)}


# ---------------------------------------------------------------------------------------------------
# Inline marks and footnote numbering
# ---------------------------------------------------------------------------------------------------

MARK = re.compile(r"\{(fn|del|ins):([^{}]*)\}")


def segments(text: str) -> Iterator[tuple[str, str]]:
    """Split text into ("text"|"fn"|"del"|"ins", value) pieces."""
    pos = 0
    for m in MARK.finditer(text):
        if m.start() > pos:
            yield "text", text[pos : m.start()]
        yield m.group(1), m.group(2)
        pos = m.end()
    if pos < len(text):
        yield "text", text[pos:]


def accepted(text: str) -> str:
    """The text with tracked changes accepted (deletions dropped, insertions kept), footnote marks kept."""
    return MARK.sub(lambda m: {"fn": m.group(0), "del": "", "ins": m.group(2)}[m.group(1)], text)


def footnote_keys(text: str) -> list[str]:
    return [value for kind, value in segments(text) if kind == "fn"]


def block_lines(block: Block) -> list[Line]:
    if isinstance(block, Paragraphs):
        return block.lines
    if isinstance(block, Agreement):
        return block.intro + block.afspraak + block.wie + block.tijdpad
    return []


def footnote_numbers(blocks: list[Block]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for block in blocks:
        for line in block_lines(block):
            for key in footnote_keys(line.text):
                numbers.setdefault(key, len(numbers) + 1)
    return numbers


# ---------------------------------------------------------------------------------------------------
# Rendering 1: text exported from .docx ("[footnoteRef:N]", "[bookmark: ...]", tab-led box titles)
# ---------------------------------------------------------------------------------------------------


@dataclass
class ExportIndex:
    """Where things landed in the exported text (1-based line numbers), for the gold annotations."""

    lines: dict[int, int] = field(default_factory=dict)  # id(Line) -> line number
    agreements: dict[str, dict[str, Any]] = field(default_factory=dict)
    period_line: int | None = None
    motie_line: int | None = None


def export_line(text: str, numbers: dict[str, int]) -> str:
    out: list[str] = []
    notes: list[str] = []
    for kind, value in segments(accepted(text)):
        if kind == "fn":
            out.append(f"[footnoteRef:{numbers[value]}]")
            notes.append(f"[{numbers[value]}:  {FOOTNOTES[value].text}]")
        else:
            out.append(value)
    line = "".join(out)
    if notes:
        line += " " + "  ".join(notes) + " "
    return line


def render_export(blocks: list[Block], *, final: bool = False) -> tuple[str, ExportIndex]:
    numbers = footnote_numbers(blocks)
    out: list[str] = []
    index = ExportIndex()
    section: tuple[str, int] | None = None
    tail_blanks = 5 if final else 3  # noise: the definitief version has more empty lines

    def emit(s: str) -> int:
        out.append(s)
        return len(out)

    def emit_lines(lines: list[Line], blank_after_paragraph: bool) -> None:
        counter = 0
        for i, line in enumerate(lines):
            text = export_line(line.text, numbers)
            if line.kind == "bullet":
                text = "· " + text
            elif line.kind == "number":
                counter += 1
                text = f"{counter}. " + text
            index.lines[id(line)] = emit(text)
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            # A blank line follows a paragraph or list that is followed by a paragraph (or nothing);
            # a paragraph that introduces a list runs straight into it, as in the real exports.
            if blank_after_paragraph and (nxt is None or nxt.kind == "p"):
                emit("")

    for block in blocks:
        if isinstance(block, Title):
            for s in block.lines:
                emit(s)
            emit("")
            emit("")
        elif isinstance(block, Heading):
            if block.level == 1:
                if out and out[-1] != "":
                    emit("")
                emit("")
                marks = f"[bookmark: {block.toc}]" + (
                    f"[bookmark: {block.extra_bookmark}]" if block.extra_bookmark else ""
                )
                emit(f"{block.number} {marks}{block.text}" + (" " if block.extra_bookmark else ""))
                emit("")
            elif block.level == 2:
                line_no = emit(f"[bookmark: {block.toc}]{block.number} {block.text}")
                section = (f"{block.number} {block.text}", line_no)
                emit("")
            else:
                emit(block.text)
        elif isinstance(block, Paragraphs):
            emit_lines(block.lines, blank_after_paragraph=True)
        elif isinstance(block, Agreement):
            info: dict[str, Any] = {"section": section, "parts": {}}
            if block.number is not None:
                info["line"] = emit(f"\t{block.number}:{block.title_spacing}{block.title}")
                emit("")
                emit("\t")
            else:
                info["line"] = emit(block.title)
                emit_lines(block.intro, blank_after_paragraph=False)
            for part in PARTS:
                label = LABELS[part] + ("? " if block.question_labels else ": ")
                if block.question_labels and part == "afspraak":
                    label = " " + label
                info["parts"][part] = emit(label)
                emit_lines(getattr(block, part), blank_after_paragraph=False)
                info["last"] = len(out)
                if part != "tijdpad":
                    emit("")
            for _ in range(tail_blanks):
                emit("")
            index.agreements[block.key] = info
        elif isinstance(block, Table):
            emit(block.caption)
            emit("")
            for cell in block.header:
                emit(cell)
            for row in block.rows:
                emit(f"{row[0]}  " if row[0] else "")
                emit(row[1])
                for cell in row[2:]:
                    emit(cell)
                    emit("     ")
                    emit(" ")
            emit("")
            emit("Toelichting tabel 1:")
            for note in block.notes:
                emit(note)
                emit("")
    for block in blocks:
        for line in block_lines(block):
            if "2026-2028" in line.text and index.period_line is None:
                index.period_line = index.lines[id(line)]
            if "motie van het lid" in line.text:
                index.motie_line = index.lines[id(line)]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n", index


# ---------------------------------------------------------------------------------------------------
# Rendering 2: a real .docx (python-docx plus a hand-made footnotes part)
# ---------------------------------------------------------------------------------------------------

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REVISION_AUTHOR = "Secretariaat Zorgakkoord Wijkzorg"
REVISION_DATE = "2026-03-11T16:00:00Z"
DOCX_HEADER = "Zorgakkoord Wijkzorg – concept"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _text_run(text: str, deleted: bool = False) -> Any:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


def _footnote_ref_run(number: int) -> Any:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(_w("val"), "FootnoteReference")
    rpr.append(style)
    r.append(rpr)
    ref = OxmlElement("w:footnoteReference")
    ref.set(_w("id"), str(number))
    r.append(ref)
    return r


class DocxWriter:
    def __init__(self, blocks: list[Block]) -> None:
        import docx

        self.blocks = blocks
        self.numbers = footnote_numbers(blocks)
        self.doc = docx.Document()
        self.revision_id = 100
        self.bookmark_id = 0

    def _fill(self, paragraph: Any, text: str) -> None:
        """Append the runs of `text` (footnote references, tracked changes) to a python-docx paragraph."""
        from docx.oxml import OxmlElement

        for kind, value in segments(text):
            if kind == "text":
                paragraph.add_run(value)
            elif kind == "fn":
                paragraph._p.append(_footnote_ref_run(self.numbers[value]))
            else:
                self.revision_id += 1
                change = OxmlElement("w:ins" if kind == "ins" else "w:del")
                change.set(_w("id"), str(self.revision_id))
                change.set(_w("author"), REVISION_AUTHOR)
                change.set(_w("date"), REVISION_DATE)
                change.append(_text_run(value, deleted=kind == "del"))
                paragraph._p.append(change)

    def _bookmark(self, paragraph: Any, name: str) -> None:
        from docx.oxml import OxmlElement

        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(_w("id"), str(self.bookmark_id))
        start.set(_w("name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(_w("id"), str(self.bookmark_id))
        ppr = paragraph._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)

    def _styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.shared import Pt, RGBColor

        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Verdana"
        normal.font.size = Pt(9)
        box = styles.add_style("Kadertitel", WD_STYLE_TYPE.PARAGRAPH)
        box.base_style = normal
        box.font.bold = True
        box.font.size = Pt(10.5)
        box.font.color.rgb = RGBColor(0x15, 0x42, 0x73)
        box.paragraph_format.keep_with_next = True
        box.paragraph_format.space_before = Pt(12)
        shd = OxmlElement("w:shd")
        shd.set(_w("val"), "clear")
        shd.set(_w("color"), "auto")
        shd.set(_w("fill"), "DEEAF6")
        box.element.get_or_add_pPr().append(shd)
        label = styles.add_style("Kaderkop", WD_STYLE_TYPE.PARAGRAPH)
        label.base_style = normal
        label.font.bold = True
        label.paragraph_format.keep_with_next = True
        label.paragraph_format.space_before = Pt(6)
        fn_text = styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
        fn_text.base_style = normal
        fn_text.font.size = Pt(7.5)
        fn_ref = styles.add_style("Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        fn_ref.font.superscript = True

    def _header_footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement

        section = self.doc.sections[0]
        header = section.header.paragraphs[0]
        header.text = DOCX_HEADER
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Pagina ")
        for kind, text in (
            ("begin", None),
            ("instr", " PAGE "),
            ("separate", None),
            ("text", "1"),
            ("end", None),
        ):
            run = footer.add_run()
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                instr.text = text
                run._r.append(instr)
            elif kind == "text":
                run.text = text
            else:
                fld = OxmlElement("w:fldChar")
                fld.set(_w("fldCharType"), kind)
                run._r.append(fld)

    def _footnotes_part(self) -> None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        ns = f'xmlns:w="{W_NS}"'
        notes = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/></w:pPr>'
            "<w:r><w:separator/></w:r></w:p></w:footnote>",
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"/>'
            "</w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>",
        ]
        for key, number in sorted(self.numbers.items(), key=lambda kv: kv[1]):
            text = FOOTNOTES[key].text.replace("&", "&amp;").replace("<", "&lt;")
            notes.append(
                f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
                f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
                f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
            )
        xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {ns}>{"".join(notes)}</w:footnotes>'
        part = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            xml.encode("utf-8"),
            self.doc.part.package,
        )
        self.doc.part.relate_to(part, RT.FOOTNOTES)

    def _core_properties(self, final: bool) -> None:
        props = self.doc.core_properties
        props.author = "Projectsecretariaat Zorgakkoord Wijkzorg"
        props.last_modified_by = "Projectsecretariaat Zorgakkoord Wijkzorg"
        props.title = "Zorgakkoord Wijkzorg – " + ("definitief" if final else "onderhandelaarsakkoord")
        props.subject = "Zorgakkoord Wijkzorg"
        props.keywords = "wijkverpleging; zorgakkoord"
        props.comments = "Fictief voorbeelddocument voor het project afspraken."
        props.created = DOCX_TIMESTAMP
        props.modified = DOCX_TIMESTAMP
        props.last_printed = DOCX_TIMESTAMP
        props.revision = 1

    def build(self, final: bool = False) -> bytes:
        from docx.shared import Pt

        self._styles()
        self._header_footer()
        doc = self.doc
        for block in self.blocks:
            if isinstance(block, Title):
                doc.add_paragraph(block.lines[0], style="Title")
                doc.add_paragraph(block.lines[1], style="Subtitle")
                doc.add_paragraph(block.lines[2])
            elif isinstance(block, Heading):
                text = f"{block.number} {block.text}" if block.number else block.text
                para = doc.add_heading(text, level=block.level)
                if block.toc:
                    self._bookmark(para, block.toc)
            elif isinstance(block, Paragraphs):
                for line in block.lines:
                    style = {"p": None, "bullet": "List Bullet", "number": "List Number"}[line.kind]
                    self._fill(doc.add_paragraph(style=style), line.text)
            elif isinstance(block, Agreement):
                if block.number is not None:
                    doc.add_paragraph(f"{block.number}: {block.title}", style="Kadertitel")
                else:
                    doc.add_heading(block.title, level=3)
                    for line in block.intro:
                        self._fill(doc.add_paragraph(), line.text)
                for part in PARTS:
                    doc.add_paragraph(
                        LABELS[part] + ("?" if block.question_labels else ":"), style="Kaderkop"
                    )
                    for line in getattr(block, part):
                        style = "List Bullet" if line.kind == "bullet" else None
                        self._fill(doc.add_paragraph(style=style), line.text)
            elif isinstance(block, Table):
                doc.add_paragraph(block.caption, style="Caption")
                table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
                table.style = "Table Grid"
                for col, cell_text in enumerate(block.header):
                    cell = table.cell(0, col)
                    cell.text = cell_text
                    cell.paragraphs[0].runs[0].bold = True
                for row_no, row in enumerate(block.rows, start=1):
                    for col, cell_text in enumerate(row):
                        table.cell(row_no, col).text = cell_text
                doc.add_paragraph("Toelichting tabel 1:").runs[0].bold = True
                for note in block.notes:
                    doc.add_paragraph(note).paragraph_format.space_after = Pt(4)
        self._footnotes_part()
        self._core_properties(final)
        buffer = io.BytesIO()
        doc.save(buffer)
        return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member dates and without the template thumbnail: reproducible bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue
            blob = source.read(info.filename)
            if info.filename == "_rels/.rels":
                blob = re.sub(rb"<Relationship [^>]*thumbnail\.jpeg\"/>", b"", blob)
            if info.filename == "[Content_Types].xml":
                blob = re.sub(rb'<Default Extension="jpeg"[^>]*/>', b"", blob)
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, blob, compresslevel=9)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------------
# Rendering 3: a typeset PDF (reportlab canvas; a small layout engine of our own so that footnotes sit at
# the bottom of the page that cites them and some words are hyphenated at line ends)
# ---------------------------------------------------------------------------------------------------

PDF_HEADER = "Onderhandelaarsakkoord – 12 maart 2026"
A4_WIDTH, A4_HEIGHT = 595.2756, 841.8898
LEFT = 72.0
TEXT_WIDTH = A4_WIDTH - 2 * LEFT
TOP = 770.0  # first baseline on a page
BOTTOM = 60.0  # nothing (body or footnotes) below this baseline
BODY_FONT, BODY_SIZE, LEADING = "Times-Roman", 10.0, 13.0
NOTE_SIZE, NOTE_LEADING = 7.5, 9.0
MARK_SIZE, MARK_RISE = 6.0, 3.5
BULLET_INDENT = 14.0
PARAGRAPH_GAP = 5.0

# Dutch hyphenation points for the long words of the sample (applied only where a word does not fit at a
# line end). Breaks after a real hyphen ("zij-instromers", "ECD-leveranciers") are allowed as well.
HYPHENATION = [
    "wijk-ver-pleeg-kun-di-gen", "wijk-ver-pleeg-kun-di-ge", "wijk-ver-ple-ging", "zorg-ver-ze-ke-raars",
    "zorg-aan-bie-ders", "or-ga-ni-sa-ties", "or-ga-ni-sa-tie", "ad-mi-ni-stra-tie-tijd",
    "ad-mi-ni-stra-tie-ve", "in-di-ca-tie-stel-ling", "ver-ant-woor-dings-ei-sen", "op-lei-dings-plan-nen",
    "op-lei-dings-plan", "ge-ge-vens-uit-wis-se-ling", "sa-men-wer-kings-ka-der", "sa-men-wer-king",
    "toe-gan-ke-lijk-heid", "on-der-steu-ning", "ver-pleeg-kun-di-ge", "pres-ta-tie-be-schrij-ving",
    "zorg-tech-no-lo-gie", "tran-si-tie-doe-len", "aan-meld-pro-ce-du-res", "be-reik-baar-heid",
    "vind-baar-heid", "in-wer-king-tre-ding", "uit-voe-rings-toet-sen", "ver-zor-gen-den",
    "pa-ti-ën-ten-fe-de-ra-tie", "tot-stand-ko-ming", "huis-art-sen-zorg", "aan-meld-pun-ten",
    "be-schik-baar", "re-gel-ge-ving", "be-kos-ti-ging", "ge-ac-tu-a-li-seer-de", "ge-ge-vens-set",
    "in-ko-op-be-leid", "ziek-en-hui-zen", "be-stuur-lijk", "zelf-stan-dig", "ver-wij-zing",
]  # fmt: skip
_HYPHEN_POINTS: dict[str, list[int]] = {}
for _pattern in HYPHENATION:
    _points, _pos = [], 0
    for _syllable in _pattern.split("-")[:-1]:
        _pos += len(_syllable)
        _points.append(_pos)
    _HYPHEN_POINTS[_pattern.replace("-", "")] = _points


@dataclass
class Word:
    text: str
    mark: int | None = None  # footnote number drawn as a superscript right after the word


def words_of(text: str, numbers: dict[str, int]) -> list[Word]:
    words: list[Word] = []
    glue = False  # the next text continues the previous word (it followed a footnote mark directly)
    for kind, value in segments(accepted(text)):
        if kind == "fn":
            words[-1].mark = numbers[value]
            glue = True
            continue
        for i, piece in enumerate(value.split(" ")):
            if i == 0 and glue and words and piece:
                words[-1].text += piece
            elif piece:
                words.append(Word(piece))
        glue = not value.endswith(" ")
    return words


def split_points(word: str) -> list[tuple[str, str]]:
    """(head, tail) pairs for breaking `word` at a line end, longest head first."""
    pairs: list[tuple[str, str]] = []
    m = re.match(r"^([(‘“]*)(.*?)([.,;:)’”]*)$", word)
    assert m is not None
    lead, core, _trail = m.groups()
    for pos in _HYPHEN_POINTS.get(core.lower(), []):
        cut = len(lead) + pos
        pairs.append((word[:cut] + "-", word[cut:]))
    for i, ch in enumerate(word[:-1]):
        if ch == "-" and i > 0 and word[i - 1].isalpha() and word[i + 1].isalpha():
            pairs.append((word[: i + 1], word[i + 1 :]))
    pairs = [(h, t) for h, t in pairs if len(h.rstrip("-")) >= 3 and len(t.strip(".,;:)’”")) >= 3]
    return sorted(pairs, key=lambda ht: -len(ht[0]))


class PdfLayout:
    def __init__(self, numbers: dict[str, int]) -> None:
        from reportlab import rl_config

        rl_config.invariant = 1
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.pdfgen import canvas

        self.width_of = stringWidth
        self.buffer = io.BytesIO()
        self.c = canvas.Canvas(self.buffer, pagesize=(A4_WIDTH, A4_HEIGHT), invariant=1, pageCompression=1)
        self.c.setTitle("Zorgakkoord Wijkzorg – onderhandelaarsakkoord")
        self.c.setAuthor("Projectsecretariaat Zorgakkoord Wijkzorg")
        self.c.setSubject("Fictief voorbeelddocument voor het project afspraken")
        self.c.setCreator("afspraken corpus/make_samples.py")
        self.numbers = numbers
        self.notes_text = {number: FOOTNOTES[key].text for key, number in numbers.items()}
        self.page = 0
        self.y = TOP
        self.notes: list[tuple[int, list[str]]] = []
        self.hyphenated: list[str] = []
        self.new_page()

    # -- pages and footnotes ------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.page:
            self._draw_notes()
            self.c.showPage()
        self.page += 1
        self.y = TOP
        self.notes = []
        c = self.c
        c.setFont("Helvetica", 8)
        c.setFillGray(0.35)
        c.drawString(LEFT, 805, PDF_HEADER)
        c.drawRightString(LEFT + TEXT_WIDTH, 36, str(self.page))
        c.setStrokeGray(0.6)
        c.setLineWidth(0.4)
        c.line(LEFT, 799, LEFT + TEXT_WIDTH, 799)
        c.setFillGray(0)

    def _notes_height(self, notes: list[tuple[int, list[str]]]) -> float:
        if not notes:
            return 0.0
        return 10.0 + NOTE_LEADING * sum(len(lines) for _, lines in notes)

    def _draw_notes(self) -> None:
        if not self.notes:
            return
        c = self.c
        top = BOTTOM + self._notes_height(self.notes)
        c.setLineWidth(0.5)
        c.setStrokeGray(0)
        c.line(LEFT, top - 2, LEFT + 72, top - 2)
        y = top - 10.0
        for number, lines in self.notes:
            for i, text in enumerate(lines):
                if i == 0:
                    c.setFont(BODY_FONT, MARK_SIZE)
                    c.drawString(LEFT, y + 2.5, str(number))
                c.setFont(BODY_FONT, NOTE_SIZE)
                c.drawString(LEFT + 8, y, text)
                y -= NOTE_LEADING
        self.notes = []

    def _note_lines(self, number: int) -> tuple[int, list[str]]:
        lines = self._wrap(
            [Word(w) for w in self.notes_text[number].split()], TEXT_WIDTH - 8, BODY_FONT, NOTE_SIZE
        )
        return number, [" ".join(w.text for w in line) for line in lines]

    def ensure(self, height: float, extra_notes: list[tuple[int, list[str]]] | None = None) -> None:
        notes = self.notes + (extra_notes or [])
        if self.y - height < BOTTOM + self._notes_height(notes):
            self.new_page()

    # -- text -----------------------------------------------------------------------------------------
    def _word_width(self, word: Word, font: str, size: float) -> float:
        width = self.width_of(word.text, font, size)
        if word.mark is not None:
            width += self.width_of(str(word.mark), font, MARK_SIZE)
        return width

    def _wrap(self, words: list[Word], width: float, font: str, size: float) -> list[list[Word]]:
        space = self.width_of(" ", font, size)
        lines: list[list[Word]] = []
        current: list[Word] = []
        used = 0.0
        for word in words:
            w = self._word_width(word, font, size)
            gap = space if current else 0.0
            if used + gap + w <= width:
                current.append(word)
                used += gap + w
                continue
            room = width - used - gap
            for head, tail in split_points(word.text):
                if self.width_of(head, font, size) <= room:
                    current.append(Word(head))
                    self.hyphenated.append(f"{head} / {tail}")
                    lines.append(current)
                    current = [Word(tail, word.mark)]
                    used = self._word_width(current[0], font, size)
                    break
            else:
                if current:
                    lines.append(current)
                current = [word]
                used = w
        if current:
            lines.append(current)
        return lines

    def _draw_line(self, x: float, words: list[Word], font: str, size: float) -> None:
        t = self.c.beginText(x, self.y)
        t.setFont(font, size)
        for i, word in enumerate(words):
            t.textOut((" " if i else "") + word.text)
            if word.mark is not None:
                t.setFont(font, MARK_SIZE)
                t.setRise(MARK_RISE)
                t.textOut(str(word.mark))
                t.setRise(0)
                t.setFont(font, size)
        self.c.drawText(t)

    def paragraph(
        self, text: str, bullet: str | None = None, font: str = BODY_FONT, size: float = BODY_SIZE
    ) -> None:
        indent = BULLET_INDENT if bullet else 0.0
        lines = self._wrap(words_of(text, self.numbers), TEXT_WIDTH - indent, font, size)
        for i, line in enumerate(lines):
            marks = [self._note_lines(w.mark) for w in line if w.mark is not None]
            self.ensure(LEADING, marks)
            if i == 0 and bullet:
                self.c.setFont(font, size)
                self.c.drawString(LEFT + 2, self.y, bullet)
            self._draw_line(LEFT + indent, line, font, size)
            self.notes.extend(marks)
            self.y -= LEADING
        self.y -= PARAGRAPH_GAP

    def heading(self, text: str, size: float, space_before: float, keep: float = 70.0) -> None:
        self.y -= space_before
        self.ensure(size + keep)
        self.c.setFont("Helvetica-Bold", size)
        self.c.drawString(LEFT, self.y, text)
        self.y -= size + 6

    def box_title(self, text: str) -> None:
        self.y -= 8
        self.ensure(90)
        c = self.c
        c.setFillColorRGB(0.87, 0.92, 0.96)
        c.rect(LEFT - 4, self.y - 5, TEXT_WIDTH + 8, 19, stroke=0, fill=1)
        c.setFillGray(0)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(LEFT, self.y, text)
        self.y -= 22

    def label(self, text: str) -> None:
        self.ensure(LEADING * 3)
        self.c.setFont("Helvetica-Bold", BODY_SIZE)
        self.c.drawString(LEFT, self.y, text)
        self.y -= LEADING + 1

    def table(self, table: Table) -> None:
        widths = [30.0, 185.0, 58.0, 58.0, 58.0]
        widths.append(TEXT_WIDTH - sum(widths))
        row_h = 15.0
        rows = [table.header, *table.rows]
        self.heading(table.caption, 9.5, 6, keep=row_h * len(rows) + 20)
        c = self.c
        c.setLineWidth(0.5)
        top = self.y + 10
        for r, row in enumerate(rows):
            x = LEFT
            bold = r == 0 or row[1] == "Totaal"
            for col, cell in enumerate(row):
                c.rect(x, top - row_h, widths[col], row_h, stroke=1, fill=0)
                c.setFont("Helvetica-Bold" if bold else "Helvetica", 8.5)
                if col >= 2:
                    c.drawRightString(x + widths[col] - 4, top - row_h + 4.5, cell)
                else:
                    c.drawString(x + 4, top - row_h + 4.5, cell)
                x += widths[col]
            top -= row_h
        self.y = top - 16
        self.heading("Toelichting tabel 1:", BODY_SIZE, 0, keep=LEADING * 2)
        for note in table.notes:
            self.paragraph(note)

    def cover(self, lines: list[str]) -> None:
        c = self.c
        c.setFont("Helvetica-Bold", 30)
        c.drawString(LEFT, 560, lines[0])
        c.setFont("Helvetica", 16)
        c.drawString(LEFT, 530, lines[1])
        c.setFont("Helvetica", 12)
        c.drawString(LEFT, 490, lines[2])
        c.setFont("Helvetica", 9)
        c.drawString(LEFT, 120, "ActiZ · Patiëntenfederatie Nederland · V&VN · VNG · Zorgthuisnl · ZN · VWS")

    def finish(self) -> bytes:
        self._draw_notes()
        self.c.showPage()
        self.c.save()
        return self.buffer.getvalue()


def render_pdf(blocks: list[Block]) -> tuple[bytes, list[str], int]:
    """The PDF bytes, the words hyphenated at line ends, and the page count."""
    layout = PdfLayout(footnote_numbers(blocks))
    for block in blocks:
        if isinstance(block, Title):
            layout.cover(block.lines)
        elif isinstance(block, Heading):
            if block.level == 1:
                layout.new_page()
                layout.heading(f"{block.number} {block.text}", 15, 0)
            elif block.level == 2:
                layout.heading(f"{block.number} {block.text}", 12.5, 10)
            else:
                layout.heading(block.text, 10.5, 6, keep=40)
        elif isinstance(block, Paragraphs):
            counter = 0
            for line in block.lines:
                if line.kind == "number":
                    counter += 1
                bullet = {"p": None, "bullet": "•", "number": f"{counter}."}[line.kind]
                layout.paragraph(line.text, bullet)
        elif isinstance(block, Agreement):
            if block.number is not None:
                layout.box_title(f"{block.number}: {block.title}")
            else:
                layout.heading(block.title, 10.5, 8, keep=90)
                for line in block.intro:
                    layout.paragraph(line.text)
            for part in PARTS:
                layout.label(LABELS[part] + ("?" if block.question_labels else ":"))
                for line in getattr(block, part):
                    layout.paragraph(line.text, "•" if line.kind == "bullet" else None)
        elif isinstance(block, Table):
            layout.table(block)
    pages = layout.page
    return layout.finish(), layout.hyphenated, pages


# ---------------------------------------------------------------------------------------------------
# The progress letter and its bijlage as tkconv/OpenTK pages (header, one paragraph per line, "  • "
# bullets, footnote numbers glued to words, footnotes listed at the end as "  N. ...↩︎").
# ---------------------------------------------------------------------------------------------------

TKCONV_NAV = (
    "[overzicht] [activiteiten] [ongeplande activiteiten] [besluiten] [commissies] [geschenken] "
    "[kamerleden] [kamerstukdossiers] [🧑mijn] [open vragen]\n"
    "[toezeggingen] [stemmingen] [verslagen] [🔍 uitgebreid zoeken] [wat is dit?]"
)
DOSSIER_TITLE = "Zorg en ondersteuning in de wijk"

# (kind, text): "h" heading line, "p" paragraph, "b" bullet. Footnote numbers are typed in, glued.
LETTER_BODY: list[tuple[str, str]] = [
    ("p", "Geachte voorzitter,"),
    ("p", "Op 12 maart 2026 heb ik u het onderhandelaarsakkoord Zorgakkoord Wijkzorg ‘Samen voor goede "
     "zorg dichtbij’ doen toekomen. Daarbij heb ik u een eerste voortgangsrapportage toegezegd.1 Het "
     "akkoord is gesloten door ActiZ, Zorgthuisnl, Verpleegkundigen & Verzorgenden Nederland (V&VN), "
     "Zorgverzekeraars Nederland (ZN)2, de Vereniging Nederlandse Gemeenten (VNG), Patiëntenfederatie "
     "Nederland en VWS. De Nederlandse Zorgautoriteit (NZa) en Zorginstituut Nederland (het Zorginstituut) "
     "zijn vanuit hun eigen rol betrokken bij de uitvoering."),
    ("p", "Met deze brief informeer ik u over de eerste resultaten en over de stand van zaken van de "
     "uitvoering. In de bijlage ‘Voortgang per thema’ treft u per cluster een totaaloverzicht aan, met "
     "daarin ook de afspraken waarvan de uitvoering vertraging oploopt."),
    ("h", "Samenwerkingsafspraken"),
    ("p", "Voor de uitvoering van het akkoord hebben partijen samenwerkingsafspraken gemaakt, waarin de "
     "rollen en verantwoordelijkheden zijn vastgelegd. Belangrijke elementen daarvan zijn:"),
    ("b", "Vier keer per jaar vindt een bestuurlijk overleg plaats om waar nodig besluiten te nemen of bij "
     "te sturen."),
    ("b", "Maandelijks bewaken de partijen in een bureauoverleg de voortgang van de uitvoering."),
    ("b", "De afspraken zijn geordend in vier clusters: toegang, personeel, gegevensuitwisseling en "
     "samenwerking in de wijk. In de bijlage is per cluster de stand van zaken toegelicht."),
    ("h", "Eerste resultaten"),
    ("p", "Partijen zijn direct na het sluiten van het onderhandelaarsakkoord aan de slag gegaan. Eerste "
     "resultaten en activiteiten die voor 2026 zijn voorzien, zijn:"),
    ("b", "ZN en ActiZ hebben een eerste versie opgesteld van het landelijk model voor het regionale "
     "aanmeldpunt wijkverpleging. In vier regio’s is een aanmeldpunt als pilot van start gegaan."),
    ("b", "De zorgkantoren nemen de afspraken over het regionale aanmeldpunt op in hun inkoopbeleid 2027 "
     "voor de Wlz-zorg thuis. Het inkoopbeleid wordt 1 juni 2026 gepubliceerd."),
    ("b", "ActiZ en V&VN hebben de inventarisatie van overbodige registraties in de wijkverpleging "
     "afgerond. In het tweede kwartaal van 2026 bespreken zij de uitkomsten met ZN en de NZa."),
    ("b", "Het Zorginstituut verduidelijkt uiterlijk eind 2026 welke zorg onder de aanspraak "
     "wijkverpleging valt en welke ondersteuning voorliggend is vanuit de Wmo 2015."),
    ("b", "De VNG en ZN werken aan een landelijk samenwerkingskader voor de samenwerking tussen gemeenten en "
     "zorgverzekeraars in de wijk. De verwachting is dat het kader in april 2026 gereed is."),
    ("h", "Financiën"),
    ("p", "Voor de opstart van de regionale aanmeldpunten is in 2026 en 2027 in totaal € 40 mln beschikbaar "
     "(Kamerstuk 39 999, nr. 11). De eerste tranche van € 20 mln wordt in het derde kwartaal van 2026 via "
     "een subsidieregeling verstrekt."),
    ("h", "Moties en toezeggingen"),
    ("p", "Uw Kamer heeft de regering verzocht ervoor te zorgen dat iedere cliënt die wijkverpleging nodig "
     "heeft binnen vijf werkdagen na aanmelding een wijkverpleegkundige spreekt. Met de afspraken over het "
     "regionale aanmeldpunt en de triage door de wijkverpleegkundige is dit doel in het Zorgakkoord "
     "Wijkzorg opgenomen. Ik beschouw de motie van het lid Jansen3 hiermee als afgedaan."),
    ("p", "De motie van de leden De Vries en Bakker4 verzoekt de regering de administratieve lasten in de "
     "wijkverpleging terug te dringen. Aan deze motie geef ik uitvoering via de afspraken over minder "
     "administratietijd in de wijk; over de resultaten informeer ik uw Kamer in de volgende "
     "voortgangsbrief."),
    ("p", "Tijdens het commissiedebat Wijkverpleging heb ik toegezegd uw Kamer te informeren over de "
     "bereikbaarheid van de regionale aanmeldpunten (TZ209901-001). Met deze brief en de bijlage kom ik "
     "deze toezegging na."),
    ("h", "Afsluiting"),
    ("p", "Partijen hebben in korte tijd veel in gang gezet. Ik kijk uit naar de resultaten die de komende "
     "periode worden geboekt. De volgende voortgangsbrief ontvangt uw Kamer in het najaar van 2026."),
    ("p", "Hoogachtend,"),
    ("p", "de minister van Volksgezondheid,"),
    ("p", "Welzijn en Sport,"),
    ("p", "A.B. van den Berg"),
]  # fmt: skip

LETTER_FOOTNOTES = [
    "Kamerstukken 39 999 nr. 10.",
    "ZN vertegenwoordigt in dit akkoord zowel de zorgverzekeraars als de zorgkantoren.",
    "Kamerstukken 39 999 nr. 7.",
    "Kamerstuk 39 999, nr. 8.",
]

BIJLAGE_BODY: list[tuple[str, str]] = [
    ("h", "Bijlage: voortgang per thema"),
    ("h", "Toelichting"),
    ("p", "Na het sluiten van het onderhandelaarsakkoord Zorgakkoord Wijkzorg op 12 maart 2026 hebben "
     "partijen de afspraken geordend in vier clusters naar samenhang en verantwoordelijkheidsverdeling. "
     "Hierna is per cluster de stand van zaken weergegeven. De nummers tussen haakjes verwijzen naar de "
     "afspraken in het akkoord.1"),
    ("h", "Cluster 1 Toegang"),
    ("p", "Dit cluster omvat het regionale aanmeldpunt (afspraak 1) en de triage door de "
     "wijkverpleegkundige (afspraak 2). Alle afspraken in dit cluster zijn ter hand genomen. Resultaten "
     "tot dusverre zijn:"),
    ("b", "ZN en ActiZ hebben in afstemming met Zorgthuisnl en V&VN een eerste versie van het landelijk "
     "model voor het regionale aanmeldpunt opgesteld. Het model wordt in het tweede kwartaal van 2026 "
     "vastgesteld."),
    ("b", "In vier regio’s is een aanmeldpunt als pilot gestart. Eind 2026 zijn naar verwachting tien "
     "regio’s aangesloten."),
    ("b", "Zorgverzekeraars en zorgaanbieders maken per regio afspraken over de financiering. Omdat de "
     "financiering in een aantal regio’s nog niet rond is, beschikken naar verwachting medio 2028 alle "
     "regio’s over een aanmeldpunt."),
    ("b", "V&VN bereidt de actualisatie van het Normenkader indicatiestelling wijkverpleging voor, met "
     "betrokkenheid van Patiëntenfederatie Nederland en ZN. Het geactualiseerde normenkader wordt in het "
     "najaar van 2026 vastgesteld."),
    ("b", "De NZa past de prestatiebeschrijving voor indicatiestelling aan per 1 januari 2028."),
    ("h", "Cluster 2 Personeel"),
    ("p", "Dit cluster omvat de regionale opleidingsplannen (afspraak 3) en de vermindering van de "
     "administratietijd (afspraak 4). Alle afspraken in dit cluster zijn ter hand genomen en de uitvoering "
     "loopt op schema."),
    ("b", "ActiZ en Zorgthuisnl stellen in overleg met de onderwijsinstellingen het format voor de "
     "regionale opleidingsplannen op. Het format is naar verwachting eind 2026 beschikbaar."),
    ("b", "V&VN werkt aan het loopbaanpad voor verzorgenden; de oplevering is voorzien in het tweede "
     "kwartaal van 2027."),
    ("b", "Inventarisatie overbodige registraties: ActiZ en V&VN hebben de inventarisatie in maart 2026 "
     "opgeleverd. Deze afspraak is afgerond."),
    ("b", "ZN heeft met de zorgverzekeraars afgesproken dat met ingang van 1 januari 2027 uniforme "
     "verantwoordingseisen gelden."),
    ("h", "Cluster 3 Gegevensuitwisseling"),
    ("p", "Dit cluster omvat de digitale verpleegkundige overdracht (afspraak 5) en de gegevensset "
     "wijkverpleging."),
    ("b", "Digitale verpleegkundige overdracht: VWS en ZN hebben een conceptstandaard voorgelegd aan V&VN "
     "en de Nederlandse Vereniging van Ziekenhuizen (NVZ). De uitvoering van deze afspraak loopt "
     "vertraging op; de oplevering schuift naar het derde kwartaal van 2026. Daarmee komt ook de "
     "ondersteuning van de standaard in alle ECD’s in 2027 onder druk te staan."),
    ("b", "Gegevensset wijkverpleging: het Zorginstituut heeft de ontwikkeling ter hand genomen in overleg "
     "met ActiZ, Zorgthuisnl, ZN en de NZa. De uitvoering loopt op schema; vanaf 2027 leveren "
     "zorgaanbieders de gegevens aan."),
    ("h", "Cluster 4 Samenwerking in de wijk"),
    ("p", "Dit cluster omvat de samenwerking tussen wijkverpleging en sociaal domein (afspraak 6)."),
    ("b", "De VNG en ZN stellen in samenspraak met ActiZ en Sociaal Werk Nederland het landelijk "
     "samenwerkingskader op. De verwachting is dat het kader in april 2026 gereed is."),
    ("b", "Gemeenten en zorgverzekeraars hebben in twee regio’s een convenant gesloten.2 Uiterlijk "
     "1 januari 2028 hebben alle regio’s een convenant gesloten."),
]  # fmt: skip

BIJLAGE_FOOTNOTES = [
    "Kamerstukken 39 999 nr. 10.",
    "Het convenant volgt het landelijk samenwerkingskader van de VNG en ZN.",
]


def tkconv_page(header: list[str], body: list[tuple[str, str]], notes: list[str]) -> str:
    lines = [TKCONV_NAV, ""]
    for item in header:
        lines += [item, ""]
    lines.append("")
    for kind, text in body:
        lines += [("  • " + text) if kind == "b" else text, ""]
    lines.append("")
    lines += [f"  {i}. {note}↩︎\n" for i, note in enumerate(notes, start=1)]
    return "\n".join(lines).rstrip("\n")


def render_letter() -> str:
    header = [
        "Voortgangsbrief Zorgakkoord Wijkzorg",
        DOSSIER_TITLE,
        "Brief regering",
        f"Nummer: {LETTER_NUMMER}, datum: {LETTER_DATE}, bijgewerkt: {LETTER_UPDATED}, versie: 1",
        "Directe link naar document (.docx), link naar pagina op de Tweede Kamer site.",
        "Gerelateerde personen: Bijlagen:",
        f"Onderdeel van kamerstukdossier 39999 -12 {DOSSIER_TITLE}.",
        "Onderdeel van zaak 2099Z00001:",
        "Onderdeel van activiteiten:",
        "Preview document (🔗 origineel)",
    ]
    return tkconv_page(header, LETTER_BODY, LETTER_FOOTNOTES)


def render_bijlage() -> str:
    header = [
        "Voortgang per thema",
        "Bijlage",
        f"Nummer: {BIJLAGE_NUMMER}, datum: {LETTER_DATE}, bijgewerkt: {LETTER_UPDATED}, versie: 1",
        "Directe link naar document (.docx), link naar pagina op de Tweede Kamer site.",
        f"Bijlage bij: Voortgangsbrief Zorgakkoord Wijkzorg ({LETTER_NUMMER})",
        "Preview document (🔗 origineel)",
    ]
    return tkconv_page(header, BIJLAGE_BODY, BIJLAGE_FOOTNOTES)


# ---------------------------------------------------------------------------------------------------
# Gold annotations for the docx-export text (same schema as ../shared/gold/hlo-2025-...gold.json)
# ---------------------------------------------------------------------------------------------------

CLUSTERS = {
    "cluster-1": "Cluster 1 Toegang",
    "cluster-2": "Cluster 2 Personeel",
    "cluster-3": "Cluster 3 Gegevensuitwisseling",
    "cluster-4": "Cluster 4 Samenwerking in de wijk",
}

CONVENTIONS: dict[str, str] = {
    "source": "Same conventions as ../shared/gold/hlo-2025-onderhandelaarsakkoord.gold.json; restated here "
    "for what this sample uses.",
    "lines": "'line' values are 1-based line numbers in corpus/samples/zorgakkoord-wijkzorg-2026.docx-export.txt "
    "(computed by corpus/make_samples.py from the generated file).",
    "interval_semantics": "start/end give the calendar interval DENOTED by the anchor time expression "
    "(inclusive ISO dates); the modifier does not widen it ('Uiterlijk eind 2027' -> 2027-10-01..2027-12-31, "
    "modifier 'before').",
    "year": "'2026' / 'in 2026' -> 2026-01-01..2026-12-31; '2026 en 2027' -> 2026-01-01..2027-12-31",
    "month": "'april 2026' -> 2026-04-01..2026-04-30",
    "specific_date": "'1 januari 2028' -> 2028-01-01..2028-01-01 (point)",
    "quarters": "Q1/eerste kwartaal = 01-01..03-31; Q2/tweede kwartaal = 04-01..06-30; Q3 = 07-01..09-30; "
    "Q4 = 10-01..12-31",
    "begin_eind_half": "'begin YYYY' -> 01-01..03-31; 'eind YYYY' -> 10-01..12-31; 'half/medio YYYY' -> "
    "05-01..08-31",
    "seasons": "meteorological: najaar = 09-01..11-30",
    "disjunction": "'eind 2026 of begin 2027' -> union 2026-10-01..2027-03-31, modifier null",
    "modifier_before": "uiterlijk, voor, vóór, binnen <duur>",
    "modifier_after": "vanaf, per, na, met ingang van",
    "voor_as_for": "'voor' meaning 'for' ('inkoopbeleid voor 2027') is NOT a before-modifier",
    "relative_and_durations": "durations ('binnen 24 uur') have type 'duration'; recurrences ('één keer per "
    "kwartaal') type 'recurring'; both with start=end=null",
    "time_surface_rule": "surface = the time expression as written incl. an adjacent modifier word but without "
    "a neutral preposition 'in (het)' ('in het tweede kwartaal van 2027' -> 'tweede kwartaal van 2027')",
    "actor_field": "deadline.actor = canonical names the sentence/clause itself names as doing it; "
    "actor_inferred = inferred from the surrounding block (not ground truth for strict scoring)",
    "deadline_scope": "every time expression in 'Wat is het tijdpad' plus every dated (or explicitly timed) "
    "commitment in 'Wat is de afspraak' / 'Wie gaat wat doen'",
    "organisation_mentions": "named organisations, ministries, agencies and role groups of organisations "
    "(zorgaanbieders, zorgverzekeraars, zorgkantoren, gemeenten, ziekenhuizen, onderwijsinstellingen, "
    "ECD-leveranciers). Excluded: professions and persons (wijkverpleegkundigen, huisartsen, sociaal werkers, "
    "cliënten, mantelzorgers), generic 'partijen', sectors ('het beroepsonderwijs'), systems ('ECD’s'), "
    "programmes, standards and laws.",
    "mention_surface_rule": "surface without article ('het Zorginstituut' -> 'Zorginstituut'); 'NAME (ABBR)' "
    "pairs are one mention spanning both; one mention per occurrence",
    "mention_roles": "actor = does/leads/co-executes something (incl. 'op verzoek van X' requester and "
    "'kunnen worden ondersteund door X'); involved = in afstemming met / met betrokkenheid van / in overleg "
    "met / in samenspraak met / stemmen af met; other = context, beneficiary, location",
    "mention_scope": "numbered blocks: box title line to last tijdpad line; the unnumbered block: only its "
    "three parts (the introductory paragraph after its title is excluded). Inline footnote text on a scoped "
    "line is included with in_footnote=true.",
    "actors_vs_involved": "agreement.actors = canonical orgs with role 'actor' in 'Wie gaat wat doen'; "
    "agreement.involved = orgs only involved there",
    "kamerstuk_normalisation": "dossier = digits without spaces; number = the 'nr.' value as string",
}

AMBIGUITIES = [
    "'24/7' in agreement 1 is not a date (other_time_expressions, kind not_a_date).",
    "'Wmo 2015' (agreement 2, intro, chapter 3) is a law name; 'Thuis in de Wijk 2030' (intro) a programme name.",
    "Footnote reference glued to a year: 'Uiterlijk half 2027[footnoteRef:5]' (agreement 3); the PDF text "
    "reads 'half 20275'.",
    "'inkoopbeleid voor 2027' (agreement 6): 'voor' = for.",
    "'ziekenhuizen' is a beneficiary (other) in agreement 1 but an actor in agreement 5.",
    "'mbo- en hbo-instellingen' is the role group onderwijsinstellingen; 'het beroepsonderwijs' (a sector) "
    "is not annotated.",
    "'ECD’s' (systems) is not an organisation; 'ECD-leveranciers' is (ECD- en EPD-leveranciers).",
    "The unnumbered block 'Gegevensset wijkverpleging' uses the label variants ' Wat is de afspraak? ', "
    "'Wie gaat wat doen? ', 'Wat is het tijdpad? ' and a tijdpad paragraph instead of bullets.",
    "Look-alikes: the numbered Transitiedoelen list ('1. ', '2. '), the chapter headings ('1. [bookmark: ...]'), "
    "the section list bullets ('2.1 Toegang tot de wijkverpleging' vs the heading '2.1 Toegang') and Tabel 1 "
    "with row numbers 1-4 on their own lines and 'Ad 1:' explanations are not agreements.",
    "Tabel 1 row 4 'Gegevensset wijkverpleging' repeats the title of the unnumbered block; the txt reader "
    "may take table cells on their own lines for headings.",
    "The .docx holds a tracked change in agreement 1: 'binnen 48 uur' deleted, 'binnen 24 uur' inserted; the "
    "accepted text is annotated.",
    "Dates outside the agreements (intro 'in 2028', 'per 1 januari 2028' in the chapter 2 intro, Tabel 1 "
    "column years, 'najaar van 2026' in chapter 4) are not annotated.",
]


def _mention_json(m: Mention, line: int, part: str) -> dict[str, Any]:
    out: dict[str, Any] = {"surface": m.surface, "canonical": m.canonical, "line": line, "part": part}
    out["role"] = m.role
    if m.in_footnote:
        out["in_footnote"] = True
    return out


def _deadline_json(d: Deadline, line: int, part: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "surface": d.surface,
        "line": line,
        "part": part,
        "type": d.type,
        "start": d.start,
        "end": d.end,
        "modifier": d.modifier,
        "what": d.what,
        "actor": [CANONICAL.get(a, a) for a in d.actor],
        "actor_inferred": [CANONICAL.get(a, a) for a in d.actor_inferred],
    }
    if d.note:
        out["note"] = d.note
    return out


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def build_gold(blocks: list[Block], index: ExportIndex) -> dict[str, Any]:
    numbers = footnote_numbers(blocks)
    agreements: list[dict[str, Any]] = []
    used: set[str] = set()
    for block in blocks:
        if not isinstance(block, Agreement):
            continue
        info = index.agreements[block.key]
        mentions: list[dict[str, Any]] = []
        deadlines: list[dict[str, Any]] = []
        others: list[dict[str, Any]] = []
        for part in PARTS:
            for line in getattr(block, part):
                ln = index.lines[id(line)]
                mentions += [_mention_json(m, ln, part) for m in line.mentions]
                for key in footnote_keys(line.text):
                    mentions += [_mention_json(m, ln, part) for m in FOOTNOTES[key].mentions]
                deadlines += [_deadline_json(d, ln, part) for d in line.deadlines]
                others += [
                    {"surface": o.surface, "line": ln, "kind": o.kind, **({"note": o.note} if o.note else {})}
                    for o in line.others
                ]
        used |= {m["canonical"] for m in mentions}
        actors = _unique([m["canonical"] for m in mentions if m["part"] == "wie" and m["role"] == "actor"])
        involved = _unique(
            [
                m["canonical"]
                for m in mentions
                if m["part"] == "wie" and m["role"] == "involved" and m["canonical"] not in actors
            ]
        )
        section, section_line = info["section"]
        entry: dict[str, Any] = {"key": block.key, "number": block.number}
        if block.number is None:
            entry["probable_number"] = None
        entry |= {
            "title": block.title,
            "line": info["line"],
            "section": section,
            "section_line": section_line,
            "subsection": None if block.number else block.title,
            "subsection_line": None if block.number else info["line"],
            "span": [info["line"], info["last"]],
            "parts": dict(info["parts"]),
        }
        if block.number is None:
            entry["mention_scope"] = [info["parts"]["afspraak"], info["last"]]
        entry |= {
            "what": block.what,
            "actors": actors,
            "involved": involved,
            "actor_mentions": mentions,
            "other_time_expressions": others,
            "deadlines": deadlines,
            "reported_in_clusters": block.clusters,
            "reported_in_clusters_secondary": [],
        }
        agreements.append(entry)

    citations = []
    for key, context in (("azwa", "AZWA"), ("visser", "Motie Visser")):
        line = next(
            index.lines[id(ln)] for bl in blocks for ln in block_lines(bl) if f"{{fn:{key}}}" in ln.text
        )
        m = re.search(r"(\d\d \d{3}),? nr\. (\d+)", FOOTNOTES[key].text)
        assert m is not None
        citations.append(
            {
                "surface": m.group(0),
                "line": line,
                "footnote": numbers[key],
                "dossier": m.group(1).replace(" ", ""),
                "number": m.group(2),
                "context": context,
            }
        )
    visser = citations[1]
    n_mentions = sum(len(a["actor_mentions"]) for a in agreements)
    n_deadlines = sum(len(a["deadlines"]) for a in agreements)
    return {
        "document": {
            "file": EXPORT_FILE,
            "title": "Zorgakkoord Wijkzorg ‘Samen voor goede zorg dichtbij’",
            "title_note": "Lines 1-3: title, subtitle and 'Onderhandelaarsakkoord, 12 maart 2026'. Fictional "
            "sample written for this project (corpus/make_samples.py); the same agreement is rendered as "
            f"{DOCX_FILE} and {PDF_FILE}, which must yield the same agreements.",
            "kind": "akkoord",
            "version": "onderhandelaarsakkoord",
            "date": "2026-03-12",
            "period": {
                "surface": "2026-2028",
                "start": "2026-01-01",
                "end": "2028-12-31",
                "line": index.period_line,
            },
            "kamerstuk": {"dossier": "39999", "number": "10", "source": f"letter {LETTER_NUMMER} footnote 1"},
            "sent_to_parliament": "2026-03-12",
            "renderings": [EXPORT_FILE, DOCX_FILE, PDF_FILE],
            "later_version": FINAL_FILE,
            "signatories_note": "The last paragraph of chapter 4 lists the parties whose achterbannen are asked "
            "to agree (ActiZ, PFN, V&VN, VNG, Zorgthuisnl, ZN) and the minister of VWS.",
        },
        "agreements": agreements,
        "citations": citations,
        "moties": [
            {
                "surface": "motie van het lid Visser",
                "line": index.motie_line,
                "kamerstuk": visser["surface"],
                "kamerstuk_norm": {"dossier": visser["dossier"], "number": visser["number"]},
                "status": None,
            }
        ],
        "scope_note": "Agreements = the six numbered boxes 1-6 and the unnumbered block 'Gegevensset "
        "wijkverpleging' in section 2.3. The introduction, the section introductions, the financial "
        "chapter (Tabel 1 rows 1-4, 'Ad 1' ...) and chapter 4 are out of scope.",
        "actor_registry": {name: REGISTRY[name] for name in sorted(used)},
        "conventions": CONVENTIONS,
        "ambiguities": AMBIGUITIES,
        "stats": {
            "agreements": len(agreements),
            "actor_mentions": n_mentions,
            "deadlines": n_deadlines,
            "deadlines_with_interval": sum(
                1 for a in agreements for d in a["deadlines"] if d["start"] is not None
            ),
            "citations": len(citations),
        },
    }


# ---------------------------------------------------------------------------------------------------
# Self-checks: the annotations must match the generated text
# ---------------------------------------------------------------------------------------------------

_ALIASES = sorted(CANONICAL, key=len, reverse=True)
_ALIAS_RE = re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(a) for a in _ALIASES) + r")(?![\w&])")


def alias_hits(text: str) -> Counter[str]:
    return Counter(CANONICAL[m.group(0)] for m in _ALIAS_RE.finditer(text))


def validate(blocks: list[Block], index: ExportIndex, text: str) -> None:
    lines = text.split("\n")
    problems: list[str] = []
    for block in blocks:
        if not isinstance(block, Agreement):
            continue
        info = index.agreements[block.key]
        scoped: dict[int, Counter[str]] = {}
        first = info["line"] if block.number else info["parts"]["afspraak"]
        for ln in range(first, info["last"] + 1):
            scoped[ln] = alias_hits(lines[ln - 1])
        annotated: dict[int, Counter[str]] = {ln: Counter() for ln in scoped}
        for part in PARTS:
            for line in getattr(block, part):
                ln = index.lines[id(line)]
                rendered = lines[ln - 1]
                pos = 0
                marks = line.mentions + [m for k in footnote_keys(line.text) for m in FOOTNOTES[k].mentions]
                for m in marks:
                    found = rendered.find(m.surface, pos)
                    if found < 0:
                        problems.append(f"{block.key} line {ln}: mention {m.surface!r} not found in order")
                    pos = max(pos, found)
                    annotated[ln][m.canonical] += 1
                for item in [*line.deadlines, *line.others]:
                    if item.surface not in rendered:
                        problems.append(
                            f"{block.key} line {ln}: time expression {item.surface!r} not in text"
                        )
        for ln, hits in scoped.items():
            if hits != annotated[ln]:
                problems.append(
                    f"{block.key} line {ln}: text names {dict(hits)}, annotated {dict(annotated[ln])}"
                )
    if problems:
        raise SystemExit("gold annotations disagree with the generated text:\n  " + "\n  ".join(problems))


def check_planted(original: str, final: str) -> None:
    """Every planted change is visible as old text in the original and new text in the final version."""
    for change in PLANTED_CHANGES:
        old, new = change["old"], change["new"]
        if change["kind"] in ("actor_added", "actor_removed"):
            name = new or old
            surfaces = [a for a in REGISTRY[name]["aliases"]]
            before = sum(original.count(s) for s in surfaces)
            after = sum(final.count(s) for s in surfaces)
            assert (after > before) if change["kind"] == "actor_added" else (after < before), change
            continue
        if old:
            assert old in original and (old not in final or change["kind"] == "deadline_moved"), change
        if new:
            assert new in final and (new not in original or change["kind"] == "deadline_moved"), change


# ---------------------------------------------------------------------------------------------------


def write_text(name: str, text: str) -> Path:
    path = SAMPLES / name
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return path


def main() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    written = [write_text(LETTER_FILE, render_letter()), write_text(BIJLAGE_FILE, render_bijlage())]

    blocks = agreement_document(final=False)
    export, index = render_export(blocks)
    validate(blocks, index, export)
    written.append(write_text(EXPORT_FILE, export))

    docx_path = SAMPLES / DOCX_FILE
    docx_path.write_bytes(DocxWriter(blocks).build())
    pdf_bytes, hyphenated, pages = render_pdf(blocks)
    pdf_path = SAMPLES / PDF_FILE
    pdf_path.write_bytes(pdf_bytes)
    written += [docx_path, pdf_path]

    final_export, _ = render_export(agreement_document(final=True), final=True)
    check_planted(export, final_export)
    written.append(write_text(FINAL_FILE, final_export))

    gold = build_gold(blocks, index)
    GOLD_FILE.parent.mkdir(parents=True, exist_ok=True)
    GOLD_FILE.write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    written.append(GOLD_FILE)

    for path in written:
        print(f"{path.relative_to(HERE.parent)}  {path.stat().st_size:,} bytes")
    print(f"PDF: {pages} pages; hyphenated at line ends: {', '.join(hyphenated)}")
    print(f"gold: {gold['stats']}")


if __name__ == "__main__":
    main()
