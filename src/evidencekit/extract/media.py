"""Recordings and videos: container, codec, duration and sample rate from the bytes alone.

No external programs and no decoding: headers are read and seeked past, so a 1 GB video
costs a few kilobytes of reads. Where a format gives no duration cheaply (SILK packets may
hold several frames), the duration is an estimate and the facts say so.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.model import Extraction

CHUNK = 64 * 1024

# Speech payload bytes per frame by frame type (RFC 4867 §5.3), frame header byte excluded.
AMR_NB_FRAME_BYTES = (12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0)
AMR_WB_FRAME_BYTES = (17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0)
AMR_FRAME_SECONDS = 0.02
SILK_FRAME_SECONDS = 0.02

MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"heim", b"heis"}
MP4_TOP_LEVEL = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid"}

WAV_CODECS = {1: "pcm", 3: "pcm_float", 6: "alaw", 7: "mulaw", 0x11: "ima_adpcm", 0x55: "mp3", 0xFFFE: "extensible"}


@dataclass
class MediaInfo:
    container: str
    kind: str  # "recording" or "video"
    codec: str | None = None
    duration_seconds: float | None = None
    sample_rate: int | None = None
    channels: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def facts(self) -> dict[str, Any]:
        duration = round(self.duration_seconds, 3) if self.duration_seconds is not None else None
        return {
            "container": self.container,
            "codec": self.codec,
            "duration_seconds": duration,
            "sample_rate": self.sample_rate,
            "channels": self.channels,
            **self.extra,
        }


def container_of(head: bytes) -> str | None:
    """The container named by a file's first bytes, or None."""
    if head.startswith(b"\x02#!SILK_V3") or head.startswith(b"#!SILK_V3"):
        return "silk-v3"
    if head.startswith(b"#!AMR-WB\n"):
        return "amr-wb"
    if head.startswith(b"#!AMR\n"):
        return "amr"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(b"RIFF") and head[8:12] == b"AVI ":
        return "avi"
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"fLaC"):
        return "flac"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "heif" if head[8:12] in HEIF_BRANDS else "mp4"
    if len(head) >= 8 and head[4:8] in MP4_TOP_LEVEL - {b"ftyp"}:
        return "mp4"  # old QuickTime files start without ftyp
    if head.startswith(b"ID3") or (len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE6 in (0xE2, 0xE4, 0xE6)):
        return "mp3"
    if len(head) >= 2 and head[0] == 0xFF and head[1] & 0xF6 == 0xF0:
        return "aac-adts"
    return None


def read_head(path: Path, size: int = 64) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def media_kind_of(path: Path) -> str | None:
    """'recording', 'video', or None when the bytes are no audio or video container we know."""
    container = container_of(read_head(path))
    if container is None or container == "heif":
        return None
    if container in ("avi", "matroska"):
        return "video"
    if container == "mp4":
        with path.open("rb") as handle:
            info = _probe_mp4(handle, path.stat().st_size, Warnings(path))
        return info.kind
    return "recording"


def probe(path: Path, warnings: Warnings) -> MediaInfo | None:
    """What the headers say; None for bytes no known container starts with."""
    container = container_of(read_head(path))
    size = path.stat().st_size
    with path.open("rb") as handle:
        if container == "silk-v3":
            return _probe_silk(handle, warnings)
        if container in ("amr", "amr-wb"):
            return _probe_amr(handle, container, warnings)
        if container == "wav":
            return _probe_wav(handle, warnings)
        if container == "ogg":
            return _probe_ogg(handle, size, warnings)
        if container == "flac":
            return _probe_flac(handle, warnings)
        if container == "mp4":
            return _probe_mp4(handle, size, warnings)
        if container == "mp3":
            return _probe_mp3(handle, size, warnings)
        if container == "avi":
            return _probe_avi(handle, warnings)
        if container == "matroska":
            return MediaInfo("matroska", "video")
        if container == "aac-adts":
            return MediaInfo("aac-adts", "recording", codec="aac")
    return None


def extract_media(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Container, codec, duration and sample rate of a recording or video."""
    warnings = Warnings(path)
    try:
        info = probe(path, warnings)
    except (OSError, struct.error, ValueError) as error:
        warnings.add(f"headers could not be read ({type(error).__name__}: {error})")
        info = None
    if info is None:
        warnings.add(f"no audio or video container recognised in its first bytes (libmagic says {mime})")
        return Extraction(facts={"container": None, "codec": None, "duration_seconds": None, "sample_rate": None},
                          warnings=warnings.as_list())
    return Extraction(kind=info.kind, facts=info.facts(), warnings=warnings.as_list())


# ----------------------------------------------------------------------------- SILK, AMR

def _probe_silk(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    """WeChat voice: '#!SILK_V3' then packets of <int16 LE length><payload>; a length of -1
    or the end of file stops. Each packet holds one 20 ms frame at WeChat's settings."""
    first = handle.read(1)
    handle.seek(10 if first == b"\x02" else 9)
    packets = 0
    while True:
        length_bytes = handle.read(2)
        if len(length_bytes) < 2:
            if length_bytes:
                warnings.add("ends inside a packet length: the file is truncated")
            break
        (length,) = struct.unpack("<h", length_bytes)
        if length < 0:
            break
        payload = handle.read(length)
        if len(payload) < length:
            warnings.add(f"packet {packets + 1} is cut short: the file is truncated")
            break
        packets += 1
    return MediaInfo(
        "silk-v3", "recording", codec="silk", duration_seconds=packets * SILK_FRAME_SECONDS,
        channels=1, extra={"frames": packets, "duration_estimated": True},
    )


def _probe_amr(handle: BinaryIO, container: str, warnings: Warnings) -> MediaInfo:
    wideband = container == "amr-wb"
    sizes = AMR_WB_FRAME_BYTES if wideband else AMR_NB_FRAME_BYTES
    handle.seek(9 if wideband else 6)
    frames = 0
    buffer = b""
    offset = 0
    while True:
        if len(buffer) - offset < 64:
            buffer = buffer[offset:] + handle.read(CHUNK)
            offset = 0
            if not buffer:
                break
        frame_type = (buffer[offset] >> 3) & 0x0F
        frame_length = 1 + sizes[frame_type]
        if offset + frame_length > len(buffer):
            warnings.add(f"frame {frames + 1} is cut short: the file is truncated")
            break
        offset += frame_length
        frames += 1
    return MediaInfo(
        container, "recording", codec="amr-wb" if wideband else "amr-nb",
        duration_seconds=frames * AMR_FRAME_SECONDS, sample_rate=16000 if wideband else 8000, channels=1,
        extra={"frames": frames},
    )


# ----------------------------------------------------------------------------- WAV, AVI

def _probe_wav(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    handle.seek(12)
    info = MediaInfo("wav", "recording")
    byte_rate = 0
    while True:
        header = handle.read(8)
        if len(header) < 8:
            break
        chunk_id, chunk_size = struct.unpack("<4sI", header)
        if chunk_id == b"fmt ":
            fmt = handle.read(min(chunk_size, 40))
            code, channels, rate, byte_rate = struct.unpack("<HHII", fmt[:12])
            info.codec = WAV_CODECS.get(code, f"wave-format-{code:#x}")
            info.channels, info.sample_rate = channels, rate
            handle.seek(chunk_size - len(fmt) + (chunk_size & 1), 1)
        elif chunk_id == b"data":
            here = handle.tell()
            end = handle.seek(0, 2)
            available = end - here
            if available < chunk_size:
                warnings.add(f"data chunk says {chunk_size} bytes but {available} are there: the file is truncated")
            if byte_rate:
                info.duration_seconds = min(chunk_size, available) / byte_rate
            break
        else:
            handle.seek(chunk_size + (chunk_size & 1), 1)
    if info.codec is None:
        warnings.add("no fmt chunk: not a complete WAV file")
    return info


def _probe_avi(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    info = MediaInfo("avi", "video")
    head = handle.read(4096)
    at = head.find(b"avih")
    if at >= 0 and len(head) >= at + 8 + 20:
        micro_per_frame, _, _, _, total_frames = struct.unpack("<IIIII", head[at + 8 : at + 28])
        if micro_per_frame and total_frames:
            info.duration_seconds = micro_per_frame * total_frames / 1_000_000
    return info


# ----------------------------------------------------------------------------- OGG, FLAC

def _ogg_granule(page: bytes) -> int:
    return int(struct.unpack("<q", page[6:14])[0])


def _probe_ogg(handle: BinaryIO, size: int, warnings: Warnings) -> MediaInfo:
    first = handle.read(CHUNK)
    segments = first[26] if len(first) > 26 else 0
    packet = first[27 + segments : 27 + segments + 64]
    serial = first[14:18]
    info = MediaInfo("ogg", "recording")
    rate_for_granule: int | None = None
    pre_skip = 0
    if packet.startswith(b"OpusHead") and len(packet) >= 16:
        info.codec = "opus"
        info.channels = packet[9]
        pre_skip = struct.unpack("<H", packet[10:12])[0]
        info.sample_rate = struct.unpack("<I", packet[12:16])[0] or 48000
        rate_for_granule = 48000  # Opus granule positions always count 48 kHz samples
    elif packet.startswith(b"\x01vorbis") and len(packet) >= 16:
        info.codec = "vorbis"
        info.channels = packet[11]
        info.sample_rate = struct.unpack("<I", packet[12:16])[0]
        rate_for_granule = info.sample_rate
    elif packet.startswith(b"Speex   ") and len(packet) >= 40:
        info.codec = "speex"
        info.sample_rate = struct.unpack("<I", packet[36:40])[0]
        rate_for_granule = info.sample_rate
    elif packet.startswith(b"\x7fFLAC"):
        info.codec = "flac"
    elif packet.startswith(b"\x80theora"):
        info.codec, info.kind = "theora", "video"
    if rate_for_granule:
        handle.seek(max(0, size - CHUNK))
        tail = handle.read(CHUNK)
        granule = None
        at = tail.rfind(b"OggS")
        while at >= 0:
            page = tail[at : at + 27]
            if len(page) == 27 and page[14:18] == serial and _ogg_granule(page) >= 0:
                granule = _ogg_granule(page)
                break
            at = tail.rfind(b"OggS", 0, at)
        if granule is None:
            warnings.add("no final page with a position was found: the file may be truncated")
        else:
            info.duration_seconds = max(0, granule - pre_skip) / rate_for_granule
    return info


def _probe_flac(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    handle.seek(4)
    block = handle.read(4 + 34)
    info = MediaInfo("flac", "recording", codec="flac")
    if len(block) < 38 or block[0] & 0x7F != 0:
        warnings.add("no STREAMINFO block: not a complete FLAC file")
        return info
    packed = int.from_bytes(block[4 + 10 : 4 + 18], "big")
    info.sample_rate = packed >> 44
    info.channels = ((packed >> 41) & 0x7) + 1
    total_samples = packed & ((1 << 36) - 1)
    if info.sample_rate and total_samples:
        info.duration_seconds = total_samples / info.sample_rate
    return info


# ----------------------------------------------------------------------------- MP4 / M4A / MOV

#: Boxes whose children are boxes, on the path to mvhd, hdlr, mdhd and stsd.
_MP4_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl"}
MAX_MOOV_BYTES = 64 * 1024 * 1024


def _boxes(data: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(type, payload start, payload end) of the boxes in data[start:end]."""
    found = []
    at = start
    while at + 8 <= end:
        size, kind = struct.unpack(">I4s", data[at : at + 8])
        header = 8
        if size == 1 and at + 16 <= end:
            size = struct.unpack(">Q", data[at + 8 : at + 16])[0]
            header = 16
        elif size == 0:
            size = end - at
        if size < header or at + size > end:
            break
        found.append((kind, at + header, at + size))
        at += size
    return found


def _probe_mp4(handle: BinaryIO, size: int, warnings: Warnings) -> MediaInfo:
    brand = b""
    moov: bytes | None = None
    at = 0
    while at + 8 <= size:
        handle.seek(at)
        header = handle.read(16)
        if len(header) < 8:
            break
        box_size, kind = struct.unpack(">I4s", header[:8])
        header_size = 8
        if box_size == 1:
            box_size = struct.unpack(">Q", header[8:16])[0]
            header_size = 16
        elif box_size == 0:
            box_size = size - at
        if box_size < header_size:
            warnings.add(f"box at byte {at} has an impossible size: the file is damaged")
            break
        if kind == b"ftyp":
            brand = header[header_size : header_size + 4]
        elif kind == b"moov":
            if box_size > MAX_MOOV_BYTES:
                warnings.add("the movie header is too large to read")
                break
            handle.seek(at + header_size)
            moov = handle.read(box_size - header_size)
            break
        at += box_size
    audio_brand = brand in MP4_AUDIO_BRANDS
    info = MediaInfo("mp4/m4a" if audio_brand else "mp4", "recording" if audio_brand else "video")
    if brand:
        info.extra["brand"] = brand.decode("latin-1").strip()
    if moov is None:
        warnings.add("no moov box (movie header): the file is truncated or still being recorded")
        return info
    tracks = _read_moov(moov, info)
    handlers = {track["handler"] for track in tracks}
    info.kind = "video" if "vide" in handlers else "recording" if "soun" in handlers or audio_brand else info.kind
    if info.kind == "recording" and not audio_brand:
        info.container = "mp4/m4a"
    info.extra["tracks"] = tracks
    return info


def _read_moov(moov: bytes, info: MediaInfo) -> list[dict[str, Any]]:
    tracks: list[dict[str, Any]] = []
    for kind, start, end in _boxes(moov, 0, len(moov)):
        if kind == b"mvhd":
            timescale, duration = _header_times(moov, start)
            if timescale:
                info.duration_seconds = duration / timescale
        elif kind == b"trak":
            tracks.append(_read_track(moov, start, end))
    for track in tracks:
        if track["handler"] == "vide" and track.get("codec"):
            info.codec = track["codec"]
            break
        if track["handler"] == "soun" and track.get("codec"):
            info.codec = info.codec or track["codec"]
            info.sample_rate = info.sample_rate or track.get("sample_rate")
            info.channels = info.channels or track.get("channels")
    return tracks


def _header_times(data: bytes, start: int) -> tuple[int, int]:
    """(timescale, duration) of an mvhd or mdhd box payload."""
    version = data[start]
    if version == 1:
        return struct.unpack(">IQ", data[start + 20 : start + 32])
    return struct.unpack(">II", data[start + 12 : start + 20])


def _read_track(data: bytes, start: int, end: int) -> dict[str, Any]:
    track: dict[str, Any] = {"handler": None}
    stack = [(start, end)]
    while stack:
        begin, finish = stack.pop()
        for kind, child_start, child_end in _boxes(data, begin, finish):
            if kind in _MP4_CONTAINERS:
                stack.append((child_start, child_end))
            elif kind == b"hdlr" and child_end - child_start >= 12:
                track["handler"] = data[child_start + 8 : child_start + 12].decode("latin-1")
            elif kind == b"mdhd" and child_end - child_start >= 20:
                timescale, duration = _header_times(data, child_start)
                track["timescale"] = timescale
                if timescale:
                    track["duration_seconds"] = round(duration / timescale, 3)
            elif kind == b"stsd" and child_end - child_start >= 16:
                entry = child_start + 8
                track["codec"] = data[entry + 4 : entry + 8].decode("latin-1").strip()
                if child_end - entry >= 36:
                    channels = struct.unpack(">H", data[entry + 24 : entry + 26])[0]
                    rate = struct.unpack(">I", data[entry + 32 : entry + 36])[0] >> 16
                    track["channels_or_width"] = channels
                    track["sample_rate_field"] = rate
    if track["handler"] == "soun":
        if "sample_rate_field" in track:
            track["channels"] = track.pop("channels_or_width")
            track["sample_rate"] = track.pop("sample_rate_field") or track.get("timescale")
    track.pop("channels_or_width", None)
    track.pop("sample_rate_field", None)
    return track


# ----------------------------------------------------------------------------- MP3

_MP3_BITRATES = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MP3_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


@dataclass(frozen=True)
class _Mp3Frame:
    version: int  # 1 = MPEG-1, 2 = MPEG-2/2.5
    layer: int
    bitrate: int  # bit/s
    sample_rate: int
    channels: int
    samples: int  # per frame


def _mp3_frame(header: bytes) -> _Mp3Frame | None:
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version_bits = (header[1] >> 3) & 0x3
    layer = 4 - ((header[1] >> 1) & 0x3)
    bitrate_index = header[2] >> 4
    rate_index = (header[2] >> 2) & 0x3
    if version_bits == 1 or layer == 4 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    version = 1 if version_bits == 3 else 2
    table = _MP3_BITRATES[(1, layer)] if version == 1 else _MP3_BITRATES[(2, 1 if layer == 1 else 2)]
    samples = 384 if layer == 1 else 1152 if (layer == 2 or version == 1) else 576
    channels = 1 if (header[3] >> 6) == 3 else 2
    sample_rate = _MP3_RATES[version_bits][rate_index]
    return _Mp3Frame(version, layer, table[bitrate_index] * 1000, sample_rate, channels, samples)


def _probe_mp3(handle: BinaryIO, size: int, warnings: Warnings) -> MediaInfo:
    """Duration from the Xing/Info or VBRI frame count, else estimated from the bitrate."""
    info = MediaInfo("mp3", "recording", codec="mp3")
    start = 0
    head = handle.read(10)
    if head.startswith(b"ID3") and len(head) == 10:
        tag_size = (head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]
        start = 10 + tag_size + (10 if head[5] & 0x10 else 0)
    handle.seek(start)
    window = handle.read(CHUNK)
    frame = None
    at = 0
    while at < len(window) - 4:
        at = window.find(b"\xff", at)
        if at < 0:
            break
        frame = _mp3_frame(window[at : at + 4])
        if frame:
            break
        at += 1
    if frame is None:
        warnings.add("no MPEG audio frame found")
        return info
    info.sample_rate, info.channels = frame.sample_rate, frame.channels
    info.codec = f"mp{frame.layer}" if frame.layer != 3 else "mp3"
    side_info = (32 if frame.channels == 2 else 17) if frame.version == 1 else (17 if frame.channels == 2 else 9)
    xing_at = at + 4 + side_info
    frames = None
    if window[xing_at : xing_at + 4] in (b"Xing", b"Info"):
        flags = struct.unpack(">I", window[xing_at + 4 : xing_at + 8])[0]
        if flags & 1:
            frames = struct.unpack(">I", window[xing_at + 8 : xing_at + 12])[0]
    elif window[at + 36 : at + 40] == b"VBRI":
        frames = struct.unpack(">I", window[at + 50 : at + 54])[0]
    if frames:
        info.duration_seconds = frames * frame.samples / frame.sample_rate
        return info
    audio_bytes = size - (start + at)
    handle.seek(max(0, size - 128))
    if handle.read(3) == b"TAG":
        audio_bytes -= 128
    info.duration_seconds = audio_bytes * 8 / frame.bitrate
    info.extra["duration_estimated"] = True
    return info
