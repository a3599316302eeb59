"""Pydantic errors → Dutch messages a non-programmer can act on.

Pydantic's own texts ("Input should be a valid string") are for developers;
contributors get what is wrong and an example of what would be right.
"""

from __future__ import annotations

from .model import ID_PATTERN  # noqa: F401  (documents where the id rule lives)

FIELD_EXAMPLES = {
    "id": "id: presentie  (kleine letters, cijfers en koppeltekens; gelijk aan de bestandsnaam)",
    "reviewed": "reviewed: 2026-11-23",
    "date": "date: 2014-10  (JJJJ, JJJJ-MM of JJJJ-MM-DD)",
    "url": "url: https://www.voorbeeld.nl/artikel",
    "website": "website: https://www.voorbeeld.nl",
    "summary": "summary: Eén of twee zinnen die zeggen waar de pagina over gaat.",
    "themes": "themes: [eenzaamheid, preventie]",
    "sources": "sources: [woltring-leeuwarden]",
    "credits": "credits:\n      - name: Jan Jansen\n        role: tekst",
    "status": "status: concept",
    "level": "level: [individu, buurt]",
    "period": "period:\n      start: 2007\n      end: 2014",
    "coordinates": "coordinates:\n      lat: 52.25\n      lon: 6.16",
    "facts": "facts:\n      - label: Inwoners\n        value: \"98.400\"\n        source: broekman-deventer",
    "steps": "steps:\n      - title: Kennismaken\n        text: Wat je doet in deze stap.",
}


def _example(field: str | None) -> str | None:
    if not field:
        return None
    for part in reversed(field.split(".")):
        if part in FIELD_EXAMPLES:
            return "Voorbeeld: " + FIELD_EXAMPLES[part]
    return None


def describe(error: dict) -> tuple[str, str | None]:
    """(message, hint) for one pydantic error dict."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    field = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    example = _example(field)
    msg = error.get("msg", "")
    if kind == "missing":
        return "Dit verplichte veld ontbreekt.", example or "Vul het veld in."
    if kind == "extra_forbidden":
        return "Dit veld bestaat niet voor dit soort pagina.", "Controleer de spelling van de veldnaam, of haal het veld weg. Zie de sjabloonbestanden in practices/_sjablonen/."
    if kind == "literal_error":
        return f"Deze waarde is niet toegestaan (gekregen: {error.get('input')!r}).", f"Kies uit: {str(ctx.get('expected', '')).replace(' or ', ' of ')}."
    if kind == "string_pattern_mismatch":
        return f"Dit is geen geldige id: {error.get('input')!r}.", "Gebruik alleen kleine letters a-z, cijfers en koppeltekens, bijvoorbeeld 'een-gezin-een-plan'."
    if kind in ("string_too_short", "too_short"):
        if kind == "too_short":
            return "Deze lijst mag niet leeg zijn.", example or "Vul minstens één waarde in."
        return "Dit veld is leeg of te kort.", example
    if kind in ("string_too_long", "too_long"):
        limit = ctx.get("max_length")
        return f"Dit veld is te lang (maximaal {limit} tekens).", "Maak de tekst korter; lange uitleg hoort in de hoofdtekst."
    if kind == "string_type":
        return f"Hier hoort tekst te staan (gekregen: {error.get('input')!r}).", "Zet de tekst tussen aanhalingstekens als hij met een getal of teken begint."
    if kind == "list_type":
        return "Hier hoort een lijst te staan.", example or "Schrijf een lijst als [a, b] of met '- ' op elke regel."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "Hier horen velden te staan (naam: waarde).", example
    if kind.startswith("date") :
        return f"Dit is geen geldige datum: {error.get('input')!r}.", example or "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-23."
    if kind.startswith("int") :
        return f"Hier hoort een heel getal te staan (gekregen: {error.get('input')!r}).", example
    if kind.startswith("float"):
        return f"Hier hoort een getal te staan (gekregen: {error.get('input')!r}).", example
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f"Dit getal valt buiten het toegestane bereik (gekregen: {error.get('input')!r}).", example
    if kind == "union_tag_invalid" or kind == "union_tag_not_found":
        return "Onbekend soort bron.", example
    if kind == "value_error":
        code = str(ctx.get("error", msg))
        if "partial_date" in code:
            return f"Dit is geen geldige datum: {error.get('input')!r}.", "Schrijf de datum als JJJJ, JJJJ-MM of JJJJ-MM-DD, bijvoorbeeld 2014-10."
        if "http_url" in code:
            return f"Dit is geen geldig webadres: {error.get('input')!r}.", "Alleen adressen die beginnen met https:// of http:// zijn toegestaan."
        if "nl_bounds" in code:
            got = error.get("input") or {}
            where = f" (gekregen: lat {got.get('lat')}, lon {got.get('lon')})" if isinstance(got, dict) else ""
            return (f"Deze coördinaten liggen niet in Nederland{where}.",
                    "Gebruik lat tussen 50.7 en 53.7 en lon tussen 3.3 en 7.25, zoals lat: 52.25, lon: 6.16 voor "
                    "Deventer. Staan lat en lon misschien omgedraaid, of ontbreekt een decimaalpunt?")
        if "period_order" in code:
            return "Het eindjaar ligt vóór het beginjaar.", example
    return f"Ongeldige waarde ({msg}).", example
