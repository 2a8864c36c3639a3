"""Our records inside a Doc's bytes. `nlp.pipe(..., n_process=2)` sends every Doc to its worker
and back as `Doc.to_bytes()`, which packs the `doc._` extension values with srsly's msgpack: the
records of models/ (frozen dataclasses, dates, tuples) are not msgpack types, so they are packed
as tagged maps and rebuilt on the way in. Only the dataclasses models/ exports are rebuilt (no
code is ever loaded from the bytes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import srsly

import models

RECORD = "__expediente__"  # the tag of a packed record: its class name in models/
DATE = "__expediente_date__"


def _record_type(name: object) -> type | None:
    """The record class models/ exports under `name` (a dataclass), or None."""
    found = getattr(models, name, None) if isinstance(name, str) else None
    return found if isinstance(found, type) and dataclasses.is_dataclass(found) else None


Chain = Callable[[Any], Any] | None


def encode(obj: Any, chain: Chain = None) -> Any:
    """A record as a tagged map of its fields, a date as a tagged ISO string; anything else
    goes to the next encoder (srsly's msgpack_encoders chain)."""
    if type(obj) is dt.date:
        return {DATE: obj.isoformat()}
    record = type(obj)
    if dataclasses.is_dataclass(obj) and _record_type(record.__name__) is record:
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(record)}
        return {RECORD: record.__name__, **fields}
    return obj if chain is None else chain(obj)


def decode(obj: Any, chain: Chain = None) -> Any:
    """The record or date a tagged map stands for (msgpack lists back to the tuples the records
    hold); any other map goes to the next decoder."""
    if isinstance(obj, dict):
        if DATE in obj and len(obj) == 1:
            return dt.date.fromisoformat(obj[DATE])
        record = _record_type(obj.get(RECORD))
        if record is not None:
            fields = {k: _tuples(v) for k, v in obj.items() if k != RECORD}
            return record(**fields)
    return obj if chain is None else chain(obj)


def _tuples(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


# srsly's registries are its extension point for types msgpack does not know (numpy is one).
srsly.msgpack_encoders.register("expediente_records", func=encode)
srsly.msgpack_decoders.register("expediente_records", func=decode)
