"""The contributor's front door: the routes on the Meedoen page (docs/meedoen.md) that depend on the site's settings.

The page itself is hand-written; the lines that name the project's e-mail address and repository come from
mkdocs.yml (``extra.contact_email``, ``repo_url``, through config.Settings), so they are set in one place only.
They are written by a page maker (``routes``) as a fragment the page includes with pymdownx.snippets, as the
home page includes its lists: no MkDocs hook or plugin, so Zensical builds the same page.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from . import types
from .config import FRAGMENT_DIR, Paths, Settings
from .diagnostics import Diagnostic
from .pages import Site, writes

FRAGMENT = f"{FRAGMENT_DIR}/meedoen.md"
# A plain address: the part before @ without spaces or markup characters, a domain with a dot.
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
# What a reader who writes should say, as the mail's subject and opening (they can change both).
SUBJECTS = {
    "correction": "Correctie op Wijkpraktijk",
    "story": f"{types.get('practice').singular} voor Wijkpraktijk",
}


def problems(paths: Paths) -> list[Diagnostic]:
    """Without an address the page would offer no route to people without a GitHub account: refuse to build."""
    email = paths.settings.contact_email
    if email and EMAIL_RE.fullmatch(email):
        return []
    return [
        Diagnostic(
            "mkdocs.yml",
            None,
            "extra.contact_email",
            "Er staat geen geldig e-mailadres voor de redactie in mkdocs.yml."
            if email
            else "Het e-mailadres van de redactie ontbreekt in mkdocs.yml.",
            "Zet onder 'extra:' de regel 'contact_email: redactie@voorbeeld.nl' met het echte adres; "
            "de pagina Meedoen noemt het voor wie geen GitHub-account heeft.",
        )
    ]


def _mailto(email: str, subject: str) -> str:
    return f"mailto:{email}?subject={quote(subject)}"


@writes(FRAGMENT_DIR)
def routes(site: Site) -> dict[str, str]:
    """The routes, as Markdown for docs/meedoen.md (links relative to docs/, where the page is)."""
    return {FRAGMENT: fragment(site.settings)}


def fragment(settings: Settings) -> str:
    email = settings.contact_email
    repo = settings.repo
    guide = f"https://github.com/{repo}/blob/{settings.branch}/CONTRIBUTING.md" if repo else ""
    lines = [
        "## Zonder account: mail de redactie",
        "",
        "Een fout gezien, een bron die ontbreekt, of een praktijkverhaal uit je eigen team? Mail het naar "
        f"[{email}]({_mailto(email, SUBJECTS['correction'])}). Noem bij een correctie de pagina (het webadres) en "
        f"wat er niet klopt. Stuur je een [{types.get('practice').label}]"
        f"({_mailto(email, SUBJECTS['story'])}), zeg dan waar het speelde en waar het beschreven staat "
        "(een artikel, verslag of website): alles op deze site komt uit een bron die een lezer kan nalezen.",
        "",
        "## Met het formulier, zonder bestanden of code",
        "",
        "Op [het formulier](admin/index.html) vul je een nieuwe pagina in, of verbeter je er een, veld voor veld. "
        "Je logt in met een GitHub-account. Voordat je opslaat, controleert het formulier je tekst met dezelfde "
        "regels als de redactie, en zegt het wat er nog moet gebeuren.",
        "",
        "## Met GitHub of op je eigen computer",
        "",
        "Bovenaan elke pagina staan **Bewerk deze pagina** (de tekst aanpassen op GitHub) en **Meld een fout**. "
        "Wie op de eigen computer werkt, maakt een pagina met `make new` en controleert die met `make check`."
        + (
            f" De [handleiding voor bijdragers]({guide}) legt alle drie de routes uit, met voorbeelden."
            if guide
            else ""
        ),
        "",
    ]
    return "\n".join(lines)
