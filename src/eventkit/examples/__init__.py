"""Example datasets built with the public API, to learn from and to test with.

Examples:
    >>> from eventkit.examples import scholz_putin
    >>> ds = scholz_putin()
    >>> ds["call-2024-11-15"].title
    'Phone call between Olaf Scholz and Vladimir Putin'
    >>> from eventkit.examples import aleppo_airstrikes
    >>> aleppo_airstrikes()["strikes-al-bab"].casualties.killed.value
    11
"""

from eventkit.examples.aleppo_airstrikes import aleppo_airstrikes
from eventkit.examples.scholz_putin import scholz_putin

__all__ = ["aleppo_airstrikes", "scholz_putin"]
