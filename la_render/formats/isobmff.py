"""Make an animated AVIF loop forever by editing its ISOBMFF boxes (ffmpeg 5.1 cannot).

ffmpeg 5.1's avif muxer writes no edit list, so players fall back to their own default (some
play once) and its `-loop` option does not exist yet (it came with ffmpeg 6). The AVIF spec
(and HEIF, ISO/IEC 23008-12 §7.2.3.1) signals "repeat forever" with an `edts/elst` box in the
track whose `flags & 1` is set and a track header (`tkhd`) duration of all ones (indefinite).
ffmpeg writes a version-0 `tkhd` (32-bit duration); Chromium's decoder (CrabbyAvif) reads a
32-bit 0xFFFFFFFF as a finite duration and repeats a finite number of times, so this module
rewrites the header as libavif writes it (version 1, 64-bit duration of all ones, which libavif,
Pillow and Chromium all read as indefinite), inserts `edts` after it and shifts every absolute
file offset behind them (`stco`/`co64` chunk offsets, `iloc` item extents), so the file stays
valid. Pure bytes in, bytes out: deterministic.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

#: Boxes whose payload is itself a list of boxes (the path to `trak`, `tkhd` and `stco`).
_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"edts"}
#: The edit list's "repeat the edits" flag (ISO/IEC 14496-12 §8.6.6).
REPEAT_FLAG = 1


class BoxError(ValueError):
    """The file is not the ISOBMFF layout this module knows how to edit."""


@dataclass(frozen=True)
class Box:
    kind: bytes
    start: int  # offset of the size field
    header: int  # 8, or 16 with a 64-bit size
    size: int

    @property
    def payload(self) -> int:
        return self.start + self.header

    @property
    def end(self) -> int:
        return self.start + self.size


def boxes(data: bytes | bytearray, start: int = 0, end: int | None = None) -> list[Box]:
    """The boxes laid end to end in data[start:end]."""
    end = len(data) if end is None else end
    found: list[Box] = []
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, offset)
        header = 8
        if size == 1:
            (size,) = struct.unpack_from(">Q", data, offset + 8)
            header = 16
        elif size == 0:
            size = end - offset
        if size < header or offset + size > end:
            raise BoxError(f"box {kind!r} at {offset} has a bad size {size}")
        found.append(Box(kind, offset, header, size))
        offset += size
    return found


def child(data: bytes | bytearray, parent: Box, kind: bytes, skip: int = 0) -> Box | None:
    """The first `kind` box inside `parent` (`skip`: bytes of full-box header before children)."""
    return next((b for b in boxes(data, parent.payload + skip, parent.end) if b.kind == kind), None)


def find(data: bytes | bytearray, *path: bytes) -> Box | None:
    """The box at a path of kinds from the top level, e.g. find(data, b"moov", b"trak")."""
    found: Box | None = next((b for b in boxes(data) if b.kind == path[0]), None)
    for kind in path[1:]:
        if found is None:
            return None
        found = child(data, found, kind, skip=4 if found.kind == b"meta" else 0)
    return found


def edit_list_box(segment_duration: int) -> bytes:
    """`edts` holding one repeating edit: the whole media from time 0 at rate 1."""
    elst = struct.pack(">I4sBBHIIiHH", 28, b"elst", 0, 0, REPEAT_FLAG, 1, segment_duration, 0, 1, 0)
    return struct.pack(">I4s", 8 + len(elst), b"edts") + elst


def _tkhd_duration_at(data: bytes | bytearray, tkhd: Box) -> tuple[int, int]:
    """(offset, width in bytes) of the duration field of a track header: after version and flags
    (4), creation and modification times (4 + 4, or 8 + 8 in version 1), track_ID and a reserved
    word (4 + 4) — payload + 20 in version 0, payload + 28 in version 1."""
    version = data[tkhd.payload]
    return (tkhd.payload + 28, 8) if version == 1 else (tkhd.payload + 20, 4)


def indefinite_track_header(data: bytes | bytearray, tkhd: Box) -> bytes:
    """The track header as libavif writes it for an image sequence that repeats forever: version 1
    (64-bit times), duration all ones. A version-0 header's 32-bit all-ones duration is a finite
    duration to some decoders (Chromium's reads 0xFFFFFFFF ticks and repeats the edits a finite
    number of times); the 64-bit one is "indefinite" to libavif and Chromium alike. Times and every
    other field are kept."""
    payload = bytes(data[tkhd.payload:tkhd.end])
    flags = payload[1:4]
    if payload[0] == 1:
        times, ids, rest = payload[4:20], payload[20:28], payload[36:]
    else:
        created, modified = struct.unpack_from(">II", payload, 4)
        times, ids, rest = struct.pack(">QQ", created, modified), payload[12:20], payload[24:]
    body = b"\x01" + flags + times + ids + b"\xff" * 8 + rest
    return struct.pack(">I4s", 8 + len(body), b"tkhd") + body


def _timescale_and_duration(data: bytes | bytearray, header: Box) -> tuple[int, int]:
    """(timescale, duration) of an `mvhd` or `mdhd` box (versions 0 and 1)."""
    if data[header.payload] == 1:
        return struct.unpack_from(">IQ", data, header.payload + 20)
    return struct.unpack_from(">II", data, header.payload + 12)


def _media_duration(data: bytes | bytearray, mvhd: Box, mdhd: Box) -> int:
    """The track's media duration in the movie timescale (ffmpeg 5.1 leaves tkhd's at 0)."""
    movie_scale, _ = _timescale_and_duration(data, mvhd)
    media_scale, media_duration = _timescale_and_duration(data, mdhd)
    if media_scale == 0 or media_duration == 0:
        raise BoxError("the track has no media duration")
    return -(-media_duration * movie_scale // media_scale)  # rounded up, so no frame is cut


def _shift_chunk_offsets(data: bytearray, table: Box, after: int, delta: int, wide: bool) -> None:
    """Add `delta` to each entry at or beyond `after` of an `stco` (32-bit) or `co64` table."""
    (count,) = struct.unpack_from(">I", data, table.payload + 4)
    fmt, step = (">Q", 8) if wide else (">I", 4)
    for index in range(count):
        at = table.payload + 8 + index * step
        (value,) = struct.unpack_from(fmt, data, at)
        if value >= after:
            struct.pack_into(fmt, data, at, value + delta)


def _read_uint(data: bytearray, at: int, width: int) -> int:
    return int.from_bytes(data[at:at + width], "big")


def _add_uint(data: bytearray, at: int, width: int, delta: int) -> None:
    data[at:at + width] = (_read_uint(data, at, width) + delta).to_bytes(width, "big")


def _shift_item_locations(data: bytearray, iloc: Box, after: int, delta: int) -> None:
    """Add `delta` to each `iloc` item location (file offsets) that lies at or beyond `after`."""
    at = iloc.payload
    version = data[at]
    offset_size, length_size = data[at + 4] >> 4, data[at + 4] & 15
    base_size, index_size = data[at + 5] >> 4, (data[at + 5] & 15) if version else 0
    at += 6
    id_size = 4 if version == 2 else 2
    count = _read_uint(data, at, id_size)
    at += id_size
    for _ in range(count):
        at += id_size
        if version:
            if _read_uint(data, at, 2) & 15:
                raise BoxError("iloc: an item not stored at a file offset (construction_method != 0)")
            at += 2
        at += 2  # data_reference_index
        base = _read_uint(data, at, base_size) if base_size else 0
        base_at = at
        at += base_size
        extents = _read_uint(data, at, 2)
        at += 2
        for _ in range(extents):
            at += index_size
            if base_size == 0 and _read_uint(data, at, offset_size) >= after:
                _add_uint(data, at, offset_size, delta)
            at += offset_size + length_size
        if base_size and base >= after:
            _add_uint(data, base_at, base_size, delta)


def _grow(data: bytearray, box: Box, delta: int) -> None:
    """Add `delta` to a box's size field (32- or 64-bit)."""
    if box.header == 16:
        _add_uint(data, box.start + 8, 8, delta)
    else:
        _add_uint(data, box.start, 4, delta)


def loop_forever(source: bytes) -> bytes:
    """The AVIF image sequence `source` with an infinitely repeating edit list on its track."""
    data = bytearray(source)
    moov, trak = find(data, b"moov"), find(data, b"moov", b"trak")
    tkhd, mvhd = find(data, b"moov", b"trak", b"tkhd"), find(data, b"moov", b"mvhd")
    mdhd = find(data, b"moov", b"trak", b"mdia", b"mdhd")
    stbl = find(data, b"moov", b"trak", b"mdia", b"minf", b"stbl")
    if not (moov and trak and tkhd and stbl and mvhd and mdhd):
        raise BoxError("not an AVIF image sequence (no moov/trak/tkhd/mdhd/stbl)")
    if child(data, trak, b"edts") is not None:
        raise BoxError("the track already has an edit list")
    header = indefinite_track_header(data, tkhd)
    edts = edit_list_box(min(_media_duration(data, mvhd, mdhd), 0xFFFFFFFF))
    delta = len(header) + len(edts) - tkhd.size
    for table_kind, wide in ((b"stco", False), (b"co64", True)):
        table = child(data, stbl, table_kind)
        if table is not None:
            _shift_chunk_offsets(data, table, tkhd.end, delta, wide)
    iloc = find(data, b"meta", b"iloc")
    if iloc is not None:
        _shift_item_locations(data, iloc, tkhd.end, delta)
    _grow(data, trak, delta)
    _grow(data, moov, delta)
    data[tkhd.start:tkhd.end] = header + edts  # version 1, indefinite: the edits repeat forever
    return bytes(data)


def repetition(data: bytes) -> str:
    """How the file says it repeats: "forever", "once" (no edit list) or "N times" (for messages)."""
    elst = find(data, b"moov", b"trak", b"edts", b"elst")
    if elst is None:
        return "once"
    if not data[elst.payload + 3] & REPEAT_FLAG:
        return "once"
    tkhd = find(data, b"moov", b"trak", b"tkhd")
    assert tkhd is not None
    at, width = _tkhd_duration_at(data, tkhd)
    return "forever" if data[at:at + width] == b"\xff" * width else "a finite number of times"
