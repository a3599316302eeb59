"""Credit: who contributed to which pages, for the Bijdragers overview.

Every entry lists its ``credits``; this module gathers them per person so the
site can thank everyone in one place and each entry page can link a name to
that person's list. A person is recognised by the slug of their name, so
'Jan Jansen' and 'jan  jansen' are one contributor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from slugify import slugify

from .knowledge import KnowledgeBase

ROLE_ORDER = ("tekst", "redactie", "review", "bronnenonderzoek")


def anchor(name: str) -> str:
    """The stable anchor of a person on the Bijdragers page."""
    return "bijdrager-" + (slugify(name) or "onbekend")


@dataclass
class Contributor:
    anchor: str
    name: str
    roles: set[str] = field(default_factory=set)
    entry_ids: list[str] = field(default_factory=list)

    @property
    def role_list(self) -> list[str]:
        return [r for r in ROLE_ORDER if r in self.roles]


def contributors(kb: KnowledgeBase) -> list[Contributor]:
    """Everyone named in a ``credits`` list, by name, each with their pages and roles."""
    people: dict[str, Contributor] = {}
    for entry in sorted(kb.entries.values(), key=lambda e: e.model.title.lower()):
        for credit in entry.model.credits:
            key = anchor(credit.name)
            person = people.setdefault(key, Contributor(key, " ".join(credit.name.split())))
            person.roles.add(credit.role)
            if not person.entry_ids or person.entry_ids[-1] != entry.id:  # one entry may credit a person twice
                person.entry_ids.append(entry.id)
    return sorted(people.values(), key=lambda p: p.name.lower())
