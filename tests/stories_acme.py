"""A user's own event type for tests/test_stories.py: a gas supply halt.

It is written as a user would write it, with the public API only, and is
kept in a module of its own so that the ``eventkit`` command in a subprocess
can import it (``--types tests/stories_acme.py``), as a user's would.
It uses each way a type can describe a field: a leading underscore (whose
alias is the wire key), an explicit attrs ``alias``, an attrs validator, an
enum, a value class of its own, an optional date or span, references to
actors (one and a tuple) and a mapping.
"""

import enum
from collections.abc import Mapping
from typing import ClassVar

import attrs

import eventkit as ek

__all__ = ["HaltReason", "Pipeline", "SupplyHalt"]


class HaltReason(enum.Enum):
    """Why the supplier stopped."""

    PAYMENT_DISPUTE = "payment_dispute"
    MAINTENANCE = "maintenance"
    SANCTIONS = "sanctions"


@attrs.frozen(kw_only=True)
class Pipeline:
    """The pipeline the gas no longer flows through."""

    name: ek.Text
    entry: ek.Place | None = None
    capacity: ek.Quantity | None = None
    countries: tuple[ek.Country, ...] = ()


@ek.event_type("acme.supply_halt")
@attrs.frozen(kw_only=True)
class SupplyHalt(ek.Event):
    """A supplier stops deliveries to its customers (PLOVER SANCTION; CAMEO 1621)."""

    plover_codes: ClassVar[ek.Codes] = ek.Codes(plover="SANCTION", cameo="1621")

    _supplier: ek.ActorId
    customers: tuple[ek.ActorId, ...] = ()
    reason: HaltReason | None = None
    pipeline: Pipeline | None = None
    notice_days: int = attrs.field(default=0, validator=attrs.validators.ge(0))
    contract_ref: ek.Text | None = attrs.field(default=None, alias="contract")
    halted: ek.When | None = None
    volumes: Mapping[str, ek.Quantity] = ek.FrozenDict()
