r"""Text that is not UTF-8: what is wrong with it, and where.

The one description of bad UTF-8, for every reader: files and text in
memory, JSON Lines and documents (`eventkit.from_json`, `eventkit.io`).

A lone surrogate (U+D800 to U+DFFF) is the usual culprit in text a program
made: a ``str`` may hold one, UTF-8 cannot, and a writer that encodes it
anyway (``surrogatepass``, CESU-8) writes the bytes ``ED A0``–``ED BF`` and
one more, which a reader must refuse. Both are named by code point, not as
a byte that happens to be bad.
"""

from __future__ import annotations

__all__ = ["encoded", "not_utf8"]

_WHY_NOT = "UTF-8 cannot hold a surrogate"


def encoded(text: str | bytes | bytearray | memoryview) -> bytes:
    r"""JSON text as bytes: a ``str`` as UTF-8, a lone surrogate kept (the bytes `not_utf8` names).

    Examples:
        >>> encoded("é"), encoded(b"a"), encoded("\ud800")
        (b'\xc3\xa9', b'a', b'\xed\xa0\x80')
    """
    return text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)


def not_utf8(text: str | bytes, *, start: int = 0, where: str = "in the text") -> str | None:
    r"""What a message says of ``text`` if it is not UTF-8, else None.

    Bytes are placed by byte offset, a ``str`` by character position.

    Args:
        text: the text as read (``bytes``), or as given (``str``).
        start: where ``text`` begins in what ``where`` names (a line's offset).
        where: what the offset counts in: ``"in the file"``, ``"in the text"``,
            ``"of the decompressed data"``.

    Examples:
        >>> not_utf8(b'{"a": "\xff"}')
        'not valid UTF-8: byte 0xff at byte offset 7 in the text (invalid start byte)'
        >>> not_utf8(b'"\xed\xb2\x80"', start=10, where="in the file")
        'not valid UTF-8: the surrogate U+DC80 at byte offset 11 in the file (bytes 0xed 0xb2 0x80: UTF-8 cannot hold a surrogate)'
        >>> not_utf8('"\udc80"')
        'not valid UTF-8: the lone surrogate U+DC80 at character 1 in the text (UTF-8 cannot hold a surrogate)'
        >>> not_utf8('"é"') is None
        True
    """  # noqa: E501 -- doctest output lines cannot be wrapped
    if isinstance(text, str):
        return _unencodable(text, start, where)
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = start + error.start
        surrogate = _encoded_surrogate(text, error.start)
        if surrogate is not None:
            code_point = f"U+{ord(surrogate):04X}"
            encoded = " ".join(f"0x{byte:02x}" for byte in text[error.start : error.start + 3])
            return (
                f"not valid UTF-8: the surrogate {code_point} at byte offset {offset} {where} "
                f"(bytes {encoded}: {_WHY_NOT})"
            )
        byte = text[error.start : error.start + 1].hex()
        return f"not valid UTF-8: byte 0x{byte} at byte offset {offset} {where} ({error.reason})"
    return None


def _unencodable(text: str, start: int, where: str) -> str | None:
    """The message for a ``str`` with a lone surrogate (all a ``str`` cannot encode), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code_point = f"U+{ord(text[error.start]):04X}"
        position = start + error.start
        return (
            f"not valid UTF-8: the lone surrogate {code_point} at character {position} {where} "
            f"({_WHY_NOT})"
        )
    return None


def _encoded_surrogate(raw: bytes, at: int) -> str | None:
    """The surrogate whose three bytes begin at ``at``, where strict decoding failed, or None."""
    try:
        char = raw[at : at + 3].decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    return char if len(char) == 1 and "\ud800" <= char <= "\udfff" else None
