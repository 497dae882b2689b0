"""hypothesis's entry point: ``st.from_type(ek.PhoneCall)`` gives valid records.

Classes registered later — a plugin imported after hypothesis, as under
pytest — are registered with hypothesis as they are registered with eventkit.

hypothesis calls `setup` while it is itself being imported, so this
module must not import `eventkit.testing` (which imports hypothesis)
at load time; the strategies are looked up when first used.
"""

from typing import Any

__all__ = ["setup"]


def _strategy(thing: Any) -> Any:
    from eventkit import testing  # noqa: PLC0415 - see the module docstring

    return testing.values(thing)


def setup() -> None:
    """Register eventkit's strategies for its records and value types."""
    from hypothesis import strategies as st  # noqa: PLC0415 - see the module docstring

    from eventkit import _registry  # noqa: PLC0415
    from eventkit._codes import Codes  # noqa: PLC0415
    from eventkit._records import (  # noqa: PLC0415
        Casualties,
        Citation,
        Money,
        Participant,
        Place,
        Quantity,
        Relation,
        Role,
    )
    from eventkit._time import PartialDate, TimeSpan  # noqa: PLC0415

    value_types = (Casualties, Citation, Codes, Money, Participant, Place, Quantity, Relation, Role)

    def offer(cls: type) -> None:
        st.register_type_strategy(cls, _strategy)

    for cls in (*_registry.registered(), *value_types, PartialDate, TimeSpan):
        offer(cls)
    _registry.watch(offer)
