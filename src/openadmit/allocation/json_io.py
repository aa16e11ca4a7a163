"""JSON in and out of the command line, with exact decimals.

Reading: a number with a fraction or an exponent becomes a `Decimal` exactly as written
(``0.30000000000000001`` stays that, never the float 0.3); NaN and Infinity, which JSON
does not have, are refused, and so is an integer longer than Python reads (4,300 digits).
Writing: every `Decimal` is written as the number it is, so a result read back holds
the same shares as the input it came from.
"""

import json
from decimal import Decimal
from typing import Any

from openadmit.allocation.errors import InputError


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def read_json(text: str) -> Any:
    """The parsed document; InputError when it is not valid JSON."""
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except RecursionError:
        raise InputError([("", "not valid JSON: nested too deeply")]) from None
    except ValueError as error:  # JSONDecodeError, a constant, an integer too long
        raise InputError([("", f"not valid JSON: {error}")]) from None


def write_json(value: Any, indent: int = 2) -> str:
    """JSON text of dicts, lists, tuples, text, whole numbers, Decimals, booleans, None."""
    return "\n".join(_lines(value, indent, 0))


def _lines(value: Any, indent: int, depth: int) -> list[str]:
    if isinstance(value, dict):
        items = [(json.dumps(str(k), ensure_ascii=False) + ": ", v) for k, v in value.items()]
        return _container("{", "}", items, indent, depth)
    if isinstance(value, list | tuple):
        return _container("[", "]", [("", v) for v in value], indent, depth)
    if isinstance(value, Decimal):
        return [str(value)]
    return [json.dumps(value, ensure_ascii=False)]


def _container(opening: str, closing: str, items, indent: int, depth: int) -> list[str]:
    if not items:
        return [opening + closing]
    pad = " " * (indent * (depth + 1))
    lines = [opening]
    for k, (key, item) in enumerate(items):
        inner = _lines(item, indent, depth + 1)
        inner[0] = pad + key + inner[0]
        if k < len(items) - 1:
            inner[-1] += ","
        lines += inner
    lines.append(" " * (indent * depth) + closing)
    return lines
