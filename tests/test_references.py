"""References: Kamerstuk normalisation, motie linking, toezeggingen, document numbers and status.

Fixture documents are built the way readers deliver text: footnote marks removed from the running
text and kept as FootnoteRef(number, offset), each footnote a Block(kind=footnote, number=N). In the
fixtures below a mark is written `{N}` where it stood ("El Abassi{4} waarin").
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from extractors.references import find_citations, find_references, normalise_kamerstuk, sentence_spans
from schemas import Block, BlockKind, Document, DocumentMeta, FootnoteRef, SourceFormat
from schemas.facts import Reference, RefKind
from tests.paths import shared_file

# ---------------------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------------------

NORMALISE_CASES = [
    # The spellings of DESIGN.md and the issue.
    ("Kamerstukken 29 389 nr. 152", "kst-29389-152"),
    ("Kamerstukken II 2024/25, 29 389, nr. 152", "kst-29389-152"),
    ("Kst. 31 765, nr. 820", "kst-31765-820"),
    ("Kamerstuk 30 169, nr. 75", "kst-30169-75"),
    ("TK 2022–2023, 34 104, nr. 394", "kst-34104-394"),
    ("36 600-XVI nr. 74", "kst-36600-XVI-74"),
    ("36 600 XVI, nr. 61", "kst-36600-XVI-61"),
    ("36 600XVI nr. 58", "kst-36600-XVI-58"),
    ("29389-nr. 138", "kst-29389-138"),
    ("Kamerstukken II, 2021-2022, 29389 nr. 111", "kst-29389-111"),
    ("kst-29389-162", "kst-29389-162"),
    ("Kamerstukken 36 410-XVI nr. 68", "kst-36410-XVI-68"),
    # Seen in the reference corpus.
    ("Kamerstukken 29 389, nr. 155.", "kst-29389-155"),
    ("Kamerstukken 36 600 XVI, nr. 61.", "kst-36600-XVI-61"),
    ("Kamerstukken 36 486, nr. 13", "kst-36486-13"),
    ("Kamerstukken II, 2023-2024, 36 471, nr. 96.", "kst-36471-96"),
    ("Kamerstukken II, 2024-2025, 36 600XVI nr. 58", "kst-36600-XVI-58"),
    ("Kamerstukken II, 2024-2025 29389-nr. 138", "kst-29389-138"),
    ("Kamerstukken II, 2022-2023, 34104 nr. 374", "kst-34104-374"),
    ("Kamerstukken II, 2024-2025, 29389, nr. 145", "kst-29389-145"),
    ("Kamerstukken II, 2023-24, 31 765, nr. 858.", "kst-31765-858"),
    ("Kst. 29 689, nr. 1305.", "kst-29689-1305"),
    ("Kst. 36 200 XVI, nr. 87.", "kst-36200-XVI-87"),
    ("Tweede Kamer, vergaderjaar 2024–2025, 29 282, nr. 598", "kst-29282-598"),
    ("kamerstuk nummer: TK, 29389-nr. 138", "kst-29389-138"),
    ("TK 2022 – 2023, 34 104, nr. 394", "kst-34104-394"),
    ("Kamerstuk 34104, nr. 374", "kst-34104-374"),
    # Other spellings writers use.
    ("Kamerstukken II 2025/26, 36 800-XVI, nr. 12", "kst-36800-XVI-12"),
    ("Kamerstukken II 2024/2025, 36\u00a0600\u00a0XVI, nr. 5", "kst-36600-XVI-5"),
    ("Kamerstuk 36 600–XVI, nr. 90", "kst-36600-XVI-90"),
    ("Kamerstukken 36 200 VII, nr. 3", "kst-36200-VII-3"),
    ("Kamerstukken 36 600 IXB, nr. 4", "kst-36600-IXB-4"),
    ("Kamerstukken 36 600-A, nr. 15", "kst-36600-A-15"),
    ("Kamerstukken 21 501-31, nr. 789", "kst-21501-31-789"),
    ("Kamerstukken II 2024/25, 36 123 (R2190), nr. 5", "kst-36123-5"),
    ("Kamerstukken 29 389 nummer 150", "kst-29389-150"),
    ("Kamerstukken 29389, nr.152", "kst-29389-152"),
    ("kst 29389 nr 152", "kst-29389-152"),
    ("KST-36600-XVI-74", "kst-36600-XVI-74"),
    ("16 36200-XVI-87 (begrotingsbehandeling VWS 2022)", "kst-36200-XVI-87"),
    ("https://zoek.officielebekendmakingen.nl/kst-36600-XVI-61.html", "kst-36600-XVI-61"),
    ("Kamerstukken I 2024/25, 36 600 XVI, A", "kst-36600-XVI-A"),
    ("(Kamerstukken 29 389, nrs. 136 en 137)", "kst-29389-136"),
    ("Motie Krul, Kamerstukken II, 2024-2025 29389-nr. 138.", "kst-29389-138"),
    # Aanhangsel Handelingen and Handelingen.
    ("Aanhangsel Handelingen II 2025/26, nr. 399", "ah-tk-2025-2026-399"),
    ("Tweede Kamer, vergaderjaar 2025–2026, Aanhangsel bij de handelingen nr. 399", "ah-tk-2025-2026-399"),
    ("Aanhangsel Handelingen I 2024/25, nr. 12", "ah-ek-2024-2025-12"),
    ("Eerste Kamer, vergaderjaar 2023–2024, Aanhangsel bij de handelingen nr. 7", "ah-ek-2023-2024-7"),
    ("Aanh. Hand. II 2024/25, nr. 1234", "ah-tk-2024-2025-1234"),
    ("Aanhangsel Handelingen 2024-2025, nr. 2051", "ah-tk-2024-2025-2051"),
    ("Handelingen II 2024/25, nr. 45, item 12", "h-tk-2024-2025-45-12"),
    ("Handelingen I 2023/24, nr. 30", "h-ek-2023-2024-30"),
    # Not Kamerstukken: false friends.
    ("artikel 3 nr. 2", None),
    ("art. 10, nr. 4", None),
    ("Staatscourant 2023, nr. 17290", None),
    ("Stb. 2015, nr. 123", None),
    ("zie ook Staatscourant Nr. 17290, 22 juni 2023", None),
    ("kenmerk 3604293-1049249-PZO", None),
    ("€ 29 389 nr. 5", None),
    ("€ 242 mln in 2026 tot € 250 mln structureel", None),
    ("in 2025 nr. 3 van de reeks", None),
    ("1 januari 2028", None),
    ("2025-2028", None),
    ("TZ202410-166", None),
    ("2026D02742", None),
    ("Onderdeel van kamerstukdossier 29389 -162", None),
    ("Aanhangsel Handelingen nr. 399", None),  # no vergaderjaar: the number is not unique
    ("Handelingen II 2024/25", None),
    ("ESG448-breed", None),
    ("kenmerk 29389-138", None),  # without a chapter numeral the bare id form is not trusted
    ("Mantelzorgagenda 2023-20263", None),
]


@pytest.mark.parametrize(("surface", "expected"), NORMALISE_CASES)
def test_normalise_kamerstuk(surface: str, expected: str | None) -> None:
    assert normalise_kamerstuk(surface) == expected


def test_enough_normalisation_cases() -> None:
    assert len([c for c in NORMALISE_CASES if c[1]]) >= 40
    assert len([c for c in NORMALISE_CASES if c[1] is None]) >= 10


def test_citation_of_several_numbers_yields_one_target_each() -> None:
    text = "Zie de moties (Kamerstukken 29 389, nrs. 136 en 137)."
    cites = find_citations(text)
    assert [c.target for c in cites] == ["kst-29389-136", "kst-29389-137"]
    assert {c.surface(text) for c in cites} == {"Kamerstukken 29 389, nrs. 136 en 137"}


def test_citation_span_excludes_trailing_period_and_handelingen_inside_aanhangsel() -> None:
    text = "Zie Aanhangsel Handelingen II 2025/26, nr. 399. En Kamerstukken 29 389 nr. 152."
    cites = find_citations(text)
    assert [(c.target, c.surface(text)) for c in cites] == [
        ("ah-tk-2025-2026-399", "Aanhangsel Handelingen II 2025/26, nr. 399"),
        ("kst-29389-152", "Kamerstukken 29 389 nr. 152"),
    ]


def test_sentences_do_not_break_at_abbreviations() -> None:
    text = (
        "De motie Claassen c.s. is o.a. besproken op 3 juni jl. in de commissie. "
        "Zie Kamerstukken 29 389 nr. 152. Nicki J.F. Pouw-Verweij ondertekent."
    )
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "De motie Claassen c.s. is o.a. besproken op 3 juni jl. in de commissie.",
        "Zie Kamerstukken 29 389 nr. 152.",
        "Nicki J.F. Pouw-Verweij ondertekent.",
    ]


# ---------------------------------------------------------------------------------------------------
# Fixture documents
# ---------------------------------------------------------------------------------------------------

_MARK = re.compile(r"\{(\d+)\}")


def _block(kind: str, text: str, number: int | None = None) -> Block:
    refs = []
    clean = ""
    pos = 0
    for m in _MARK.finditer(text):
        clean += text[pos : m.start()]
        refs.append(FootnoteRef(number=int(m.group(1)), offset=len(clean)))
        pos = m.end()
    clean += text[pos:]
    return Block(kind=BlockKind(kind), text=clean, number=number, footnote_refs=refs)


def make_doc(*blocks: tuple[str, str] | tuple[str, int, str]) -> Document:
    """Blocks as (kind, text) or ("footnote", number, text); `{N}` marks footnote N in the text."""
    built = []
    for spec in blocks:
        if spec[0] == "footnote":
            built.append(_block("footnote", spec[2], number=spec[1]))  # type: ignore[misc]
        else:
            built.append(_block(spec[0], spec[1]))  # type: ignore[arg-type]
    return Document(meta=DocumentMeta(format=SourceFormat.txt), blocks=built)


def moties(refs: list[Reference]) -> list[Reference]:
    return [r for r in refs if r.kind == RefKind.motie]


def motie_table(doc: Document) -> list[tuple[str, str | None, str | None]]:
    return [(r.surface, r.target, r.status) for r in moties(find_references(doc))]


def assert_spans(doc: Document, refs: list[Reference]) -> None:
    for r in refs:
        assert doc.text[r.char_start : r.char_end] == r.surface
        assert r.block is not None and doc.blocks[r.block].char_start <= r.char_start


# The closing section of the voortgangsbrief HLO (2026D02742), as the tkconv reader delivers it.
LETTER = make_doc(
    (
        "paragraph",
        "Aanvullend op HLO geldt dat in de brief van 3 juni 2025{5} is toegelicht welke stappen "
        "worden gezet naar aanleiding van de motie Joseph{6} over het indiceren met terugwerkende kracht.",
    ),
    ("heading", "Motie"),
    (
        "paragraph",
        "De motie van de leden Thiadens en Eerdmans{12} verzoekt de regering uit te spreken dat "
        "intramuraal verblijf niet hetzelfde is als thuis. Ik ben het hiermee eens.",
    ),
    (
        "paragraph",
        "In de constateringen bij de motie wordt aangegeven dat winstuitkering verboden is. In een "
        "eerdere beantwoording van Kamervragen{13} heb ik dit aangegeven. Ik beschouw deze motie hiermee als afgedaan.",
    ),
    ("heading", "Afsluiting"),
    ("paragraph", "Ik kijk uit naar de resultaten."),
    ("footnote", 5, "Kamerstukken 34 104 nr. 444."),
    ("footnote", 6, "Kamerstukken 36 600-XVI nr. 74."),
    ("footnote", 12, "Kamerstukken 36 600 XVI, nr. 61."),
    ("footnote", 13, "Tweede Kamer, vergaderjaar 2025–2026, Aanhangsel bij de handelingen nr. 399."),
)


def test_letter_citations_in_footnotes() -> None:
    refs = find_references(LETTER)
    cites = [(r.footnote, r.target) for r in refs if r.kind == RefKind.kamerstuk]
    assert cites == [
        (5, "kst-34104-444"),
        (6, "kst-36600-XVI-74"),
        (12, "kst-36600-XVI-61"),
        (13, "ah-tk-2025-2026-399"),
    ]
    assert_spans(LETTER, refs)


def test_letter_moties_linked_through_their_footnote_and_deze_motie_in_the_section() -> None:
    refs = moties(find_references(LETTER))
    assert [(r.surface, r.target, r.footnote, r.status) for r in refs] == [
        # The brief's footnote (5) stands earlier in the sentence and is not the motie's.
        ("motie Joseph", "kst-36600-XVI-74", 6, None),
        ("motie van de leden Thiadens en Eerdmans", "kst-36600-XVI-61", 12, "afgedaan"),
    ]


# The mantelzorg section of the bijlage (2026D02743): three moties in bullets, then one sentence
# declaring them and a toezegging done.
BIJLAGE = make_doc(
    ("heading", "Cluster 2 Reablement"),
    ("paragraph", "Met het plan geef ik uitvoering aan de motie van het lid Bikker{3}."),
    ("heading", "Mantelzorgondersteuning- en respijt- en logeerzorg"),
    (
        "paragraph",
        "Met de gemaakte afspraken in het HLO geef ik ook uitvoering aan een aantal aangenomen moties "
        "van uw Kamer. Het om:",
    ),
    (
        "list_item",
        "Met het vormen van afspraken over een gelijkgericht ondersteuningsaanbod voor mantelzorgers bij "
        "gemeenten, geef ik uitvoering aan de motie van het lid El Abassi{4} waarin wordt verzocht om inclusiviteit "
        "en diversiteit in de zorg actief te ondersteunen.",
    ),
    (
        "list_item",
        "Met het vormen van afspraken over de organisatie van logeerzorg geef ik invulling aan de motie "
        "van het lid Van der Plas{5}, waarin verzocht wordt de samenwerking te stimuleren.",
    ),
    (
        "list_item",
        "Dit geldt eveneens voor de motie van het lid Rikkers-Oosterkamp{6} over het informeren van "
        "mantelzorgers over logeerzorg.",
    ),
    (
        "paragraph",
        "Hiermee beschouw ik deze moties, en de toezegging uw Kamer te informeren over de lopende "
        "gesprekken over het organiseren van respijtzorg (TZ202410-166), als afgedaan.",
    ),
    ("heading", "Cluster 9 Verkenning afstemming zorgwetten"),
    ("paragraph", "Deze verkenning is breed ingestoken, voor de Zvw, Wlz, Wmo en de Jeugdwet{7}."),
    ("footnote", 3, "Kamerstukken 29 389 nr. 130."),
    ("footnote", 4, "Kamerstukken 29 389 nr. 136."),
    ("footnote", 5, "Kamerstukken 36 410-XVI nr. 68."),
    ("footnote", 6, "Kamerstukken 29 389 nr. 137."),
    (
        "footnote",
        7,
        "Hiermee geef ik tevens invulling aan de motie van het lid De Korte over de vereenvoudiging "
        "van aanspraken voor thuiswonende cliënten (Kamerstukken 36 486, nr. 13).",
    ),
)


def test_bijlage_moties_in_bullets_and_toezegging_declared_done_together() -> None:
    refs = find_references(BIJLAGE)
    assert motie_table(BIJLAGE) == [
        # Another section: "deze moties" does not reach back over a heading.
        ("motie van het lid Bikker", "kst-29389-130", "in_uitvoering"),
        # in_uitvoering in its bullet, afgedaan in the closing sentence: afgedaan wins.
        ("motie van het lid El Abassi", "kst-29389-136", "afgedaan"),
        ("motie van het lid Van der Plas", "kst-36410-XVI-68", "afgedaan"),
        ("motie van het lid Rikkers-Oosterkamp", "kst-29389-137", "afgedaan"),
        # Named and cued inside its own footnote.
        ("motie van het lid De Korte", "kst-36486-13", "in_uitvoering"),
    ]
    tz = [(r.target, r.status) for r in refs if r.kind == RefKind.toezegging]
    assert tz == [("TZ202410-166", "afgedaan")]
    de_korte = next(r for r in refs if r.kind == RefKind.motie and "De Korte" in r.surface)
    assert de_korte.footnote == 7
    assert_spans(BIJLAGE, refs)


def test_dit_geldt_eveneens_inherits_the_previous_status() -> None:
    doc = make_doc(
        *[
            b
            for b in (
                ("heading", "Logeerzorg"),
                ("list_item", "Met de afspraken geef ik invulling aan de motie van het lid Van der Plas{5}."),
                (
                    "list_item",
                    "Dit geldt eveneens voor de motie van het lid Rikkers-Oosterkamp{6} over logeerzorg.",
                ),
                ("footnote", 5, "Kamerstukken 36 410-XVI nr. 68."),
                ("footnote", 6, "Kamerstukken 29 389 nr. 137."),
            )
        ]
    )
    assert [s for _, _, s in motie_table(doc)] == ["in_uitvoering", "in_uitvoering"]


# ---------------------------------------------------------------------------------------------------
# Motie names and linking
# ---------------------------------------------------------------------------------------------------

MOTIE_NAMES = [
    ("de motie van het lid El Abassi waarin wordt verzocht", "motie van het lid El Abassi"),
    ("De motie van de leden Thiadens en Eerdmans verzoekt", "motie van de leden Thiadens en Eerdmans"),
    (
        "Hiermee beschouw ik de motie van het lid Claassen c.s. als afgedaan.",
        "motie van het lid Claassen c.s.",
    ),
    ("Zie ook motie Claassen c.s. over zeggenschap.", "motie Claassen c.s."),
    ("naar aanleiding van de motie Joseph over het indiceren", "motie Joseph"),
    (
        "de door uw Kamer aangenomen motie van Kamerlid Krul c.s. die de regering verzoekt",
        "motie van Kamerlid Krul c.s.",
    ),
    ("Motie Slagt-Tichelman en nog iets", "Motie Slagt-Tichelman"),
    ("Ik beschouw de motie Pouw-Verweij en Tielen hiermee als afgedaan.", "motie Pouw-Verweij en Tielen"),
    (
        "invulling gegeven aan de motie Jansen/Slagt-Tichelman om NLZVE te betrekken",
        "motie Jansen/Slagt-Tichelman",
    ),
    (
        "uitvoering aan de motie van de Tweede Kamerleden Dobbe en Dijk over een Noodplan",
        "motie van de Tweede Kamerleden Dobbe en Dijk",
    ),
    ("de motie van het lid Van der Plas, waarin", "motie van het lid Van der Plas"),
    ("de motie van het lid De Korte over de vereenvoudiging", "motie van het lid De Korte"),
    ("de motie-Joseph over spoedopnames", "motie-Joseph"),
    ("de gewijzigde motie van het Kamerlid Ellemeet over", "motie van het Kamerlid Ellemeet"),
    ("de moties van de leden Bushoff, Dobbe en Dijk over", "moties van de leden Bushoff, Dobbe en Dijk"),
    ("tevens invulling geef aan motie De Korte om op korte termijn", "motie De Korte"),
    ("Motie Krul, Kamerstukken II, 2024-2025 29389-nr. 138.", "Motie Krul"),
]


@pytest.mark.parametrize(("text", "surface"), MOTIE_NAMES)
def test_motie_names(text: str, surface: str) -> None:
    doc = make_doc(("paragraph", text))
    assert [r.surface for r in moties(find_references(doc))] == [surface]


@pytest.mark.parametrize(
    "text",
    [
        "Motie",
        "In de constateringen bij de motie wordt aangegeven dat winstuitkering verboden is.",
        "Hiermee beschouw ik deze moties als afgedaan.",
        "geef ik uitvoering aan een aantal aangenomen moties van uw Kamer.",
        "De motie Kamerstukken 29 389 nr. 5 is aangenomen.",
        "De motie VWS is geen motie.",
        "Zij werken aan motievering en moties.",
    ],
)
def test_not_a_named_motie(text: str) -> None:
    assert moties(find_references(make_doc(("paragraph", text)))) == []


def test_motie_target_from_parenthesised_citations_inside_one_footnote() -> None:
    # HLO: "De Tweede Kamer hecht er belang aan[12]" with both moties named in footnote 12.
    doc = make_doc(
        (
            "paragraph",
            "De Tweede Kamer hecht er belang aan{12} dat integraal wordt gekeken naar arbeidsmarkt.",
        ),
        ("paragraph", "Bovendien heeft de Tweede Kamer het kabinet verzocht voorbereidingen te treffen{14}."),
        (
            "footnote",
            12,
            "Motie Slagt-Tichelman (Kamerstukken II, 2024-2025, 36 600XVI nr. 58) en Motie Krul "
            "(Kamerstukken II, 2024-2025, 29 389 nr. 138).",
        ),
        ("footnote", 14, " Motie Krul, Kamerstukken II, 2024-2025 29389-nr. 138."),
    )
    refs = find_references(doc)
    assert [(r.surface, r.target, r.footnote) for r in moties(refs)] == [
        ("Motie Slagt-Tichelman", "kst-36600-XVI-58", 12),
        ("Motie Krul", "kst-29389-138", 12),
        ("Motie Krul", "kst-29389-138", 14),
    ]
    assert_spans(doc, refs)


def test_footnote_with_several_citations_picks_the_motie_by_name() -> None:
    doc = make_doc(
        ("paragraph", "Naar aanleiding van de motie Joseph{6} is met het CIZ afgesproken dat dit verandert."),
        (
            "footnote",
            6,
            "Zie de brief van 3 juni 2025 (Kamerstukken 34 104, nr. 444) en de motie Joseph "
            "(Kamerstukken 36 600-XVI, nr. 74).",
        ),
    )
    assert motie_table(doc)[0] == ("motie Joseph", "kst-36600-XVI-74", None)


def test_footnote_with_several_unlabelled_citations_is_not_guessed() -> None:
    doc = make_doc(
        ("paragraph", "Hiermee geef ik uitvoering aan de motie Joseph{6}."),
        ("footnote", 6, "Kamerstukken 34 104, nr. 444 en Kamerstukken 36 600-XVI, nr. 74."),
    )
    assert motie_table(doc) == [("motie Joseph", None, "in_uitvoering")]


def test_two_moties_sharing_one_footnote_are_paired_in_order() -> None:
    doc = make_doc(
        (
            "paragraph",
            "Ik geef uitvoering aan de motie van het lid El Abassi en de motie van het lid "
            "Rikkers-Oosterkamp{3}.",
        ),
        ("footnote", 3, "Kamerstukken 29 389, nrs. 136 en 137."),
    )
    assert [(s, t) for s, t, _ in motie_table(doc)] == [
        ("motie van het lid El Abassi", "kst-29389-136"),
        ("motie van het lid Rikkers-Oosterkamp", "kst-29389-137"),
    ]


def test_footnote_with_citation_and_toezegging_gives_the_kamerstuk() -> None:
    doc = make_doc(
        ("paragraph", "Ik zal ook op de motie Tielen{8} ingaan."),
        ("footnote", 8, "Kst. 31 765, nr. 820 en TZ202412-36."),
    )
    refs = find_references(doc)
    assert motie_table(doc) == [("motie Tielen", "kst-31765-820", None)]
    assert [(r.kind, r.target, r.footnote) for r in refs if r.kind != RefKind.motie] == [
        (RefKind.kamerstuk, "kst-31765-820", 8),
        (RefKind.toezegging, "TZ202412-36", 8),
    ]


def test_motie_named_in_its_own_footnote_after_the_citation() -> None:
    doc = make_doc(
        ("paragraph", "Toegelicht is welke stappen worden gezet naar aanleiding van de motie Joseph{11}."),
        (
            "footnote",
            11,
            "Kamerstukken 36 600-XVI nr. 74: Motie van het lid Joseph over verpleeghuizen bij "
            "een spoedopname vanaf opnamedag één de vergoeding geven die hoort bij een opname.",
        ),
    )
    assert [(s, t) for s, t, _ in motie_table(doc)] == [
        ("motie Joseph", "kst-36600-XVI-74"),
        ("Motie van het lid Joseph", "kst-36600-XVI-74"),
    ]


def test_citation_later_in_the_sentence_links_and_next_motie_gets_its_own() -> None:
    doc = make_doc(
        (
            "paragraph",
            "De motie van het lid De Korte over aanspraken (Kamerstukken 36 486, nr. 13) en de motie "
            "Joseph (Kamerstuk 36 600-XVI, nr. 74) zijn uitgevoerd.",
        ),
    )
    assert [(s, t) for s, t, _ in motie_table(doc)] == [
        ("motie van het lid De Korte", "kst-36486-13"),
        ("motie Joseph", "kst-36600-XVI-74"),
    ]


def test_motie_without_footnote_or_citation_has_no_target() -> None:
    doc = make_doc(
        (
            "paragraph",
            "De aanleiding is de door uw Kamer aangenomen motie van Kamerlid Krul c.s. die de regering "
            "hiertoe verzoekt. In de brief van juni{8} staat meer.",
        ),
        ("footnote", 8, "Kamerstukken 34 104 nr. 444"),
    )
    assert motie_table(doc) == [("motie van Kamerlid Krul c.s.", None, None)]


def test_motie_footnote_at_the_end_of_the_status_sentence() -> None:
    # AZWA letter: "Hiermee beschouw ik de motie van het lid Claassen c.s. als afgedaan.5"
    doc = make_doc(
        ("heading", "Toezegging domeinoverstijgend indiceren en motie Claassen"),
        (
            "paragraph",
            "Partijen spreken in het AZWA (onderdeel B3) af om te blijven samenwerken aan dit thema. "
            "Hiermee beschouw ik de motie van het lid Claassen c.s. als afgedaan.{5}",
        ),
        ("footnote", 5, "Kst. 29 282, nr. 598."),
    )
    assert motie_table(doc) == [
        ("motie Claassen", None, None),  # a name in a heading: nothing links it, so no target
        ("motie van het lid Claassen c.s.", "kst-29282-598", "afgedaan"),
    ]


def test_motie_with_mark_before_the_name_and_mark_after_it() -> None:
    # "bijgevoegd AZWA «onderhandelaarsakkoord»1, waarmee ik tevens invulling geef aan motie De Korte
    # om ... te komen.2": footnote 1 is a toezegging and stands before the name.
    doc = make_doc(
        (
            "paragraph",
            "Het totaal aan afspraken is gevat in bijgevoegd AZWA «onderhandelaarsakkoord»{1}, waarmee "
            "ik tevens invulling geef aan motie De Korte om op korte termijn tot een afronding van het AZWA te "
            "komen.{2}",
        ),
        ("footnote", 1, "TZ202501-097"),
        ("footnote", 2, "Kst. 29 689, nr. 1305."),
    )
    refs = find_references(doc)
    assert motie_table(doc) == [("motie De Korte", "kst-29689-1305", "in_uitvoering")]
    # The sentence does not speak of a toezegging, so the toezegging gets no status from it.
    assert [(r.target, r.status) for r in refs if r.kind == RefKind.toezegging] == [("TZ202501-097", None)]


def test_glued_footnote_number_after_a_name_is_used_when_the_reader_left_it() -> None:
    doc = make_doc(
        ("paragraph", "Dit sluit ook aan bij de motie Claassen14 die verzoekt om in gesprek te gaan."),
        ("footnote", 14, "Kst. 31 765, nr. 890."),
    )
    assert motie_table(doc) == [("motie Claassen", "kst-31765-890", None)]


def test_bundle_restarting_footnote_numbers_uses_the_nearest_following_footnote() -> None:
    doc = make_doc(
        ("paragraph", "Ik geef invulling aan de motie Joseph{1}."),
        ("footnote", 1, "Kamerstukken 36 600-XVI nr. 74."),
        ("heading", "Bijlage"),
        ("paragraph", "Partijen geven uitvoering aan de motie Krul{1}."),
        ("footnote", 1, "Kamerstukken 29 389 nr. 138."),
    )
    assert [(s, t) for s, t, _ in motie_table(doc)] == [
        ("motie Joseph", "kst-36600-XVI-74"),
        ("motie Krul", "kst-29389-138"),
    ]


# ---------------------------------------------------------------------------------------------------
# Status cues and scope
# ---------------------------------------------------------------------------------------------------

STATUS_SENTENCES = [
    ("Ik beschouw de motie Claassen hiermee als afgedaan.", "afgedaan"),
    ("Hiermee beschouw ik de motie van het lid Claassen c.s. als afgedaan.", "afgedaan"),
    ("Daarmee is de motie van het lid Joseph afgedaan.", "afgedaan"),
    ("Hiermee is voldaan aan de motie van het lid Joseph.", "afgedaan"),
    ("Met deze brief voldoe ik aan de motie Joseph.", "afgedaan"),
    ("Met de betaaltitel doe ik de motie van het lid Ellemeet over systeemfuncties af.", "afgedaan"),
    ("De motie Joseph kan hiermee als afgedaan worden beschouwd.", "afgedaan"),
    ("De motie Joseph, die verzoekt om spoed, beschouw ik hiermee als afgedaan.", "afgedaan"),
    ("Met het vormen van afspraken geef ik uitvoering aan de motie van het lid El Abassi.", "in_uitvoering"),
    (
        "Met afspraken over logeerzorg geef ik invulling aan de motie van het lid Van der Plas.",
        "in_uitvoering",
    ),
    ("Hiermee geef ik tevens invulling aan de motie van het lid De Korte over aanspraken.", "in_uitvoering"),
    (
        "Hiermee geef ik zoals eerder toegelicht invulling aan de motie Pouw-Verweij en Tielen.",
        "in_uitvoering",
    ),
    (
        "Hiermee wordt invulling gegeven aan de motie Jansen/Slagt-Tichelman om NLZVE te betrekken.",
        "in_uitvoering",
    ),
    ("Hiermee geeft VWS uitvoering aan de motie van de Tweede Kamerleden Dobbe en Dijk.", "in_uitvoering"),
    ("Ter uitvoering van de motie Joseph krijgt het CIZ meer ruimte.", "in_uitvoering"),
    ("Ik geef gevolg aan de motie Joseph.", "in_uitvoering"),
    # No status: negated, reported request, or no cue at all.
    ("Ik beschouw de motie Joseph nog niet als afgedaan.", None),
    ("De motie Joseph verzoekt de regering uitvoering te geven aan het plan.", None),
    ("De motie Joseph verzoekt de regering, samen met partijen, uitvoering te geven aan het plan.", None),
    ("In de motie Joseph wordt verzocht de motie als afgedaan te beschouwen zodra het plan er is.", None),
    ("Hiermee geeft VWS aan motie van de Tweede Kamerleden Bushoff en Dijk over tarieven.", None),
    ("De motie Joseph wordt in de volgende brief besproken.", None),
]


@pytest.mark.parametrize(("text", "status"), STATUS_SENTENCES)
def test_status_cues(text: str, status: str | None) -> None:
    doc = make_doc(("paragraph", text))
    assert [s for _, _, s in motie_table(doc)] == [status]


def test_deze_motie_takes_the_last_motie_of_the_section() -> None:
    doc = make_doc(
        ("heading", "Passende zorg"),
        (
            "paragraph",
            "Eerder sprak ik over de motie Tielen{1}. Dit sluit ook aan bij de motie Claassen{2} die "
            "verzoekt om in gesprek te gaan met de speciaal gezant.",
        ),
        (
            "list_item",
            "In september kunt u de 1-meting verwachten. Hiermee beschouw ik deze motie als afgedaan.",
        ),
        ("footnote", 1, "Kst. 31 765, nr. 800."),
        ("footnote", 2, "Kst. 31 765, nr. 890."),
    )
    assert motie_table(doc) == [
        ("motie Tielen", "kst-31765-800", None),
        ("motie Claassen", "kst-31765-890", "afgedaan"),
    ]


def test_deze_motie_does_not_cross_a_heading() -> None:
    doc = make_doc(
        ("paragraph", "De motie Joseph{1} vraagt om spoed."),
        ("heading", "Financiën"),
        ("paragraph", "Ik beschouw deze motie hiermee als afgedaan."),
        ("footnote", 1, "Kamerstukken 36 600-XVI nr. 74."),
    )
    assert motie_table(doc) == [("motie Joseph", "kst-36600-XVI-74", None)]


def test_deze_moties_reaches_moties_named_only_in_a_footnote_of_the_section() -> None:
    doc = make_doc(
        ("heading", "Integraliteit"),
        (
            "paragraph",
            "De Tweede Kamer hecht er belang aan{12} dat integraal wordt gekeken. Hiermee beschouw "
            "ik deze moties als afgedaan.",
        ),
        (
            "footnote",
            12,
            "Motie Slagt-Tichelman (Kamerstukken II, 2024-2025, 36 600XVI nr. 58) en Motie Krul "
            "(Kamerstukken II, 2024-2025, 29 389 nr. 138).",
        ),
    )
    assert [s for _, _, s in motie_table(doc)] == ["afgedaan", "afgedaan"]


def test_moties_named_in_a_footnote_of_the_status_sentence_get_its_status() -> None:
    doc = make_doc(
        ("paragraph", "Eerder besprak ik de motie Joseph{1}."),
        ("paragraph", "Hiermee beschouw ik de motie{2} als afgedaan."),
        ("footnote", 1, "Kamerstukken 36 600-XVI nr. 74."),
        ("footnote", 2, "Motie van het lid Krul over een staatscommissie, Kamerstukken 29 389 nr. 138."),
    )
    # "de motie" with a footnote naming it is that motie, not the last one discussed before.
    assert motie_table(doc) == [
        ("motie Joseph", "kst-36600-XVI-74", None),
        ("Motie van het lid Krul", "kst-29389-138", "afgedaan"),
    ]


def test_sentence_without_the_word_motie_reaches_the_moties_of_its_footnote() -> None:
    doc = make_doc(
        ("paragraph", "Met het HLO geef ik invulling aan de wens van uw Kamer{12}."),
        ("footnote", 12, "Motie Slagt-Tichelman (Kamerstukken II, 2024-2025, 36 600XVI nr. 58)."),
    )
    assert motie_table(doc) == [("Motie Slagt-Tichelman", "kst-36600-XVI-58", "in_uitvoering")]


def test_status_is_shared_by_every_mention_of_the_same_motie() -> None:
    doc = make_doc(
        ("paragraph", "In de vorige brief ging ik in op de motie Joseph{1}."),
        (
            "paragraph",
            "Met ingang van 2026 krijgt het CIZ meer ruimte. Ik beschouw de motie Joseph{2} hiermee "
            "als afgedaan.",
        ),
        ("footnote", 1, "Kamerstukken 36 600-XVI nr. 74."),
        ("footnote", 2, "Kamerstukken 36 600-XVI nr. 74."),
    )
    assert [s for _, _, s in motie_table(doc)] == ["afgedaan", "afgedaan"]


def test_two_cues_in_one_sentence_go_to_the_nearest_motie() -> None:
    doc = make_doc(
        (
            "paragraph",
            "Met het plan geef ik uitvoering aan de motie Joseph{1}, en ik beschouw de motie Krul{2} "
            "hiermee als afgedaan.",
        ),
        ("footnote", 1, "Kamerstukken 36 600-XVI nr. 74."),
        ("footnote", 2, "Kamerstukken 29 389 nr. 138."),
    )
    assert [s for _, _, s in motie_table(doc)] == ["in_uitvoering", "afgedaan"]


def test_toezegging_in_a_marked_footnote_of_a_toezegging_sentence() -> None:
    doc = make_doc(
        (
            "paragraph",
            "In de begroting heb ik toegezegd u te informeren{1}. Via deze brief doe ik die "
            "toezegging gestand.",
        ),
        ("paragraph", "Hiermee doe ik de toezegging{2} gestand."),
        ("footnote", 1, "TZ202501-097"),
        ("footnote", 2, "TZ202412-36"),
    )
    refs = find_references(doc)
    assert [(r.target, r.status, r.footnote) for r in refs if r.kind == RefKind.toezegging] == [
        ("TZ202501-097", "afgedaan", 1),  # "die toezegging": the last one of the section
        ("TZ202412-36", "afgedaan", 2),
    ]


def test_document_numbers_and_toezegging_ids() -> None:
    doc = make_doc(
        (
            "paragraph",
            "Bijlage bij: Voortgangsbrief Hoofdlijnenakkoord Ouderenzorg (2026D02742). Zoals toegezegd "
            "informeer ik u hierover.{4} Zie ook TZ202410-166.",
        ),
        ("footnote", 4, "Kst. 2024Z16781."),
    )
    refs = find_references(doc)
    assert [(r.kind, r.target, r.footnote) for r in refs] == [
        (RefKind.document, "2026D02742", None),
        (RefKind.toezegging, "TZ202410-166", None),
        (RefKind.document, "2024Z16781", 4),
    ]
    assert_spans(doc, refs)


# ---------------------------------------------------------------------------------------------------
# Reference corpus (through the real readers; skipped where ../shared is absent)
# ---------------------------------------------------------------------------------------------------


def _read(relative: str) -> Document:
    from extractors.readers import read

    return read(shared_file(relative))


def _by_footnote(refs: list[Reference]) -> list[tuple[int | None, str | None]]:
    return [(r.footnote, r.target) for r in refs if r.kind == RefKind.kamerstuk]


def _motie(refs: list[Reference], name: str) -> list[Reference]:
    found = [r for r in refs if r.kind == RefKind.motie and name in r.surface]
    assert found, f"no motie named {name!r} in {[r.surface for r in refs if r.kind == RefKind.motie]}"
    return found


@pytest.mark.corpus
def test_corpus_letter_2026D02742() -> None:
    doc = _read("corpus/text/2026D02742-voortgangsbrief-hlo.txt")
    refs = find_references(doc)
    assert _by_footnote(refs) == [
        (1, "kst-29389-152"),
        (2, "kst-29389-156"),
        (4, "kst-31765-943"),
        (5, "kst-34104-444"),
        (6, "kst-36600-XVI-74"),
        (7, "kst-29389-155"),
        (9, "kst-31765-943"),
        (10, "kst-29389-151"),
        (11, "kst-25424-766"),
        (12, "kst-36600-XVI-61"),
        (13, "ah-tk-2025-2026-399"),
    ]
    assert [(r.target, r.status) for r in _motie(refs, "Thiadens en Eerdmans")] == [
        ("kst-36600-XVI-61", "afgedaan")
    ]
    assert [(r.target, r.status) for r in _motie(refs, "Joseph")] == [("kst-36600-XVI-74", None)]
    assert_spans(doc, refs)


@pytest.mark.corpus
def test_corpus_bijlage_2026D02743() -> None:
    doc = _read("corpus/text/2026D02743-bijlage-stand-van-zaken-per-cluster.txt")
    refs = find_references(doc)
    for name, target in [
        ("El Abassi", "kst-29389-136"),
        ("Van der Plas", "kst-36410-XVI-68"),
        ("Rikkers-Oosterkamp", "kst-29389-137"),
    ]:
        assert [(r.target, r.status) for r in _motie(refs, name)] == [(target, "afgedaan")], name
    assert [(r.target, r.status) for r in refs if r.kind == RefKind.toezegging] == [
        ("TZ202410-166", "afgedaan")
    ]
    assert [(r.target, r.status, r.footnote) for r in _motie(refs, "De Korte")] == [
        ("kst-36486-13", "in_uitvoering", 7)
    ]
    assert {r.target for r in _motie(refs, "Joseph")} == {"kst-36600-XVI-74"}
    assert [(r.target, r.status) for r in _motie(refs, "Krul")] == [(None, None)]
    assert_spans(doc, refs)


@pytest.mark.corpus
def test_corpus_hlo_docx_export_matches_gold() -> None:
    doc = _read("corpus/text/hlo-2025-onderhandelaarsakkoord.docx-export.txt")
    gold = json.loads(Path(shared_file("gold/hlo-2025-onderhandelaarsakkoord.gold.json")).read_text("utf-8"))
    refs = find_references(doc)

    def kst(dossier: str, number: str) -> str:
        return f"kst-{dossier}-{number}"

    expected = [(c["footnote"], kst(c["dossier"], c["number"])) for c in gold["citations"]]
    assert _by_footnote(refs) == expected
    got_moties = [(r.surface, r.target, r.status) for r in refs if r.kind == RefKind.motie]
    expected_moties = [
        (m["surface"], kst(m["kamerstuk_norm"]["dossier"], m["kamerstuk_norm"]["number"]), m["status"])
        for m in gold["moties"]
    ]
    assert got_moties == expected_moties
    assert_spans(doc, refs)


@pytest.mark.corpus
def test_corpus_azwa_letter_moties() -> None:
    doc = _read("corpus/text/azwa-2025-onderhandelaarsakkoord-bundel.pdf-export.txt")
    fn5 = [b for b in doc.blocks if b.kind == BlockKind.footnote and b.number == 5 and "29 282" in b.text]
    if not fn5:
        pytest.skip("the pdf-export reader does not deliver the AZWA letter's footnote 5 as a footnote block")
    refs = find_references(doc)
    letter_end = next(r.char_start for r in refs if r.kind == RefKind.motie and "Krul" in r.surface)
    letter = [
        (r.surface, r.target, r.status) for r in refs if r.kind == RefKind.motie and r.char_start < letter_end
    ]
    assert letter == [
        ("motie De Korte", "kst-29689-1305", "in_uitvoering"),  # "waarmee ik tevens invulling geef aan"
        ("motie Claassen", None, None),  # in the heading; nothing cites it there
        ("motie van het lid Claassen c.s.", "kst-29282-598", "afgedaan"),
        ("motie Jansen/Slagt-Tichelman", "kst-31765-884", "in_uitvoering"),
        ("motie Claassen", "kst-31765-890", "afgedaan"),
        ("motie Pouw-Verweij en Tielen", "kst-36200-XVI-87", "afgedaan"),
        ("motie Claassen", "kst-31765-890", "afgedaan"),  # "Hiermee beschouw ik deze motie als afgedaan."
        # "invulling aan", but declared done earlier in the letter: afgedaan wins.
        ("motie Pouw-Verweij en Tielen", "kst-36200-XVI-87", "afgedaan"),
    ]
    assert_spans(doc, refs)
