"""The names readers give records their source left unnamed, and how writers tell them.

An `Actor` and a `Source` must have a name, and a source may not give one:
a PLOVER entity with a sector alone, a GDELT actor with codes alone, a
PLOVER text without publication, a GDELT mention without source name or
identifier. Its reader names the record with a `Placeholder` and gives it
an id under the placeholder's prefix; writers write `given_name`, which is
None for a name any reader made up, so an export from any format leaves
empty what the source left empty instead of presenting the placeholder as
something the source said. A record a user names "unnamed" has an id of
its own and keeps its name.

Examples:
    >>> actor = Actor(id=UNNAMED_ACTOR.make_id("-", "CVL"), kind="group",
    ...               name=UNNAMED_ACTOR.name_of({"cameo_sector": "CVL"}))
    >>> actor.name, given_name(actor)
    ('unnamed', None)
    >>> given_name(Actor(id="a1", name="unnamed", kind="group"))
    'unnamed'
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from eventkit._ids import make_id
from eventkit._records import Actor, Source

__all__ = [
    "UNNAMED_ACTOR",
    "UNNAMED_ARTICLE",
    "UNNAMED_PUBLICATION",
    "Placeholder",
    "given_name",
]


@attrs.frozen(kw_only=True)
class Placeholder:
    """The name of a record its source left unnamed, and the prefix of that record's id."""

    text: str
    """The name given when nothing stands in for one."""
    prefix: str
    """The prefix of their ids: a record of the same name with another id was named by a user."""
    stand_in: str | None = None
    """The identifier scheme whose value, where given, names the record instead of `text`."""

    def make_id(self, *parts: str) -> str:
        """The id of a record named by this placeholder, made of ``parts``."""
        return make_id(*parts, prefix=self.prefix)

    def name_of(self, identifiers: Mapping[str, str]) -> str:
        """The name of a record with ``identifiers`` that its source left unnamed."""
        stand_in = None if self.stand_in is None else identifiers.get(self.stand_in)
        return stand_in or self.text

    def named(self, record: Actor | Source) -> bool:
        """Whether this placeholder gave the record its name."""
        return record.id.startswith(f"{self.prefix}-") and record.name == self.name_of(
            record.identifiers
        )


UNNAMED_ACTOR = Placeholder(text="unnamed", prefix="unnamed-actor", stand_in="cameo")
"""An actor without a name: named by its CAMEO code, else "unnamed"."""
UNNAMED_PUBLICATION = Placeholder(text="unnamed publication", prefix="plover-unnamed")
"""The `Source` of PLOVER texts without publication."""
UNNAMED_ARTICLE = Placeholder(text="unnamed", prefix="gdelt-unnamed")
"""The `Source` of GDELT mentions without source name or identifier."""


def given_name(record: Actor | Source) -> str | None:
    """The record's name as its source gave it: None for a name a reader made up."""
    if isinstance(record, Actor):
        return None if UNNAMED_ACTOR.named(record) else record.name
    made_up = UNNAMED_PUBLICATION.named(record) or UNNAMED_ARTICLE.named(record)
    return None if made_up else record.name
