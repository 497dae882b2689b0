"""Ids met in a stream, each with a number, in a few dozen bytes an id.

A `dict` of ids costs about 170 bytes an id (the text, a large integer and
the table's slot): 850 MB for a file of 5,000,000 records, when a
conversion's other memory is a batch's. `IdTable` keeps, for each id, a
128-bit BLAKE2b digest of its text and a number below ``2**128``, in four
arrays of 64-bit words: 32 bytes a slot, 48–96 bytes an id as the table
fills and doubles. Two different ids are taken for one only if 127 bits of
their digests agree, a chance of 1 in ``2**127`` a pair, which no text can
be made to meet on purpose (the digest is cryptographic, and the same in
every process). The ids themselves are not kept: the table can be asked
about an id, not for its ids.
"""

from __future__ import annotations

import struct
from array import array
from hashlib import blake2b
from typing import Final

__all__ = ["IdTable"]

_WORD: Final = (1 << 64) - 1
_EMPTY: Final = 0  # a slot's low word when free: a digest's low word has its lowest bit set
_WORDS: Final = struct.Struct("<QQ").unpack


class IdTable:
    """Ids, each with a number below ``2**128``: `setdefault`, `get` and setting, as a dict's.

    Examples:
        >>> ids = IdTable()
        >>> ids.setdefault("event-1", 7)  # new: 7 is kept for it
        7
        >>> ids.setdefault("event-1", 8), ids.get("event-1"), ids.get("event-2")
        (7, 7, None)
        >>> ids["event-1"] = 9
        >>> ids.get("event-1"), len(ids)
        (9, 1)
    """

    __slots__ = ("_high", "_low", "_mask", "_size", "_value_high", "_value_low")

    def __init__(self) -> None:
        self._size = 0
        self._allocate(1 << 10)

    def __len__(self) -> int:
        return self._size

    def get(self, key: str) -> int | None:
        """``key``'s number, or None if it was never given one."""
        slot, _, _ = self._slot(key)
        return None if self._low[slot] == _EMPTY else self._number(slot)

    def setdefault(self, key: str, value: int) -> int:
        """``key``'s number; ``value``, given to it, if it had none."""
        slot, low, high = self._slot(key)
        if self._low[slot] != _EMPTY:
            return self._number(slot)
        self._fill(slot, low, high, value)
        return value

    def __setitem__(self, key: str, value: int) -> None:
        """Give ``key`` the number ``value``, in place of the one it had."""
        slot, low, high = self._slot(key)
        if self._low[slot] != _EMPTY:
            self._value_low[slot], self._value_high[slot] = value & _WORD, value >> 64
        else:
            self._fill(slot, low, high, value)

    def _number(self, slot: int) -> int:
        return self._value_high[slot] << 64 | self._value_low[slot]

    def _slot(self, key: str) -> tuple[int, int, int]:
        """``key``'s slot, or the free slot where it would go, and its digest's two words."""
        # the 128-bit BLAKE2b digest of ``key`` (any text, a lone surrogate too)
        low, high = _WORDS(blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        low |= 1  # never `_EMPTY`
        lows, mask = self._low, self._mask
        slot = low & mask
        while True:
            found = lows[slot]
            if found == _EMPTY or (found == low and self._high[slot] == high):
                return slot, low, high
            slot = (slot + 1) & mask

    def _fill(self, slot: int, low: int, high: int, value: int) -> None:
        self._low[slot], self._high[slot] = low, high
        self._value_low[slot], self._value_high[slot] = value & _WORD, value >> 64
        self._size += 1
        if 3 * self._size > 2 * (self._mask + 1):  # two thirds full: probes stay short
            self._grow()

    def _allocate(self, slots: int) -> None:
        zeros = bytes(8 * slots)
        self._low, self._high = array("Q", zeros), array("Q", zeros)
        self._value_low, self._value_high = array("Q", zeros), array("Q", zeros)
        self._mask = slots - 1

    def _grow(self) -> None:
        """Twice the slots, each entry moved to its place among them."""
        entries = zip(self._low, self._high, self._value_low, self._value_high, strict=True)
        self._allocate(2 * (self._mask + 1))
        lows, highs, value_lows, value_highs = (
            self._low,
            self._high,
            self._value_low,
            self._value_high,
        )
        mask = self._mask
        for low, high, value_low, value_high in entries:
            if low == _EMPTY:
                continue
            slot = low & mask
            while lows[slot] != _EMPTY:
                slot = (slot + 1) & mask
            lows[slot], highs[slot] = low, high
            value_lows[slot], value_highs[slot] = value_low, value_high
