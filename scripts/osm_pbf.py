"""A small reader of OpenStreetMap PBF files (the format of https://wiki.openstreetmap.org/wiki/PBF_Format),
enough for the city layers: the header's bounding box, node coordinates and tagged ways.

Plain Python (protobuf wire format and zlib by hand), so deriving the city layers needs no
third-party package. Relations are skipped: what is drawn from OSM here is made of ways.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

NANO = 1e-9


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(data: bytes) -> Iterator[tuple[int, int | bytes]]:
    """(field number, value) of a protobuf message: ints for varints, bytes otherwise."""
    pos, end = 0, len(data)
    while pos < end:
        key, pos = _varint(data, pos)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, pos = _varint(data, pos)
            yield number, value
        elif wire == 2:
            size, pos = _varint(data, pos)
            yield number, data[pos : pos + size]
            pos += size
        elif wire == 1:
            yield number, data[pos : pos + 8]
            pos += 8
        elif wire == 5:
            yield number, data[pos : pos + 4]
            pos += 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")


def packed(data: bytes) -> list[int]:
    """A packed repeated varint field."""
    out, pos, end = [], 0, len(data)
    while pos < end:
        value, pos = _varint(data, pos)
        out.append(value)
    return out


def zigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def deltas(values: list[int]) -> list[int]:
    """Delta-coded sint64 values, decoded."""
    out, total = [], 0
    for value in values:
        total += zigzag(value)
        out.append(total)
    return out


def blobs(path: Path) -> Iterator[tuple[str, bytes]]:
    """(type, uncompressed data) of every blob of the file."""
    data = path.read_bytes()
    pos = 0
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos : pos + 4])
        pos += 4
        header = dict(fields(data[pos : pos + size]))
        pos += size
        length = int(header.get(3, 0))
        blob = dict(fields(data[pos : pos + length]))
        pos += length
        if 1 in blob:
            content = bytes(blob[1])
        elif 3 in blob:
            content = zlib.decompress(bytes(blob[3]))
        else:
            raise ValueError(f"{path}: a blob with no raw or zlib data")
        yield bytes(header.get(1, b"")).decode("ascii"), content


def header_bbox(path: Path) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of the file's header, or None when it has none."""
    for kind, content in blobs(path):
        if kind == "OSMHeader":
            for number, value in fields(content):
                if number == 1:
                    box = {n: zigzag(int(v)) * NANO for n, v in fields(bytes(value))}
                    return (box[1], box[4], box[2], box[3])  # left, bottom, right, top
            return None
    return None


class Extract:
    """Node coordinates and the ways whose tags `keep` accepts, read in one pass."""

    def __init__(self, path: Path, keep) -> None:
        self.nodes: dict[int, tuple[float, float]] = {}  # id -> (lon, lat)
        self.ways: list[tuple[int, dict[str, str], list[int]]] = []  # (id, tags, node ids)
        for kind, content in blobs(path):
            if kind == "OSMData":
                self._block(content, keep)

    def line(self, refs: list[int]) -> list[tuple[float, float]]:
        """A way's points (nodes missing from the extract are skipped)."""
        return [self.nodes[r] for r in refs if r in self.nodes]

    def _block(self, content: bytes, keep) -> None:
        strings: list[str] = []
        groups = []
        granularity, lat_offset, lon_offset = 100, 0, 0
        for number, value in fields(content):
            if number == 1:
                strings = [bytes(s).decode("utf-8") for n, s in fields(bytes(value)) if n == 1]
            elif number == 2:
                groups.append(bytes(value))
            elif number == 17:
                granularity = int(value)
            elif number == 19:
                lat_offset = int(value)
            elif number == 20:
                lon_offset = int(value)

        def position(lat: int, lon: int) -> tuple[float, float]:
            return (
                (lon_offset + granularity * lon) * NANO,
                (lat_offset + granularity * lat) * NANO,
            )

        for group in groups:
            for number, value in fields(group):
                if number == 1:  # a plain node
                    node = dict(fields(bytes(value)))
                    self.nodes[zigzag(int(node[1]))] = position(
                        zigzag(int(node[8])), zigzag(int(node[9]))
                    )
                elif number == 2:  # dense nodes
                    dense = {}
                    for n, v in fields(bytes(value)):
                        if n in (1, 8, 9):
                            dense[n] = deltas(packed(bytes(v)))
                    for node_id, lat, lon in zip(
                        dense.get(1, []), dense.get(8, []), dense.get(9, []), strict=True
                    ):
                        self.nodes[node_id] = position(lat, lon)
                elif number == 3:  # a way
                    way_id, keys, vals, refs = 0, [], [], []
                    for n, v in fields(bytes(value)):
                        if n == 1:
                            way_id = int(v)
                        elif n == 2:
                            keys = packed(bytes(v))
                        elif n == 3:
                            vals = packed(bytes(v))
                        elif n == 8:
                            refs = deltas(packed(bytes(v)))
                    tags = {strings[k]: strings[v] for k, v in zip(keys, vals, strict=True)}
                    if keep(tags):
                        self.ways.append((way_id, tags, refs))
