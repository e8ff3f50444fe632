"""C-style backslash escapes: bash's $'...' quoting, and printf's format.

    \\n newline  \\t tab  \\\\ backslash  \\' quote  \\e escape  \\a bell ...
    \\NNN octal (1-3 digits)  \\xHH hex  \\uHHHH \\UHHHHHHHH Unicode  \\cX control-X
"""

ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "b": "\b", "f": "\f",
           "r": "\r", "v": "\v", '"': '"', "'": "'", "?": "?", "e": "\x1b", "E": "\x1b"}
HEX = "0123456789abcdefABCDEF"


def escape_at(text: str, i: int, control: bool = True) -> tuple[str, int]:
    """The escape starting with the backslash at text[i]: (its text, next index)."""
    nxt = text[i + 1:i + 2]
    if nxt and nxt in ESCAPES:
        return ESCAPES[nxt], i + 2
    if nxt and nxt in "01234567":
        j = i + 1
        while j < len(text) and j < i + 4 and text[j] in "01234567":
            j += 1
        return byte(int(text[i + 1:j], 8) & 0xFF), j
    for letter, size in (("x", 2), ("u", 4), ("U", 8)):
        if nxt == letter:
            j = i + 2
            while j < len(text) and j < i + 2 + size and text[j] in HEX:
                j += 1
            if j == i + 2:
                return "\\" + letter, j
            value = int(text[i + 2:j], 16)
            return (byte(value) if letter == "x" else chr(value)), j
    if control and nxt == "c" and i + 2 < len(text):
        return chr(ord(text[i + 2].upper()) ^ 0x40), i + 3
    return "\\", i + 1


def byte(value: int) -> str:
    """One raw byte: above 127 it is kept as a surrogate, so that writing
    it (errors="surrogateescape") gives the byte itself, not UTF-8."""
    return chr(value) if value < 128 else chr(0xDC00 + value)


def decode(text: str) -> str:
    """Every escape in `text` replaced by its character ($'...')."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            piece, i = escape_at(text, i)
            out.append(piece)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
