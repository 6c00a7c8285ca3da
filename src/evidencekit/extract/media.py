"""Recordings and videos: container, codec, duration and sample rate from the headers alone.

mutagen reads the formats it knows (MP3, AAC, Ogg, FLAC, WAV, MP4/M4A) from their headers and
seeks past the audio, so a 1 GB file costs a few kilobytes of reads and nothing is decoded.
WeChat's SILK voice and AMR have no Python reader, and mutagen reads no AVI: those headers are
read here. Where a format gives no duration cheaply, the duration is an estimate and the facts
say so.
"""

from __future__ import annotations

import codecs
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

import mutagen.aac
import mutagen.flac
import mutagen.mp3
import mutagen.mp4
import mutagen.oggflac
import mutagen.oggopus
import mutagen.oggspeex
import mutagen.oggtheora
import mutagen.oggvorbis
import mutagen.wave

from evidencekit.capture_names import capture_from_name, container_capture
from evidencekit.clock import CHINA_TZ, iso
from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.video import video_facts
from evidencekit.i18n import msg
from evidencekit.model import Extraction

CHUNK = 64 * 1024

#: Containers libmagic does not name, and the MIME type we give them (see evidencekit.sniff).
OWN_MIMES = {"silk-v3": "audio/silk", "amr": "audio/amr", "amr-wb": "audio/amr-wb"}

# Speech payload bytes per frame by frame type (RFC 4867 §5.3), frame header byte excluded.
AMR_NB_FRAME_BYTES = (12, 13, 15, 17, 19, 20, 26, 31, 5, 0, 0, 0, 0, 0, 0, 0)
AMR_WB_FRAME_BYTES = (17, 23, 32, 36, 40, 46, 50, 58, 60, 5, 0, 0, 0, 0, 0, 0)
AMR_FRAME_SECONDS = 0.02
SILK_FRAME_SECONDS = 0.02

MP4_AUDIO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"heim", b"heis"}
MP4_TOP_LEVEL = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid"}

WAV_CODECS = {1: "pcm", 3: "pcm_float", 6: "alaw", 7: "mulaw", 0x11: "ima_adpcm", 0x55: "mp3", 0xFFFE: "extensible"}

#: An Ogg stream's codec from the start of its first packet: (marker, mutagen class, codec, kind).
OGG_CODECS: tuple[tuple[bytes, type[mutagen.FileType], str, str], ...] = (
    (b"OpusHead", mutagen.oggopus.OggOpus, "opus", "recording"),
    (b"\x01vorbis", mutagen.oggvorbis.OggVorbis, "vorbis", "recording"),
    (b"Speex   ", mutagen.oggspeex.OggSpeex, "speex", "recording"),
    (b"\x7fFLAC", mutagen.oggflac.OggFLAC, "flac", "recording"),
    (b"\x80theora", mutagen.oggtheora.OggTheora, "theora", "video"),
)


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
    """The container a file's first bytes name beyond doubt, or None.

    A bare MPEG audio or ADTS frame sync is no such proof: it is two bytes, and a UTF-16 text
    starts with one (its byte order mark FF FE). :func:`sniff_container` settles those.
    """
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
    if head.startswith(b"ID3") and (len(head) < 4 or head[3] in (2, 3, 4)):
        return "mp3"  # an ID3v2 tag: "ID3", its major version, then the audio
    return None


def _frame_sync_of(head: bytes) -> str | None:
    """'mp3' or 'aac-adts' when the file starts with what could be a frame header: a hint only."""
    if len(head) < 2 or head[0] != 0xFF or head.startswith(codecs.BOM_UTF16_LE):
        return None
    if head[1] & 0xE6 in (0xE2, 0xE4, 0xE6):
        return "mp3"
    if head[1] & 0xF6 == 0xF0:
        return "aac-adts"
    return None


#: Frames in a row, each header where the one before ends, before a bare frame sync is audio.
CHAINED_FRAMES = 3

# MPEG audio header fields (ISO/IEC 11172-3 §2.4.2.3, 13818-3): kbit/s by (MPEG-1?, layer), Hz by version.
_MPEG_BITRATES = {
    (True, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (False, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_MPEG_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_frame(data: bytes, at: int) -> tuple[int, tuple[int, int, int]] | None:
    """(length, (version, layer, sample rate)) of the MPEG audio frame header at ``at``, or None."""
    if at + 4 > len(data) or data[at] != 0xFF or data[at + 1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (data[at + 1] >> 3) & 3, (data[at + 1] >> 1) & 3
    bitrate_index, rate_index, padding = data[at + 2] >> 4, (data[at + 2] >> 2) & 3, (data[at + 2] >> 1) & 1
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    layer, mpeg1 = 4 - layer_bits, version == 3
    bitrate = _MPEG_BITRATES[(mpeg1, min(layer, 2) if not mpeg1 else layer)][bitrate_index] * 1000
    rate = _MPEG_RATES[version][rate_index]
    if layer == 1:
        length = (12 * bitrate // rate + padding) * 4
    else:
        length = (144 if mpeg1 or layer == 2 else 72) * bitrate // rate + padding
    return length, (version, layer, rate)


def _adts_frame(data: bytes, at: int) -> tuple[int, tuple[int, int, int]] | None:
    """(length, (profile, rate index, channels)) of the ADTS header at ``at`` (ISO/IEC 13818-7 §6.2)."""
    if at + 7 > len(data) or data[at] != 0xFF or data[at + 1] & 0xF6 != 0xF0:
        return None
    rate_index = (data[at + 2] >> 2) & 0xF
    length = ((data[at + 3] & 3) << 11) | (data[at + 4] << 3) | (data[at + 5] >> 5)
    header = 7 if data[at + 1] & 1 else 9
    if rate_index > 12 or length <= header:
        return None
    return length, (data[at + 2] >> 6, rate_index, ((data[at + 2] & 1) << 2) | (data[at + 3] >> 6))


def _chained(data: bytes, frame: Any) -> bool:
    """True when ``CHAINED_FRAMES`` frames follow one another from the start, alike in kind."""
    at, kind = 0, None
    for _ in range(CHAINED_FRAMES):
        found = frame(data, at)
        if found is None or (kind is not None and found[1] != kind):
            return False
        length, kind = found
        at += length
    return True


def sniff_container(path: Path) -> str | None:
    """The container of a file: its signature, or for a bare frame sync, ``CHAINED_FRAMES``
    valid frame headers in a row from the first byte (two bytes alone prove nothing)."""
    head = read_head(path, CHUNK)
    container = container_of(head)
    if container is not None:
        return container
    weak = _frame_sync_of(head)
    if weak == "mp3" and _chained(head, _mpeg_frame):
        return "mp3"
    if weak == "aac-adts" and _chained(head, _adts_frame):
        return "aac-adts"
    return None


def read_head(path: Path, size: int = 64) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def media_kind_of(path: Path) -> str | None:
    """'recording', 'video', or None when the bytes are no audio or video container we know."""
    container = sniff_container(path)
    if container is None or container == "heif":
        return None
    if container in ("avi", "matroska"):
        return "video"
    if container in ("mp4", "ogg"):
        info = probe(path, Warnings(path))
        return info.kind if info is not None else None
    return "recording"


def probe(path: Path, warnings: Warnings) -> MediaInfo | None:
    """What the headers say; None for bytes no known container starts with."""
    container = sniff_container(path)
    size = path.stat().st_size
    with path.open("rb") as handle:
        if container == "silk-v3":
            return _probe_silk(handle, warnings)
        if container in ("amr", "amr-wb"):
            return _probe_amr(handle, container, warnings)
        if container == "wav":
            return _probe_wav(handle, size, warnings)
        if container == "ogg":
            return _probe_ogg(handle, warnings)
        if container == "flac":
            return _probe_flac(handle, warnings)
        if container == "mp4":
            return _probe_mp4(handle, size, warnings)
        if container == "mp3":
            return _probe_mp3(handle, warnings)
        if container == "aac-adts":
            return _probe_adts(handle, warnings)
        if container == "avi":
            return _probe_avi(handle)
        if container == "matroska":
            return MediaInfo("matroska", "video")
    return None


def extract_media(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """Container, codec, duration and sample rate of a recording or video."""
    warnings = Warnings(path)
    try:
        info = probe(path, warnings)
    except (OSError, struct.error, ValueError) as error:
        warnings.add(msg("warn.media.headers", detail=f"{type(error).__name__}: {error}"))
        info = None
    if info is None:
        warnings.add(msg("warn.media.unknown", mime=mime))
        return Extraction(facts={"container": None, "codec": None, "duration_seconds": None, "sample_rate": None},
                          warnings=warnings.as_list())
    facts = info.facts()
    named = capture_from_name(path.name)
    if info.kind == "video":
        extraction = _with_picture(path, facts, warnings)
        if extraction.captured_at:
            facts["capture_time"] = container_capture(extraction.captured_at, "creation_time")
            return extraction
        base_facts, base_warnings = extraction.facts, extraction.warnings
    else:
        base_facts, base_warnings = facts, warnings.as_list()
    captured_at = base_facts.get("created") or (named.time if named else None)
    if base_facts.get("created"):
        base_facts["capture_time"] = container_capture(base_facts["created"], "mvhd creation_time")
    elif named:
        base_facts["capture_time"] = named.as_fact()
    return Extraction(kind=info.kind, facts=base_facts, warnings=base_warnings, captured_at=captured_at)


def _with_picture(path: Path, facts: dict[str, Any], warnings: Warnings) -> Extraction:
    """A video's picture size, frame rate and recording time from PyAV; its duration where the
    headers gave none. The recording time is the video's capture time."""
    seen = video_facts(path)
    if not seen:
        warnings.add(msg("warn.video.undecodable"))
        return Extraction(kind="video", facts=facts, warnings=warnings.as_list())
    if seen.get("duration_seconds") is not None and facts.get("duration_seconds") is None:
        facts["duration_seconds"] = seen["duration_seconds"]
    facts.update({key: value for key, value in seen.items() if key != "duration_seconds"})
    return Extraction(kind="video", facts=facts, warnings=warnings.as_list(), captured_at=seen.get("recorded_at"))


def _mutagen_info(reader: type[mutagen.FileType], handle: BinaryIO, warnings: Warnings | None) -> Any:
    """mutagen's stream info for the file, or None (with a warning) when it cannot read it."""
    handle.seek(0)
    try:
        return reader(handle).info
    except Exception as error:  # noqa: BLE001 - mutagen parses untrusted bytes; any failure is a warning, not a stop
        if warnings is not None:
            warnings.add(msg("warn.media.reader_headers", reader=reader.__name__, detail=f"{type(error).__name__}: {error}"))
        return None


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
                warnings.add(msg("warn.media.packet_length"))
            break
        (length,) = struct.unpack("<h", length_bytes)
        if length < 0:
            break
        payload = handle.read(length)
        if len(payload) < length:
            warnings.add(msg("warn.media.packet_cut", n=packets + 1))
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
            warnings.add(msg("warn.media.frame_cut", n=frames + 1))
            break
        offset += frame_length
        frames += 1
    return MediaInfo(
        container, "recording", codec="amr-wb" if wideband else "amr-nb",
        duration_seconds=frames * AMR_FRAME_SECONDS, sample_rate=16000 if wideband else 8000, channels=1,
        extra={"frames": frames},
    )


# ----------------------------------------------------------------------------- WAV, AVI

def _probe_wav(handle: BinaryIO, size: int, warnings: Warnings) -> MediaInfo:
    info = MediaInfo("wav", "recording")
    stream = _mutagen_info(mutagen.wave.WAVE, handle, warnings)
    if stream is None:
        return info
    format_code = getattr(stream, "audio_format", None)
    info.codec = WAV_CODECS.get(format_code, f"wave-format-{format_code:#x}") if format_code is not None else None
    info.channels, info.sample_rate = stream.channels, stream.sample_rate
    info.duration_seconds = stream.length
    # mutagen gives the length the data chunk claims; a cut file holds less, and says so in its RIFF size.
    handle.seek(4)
    (riff_size,) = struct.unpack("<I", handle.read(4))
    missing = riff_size + 8 - size
    if missing > 0 and stream.bitrate:
        info.duration_seconds = max(0.0, stream.length - missing * 8 / stream.bitrate)
        warnings.add(msg("warn.media.short", said=f"{stream.length:.3f}", ends=f"{info.duration_seconds:.3f}",
                         missing=missing))
    return info


def _probe_avi(handle: BinaryIO) -> MediaInfo:
    info = MediaInfo("avi", "video")
    head = handle.read(4096)
    at = head.find(b"avih")
    if at >= 0 and len(head) >= at + 8 + 20:
        micro_per_frame, _, _, _, total_frames = struct.unpack("<IIIII", head[at + 8 : at + 28])
        if micro_per_frame and total_frames:
            info.duration_seconds = micro_per_frame * total_frames / 1_000_000
    return info


# ----------------------------------------------------------------------------- OGG, FLAC, MP3, AAC

def _probe_ogg(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    head = handle.read(64)
    for marker, reader, codec, kind in OGG_CODECS:
        if marker in head:
            info = MediaInfo("ogg", kind, codec=codec)
            stream = _mutagen_info(reader, handle, warnings)
            if stream is not None:
                info.duration_seconds = stream.length
                # Opus always decodes at 48 kHz (RFC 7845 §5.1), so mutagen gives no rate for it.
                info.sample_rate = getattr(stream, "sample_rate", None) or (48000 if codec == "opus" else None)
                info.channels = getattr(stream, "channels", None)
            return info
    warnings.add(msg("warn.media.ogg_codec"))
    return MediaInfo("ogg", "recording")


def _probe_flac(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    info = MediaInfo("flac", "recording", codec="flac")
    stream = _mutagen_info(mutagen.flac.FLAC, handle, warnings)
    if stream is not None:
        info.duration_seconds, info.sample_rate, info.channels = stream.length, stream.sample_rate, stream.channels
    return info


def _probe_mp3(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    """Duration from the Xing/Info or VBRI frame count, else estimated from the bitrate."""
    info = MediaInfo("mp3", "recording", codec="mp3")
    stream = _mutagen_info(mutagen.mp3.MP3, handle, warnings)
    if stream is None:
        return info
    info.codec = "mp3" if stream.layer == 3 else f"mp{stream.layer}"
    info.duration_seconds, info.sample_rate, info.channels = stream.length, stream.sample_rate, stream.channels
    # Without a frame count in a Xing/Info or VBRI header, mutagen divides the size by the bitrate.
    handle.seek(getattr(stream, "frame_offset", 0))
    if not any(marker in handle.read(64) for marker in (b"Xing", b"Info", b"VBRI")):
        info.extra["duration_estimated"] = True
    return info


def _probe_adts(handle: BinaryIO, warnings: Warnings) -> MediaInfo:
    info = MediaInfo("aac-adts", "recording", codec="aac")
    stream = _mutagen_info(mutagen.aac.AAC, handle, warnings)
    if stream is not None:
        info.duration_seconds, info.sample_rate, info.channels = stream.length, stream.sample_rate, stream.channels
        info.extra["duration_estimated"] = True  # ADTS has no frame count: mutagen guesses from the bitrate
    return info


# ----------------------------------------------------------------------------- MP4 / M4A / MOV

#: Boxes whose children are boxes, on the path to each track's hdlr and stsd.
_MP4_CONTAINERS = {b"trak", b"mdia", b"minf", b"stbl"}
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


def _mp4_top_level(handle: BinaryIO, size: int, warnings: Warnings) -> tuple[bytes, bytes | None]:
    """(ftyp brand, moov payload or None), seeking past mdat however large."""
    brand = b""
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
            warnings.add(msg("warn.media.box_size", at=at))
            break
        if kind == b"ftyp":
            brand = header[header_size : header_size + 4]
        elif kind == b"moov":
            if box_size > MAX_MOOV_BYTES:
                warnings.add(msg("warn.media.moov_large"))
                break
            handle.seek(at + header_size)
            return brand, handle.read(box_size - header_size)
        at += box_size
    return brand, None


MP4_EPOCH = datetime(1904, 1, 1, tzinfo=UTC)


def _mvhd_created(moov: bytes) -> str | None:
    """The movie header's creation time (seconds since 1904, UTC) in +08:00; None when unset (0)."""
    for kind, start, end in _boxes(moov, 0, len(moov)):
        if kind != b"mvhd" or end - start < 12:
            continue
        wide = moov[start] == 1
        seconds = struct.unpack(">Q" if wide else ">I", moov[start + 4 : start + (12 if wide else 8)])[0]
        if not seconds:
            return None
        moment = MP4_EPOCH + timedelta(seconds=seconds)
        return iso(moment.astimezone(CHINA_TZ)) if 2000 <= moment.year <= 2100 else None
    return None


def _mp4_tracks(moov: bytes) -> list[dict[str, str | None]]:
    """Each track's handler ('soun', 'vide', …) and sample entry type ('mp4a', 'avc1', …)."""
    tracks: list[dict[str, str | None]] = []
    for kind, start, end in _boxes(moov, 0, len(moov)):
        if kind != b"trak":
            continue
        track: dict[str, str | None] = {"handler": None, "codec": None}
        stack = [(start, end)]
        while stack:
            begin, finish = stack.pop()
            for child, child_start, child_end in _boxes(moov, begin, finish):
                if child in _MP4_CONTAINERS:
                    stack.append((child_start, child_end))
                elif child == b"hdlr" and child_end - child_start >= 12:
                    track["handler"] = moov[child_start + 8 : child_start + 12].decode("latin-1")
                elif child == b"stsd" and child_end - child_start >= 16:
                    track["codec"] = moov[child_start + 12 : child_start + 16].decode("latin-1").strip()
        tracks.append(track)
    return tracks


def _probe_mp4(handle: BinaryIO, size: int, warnings: Warnings) -> MediaInfo:
    """Whether it is a video from the track handlers (mutagen reads only the first sound track);
    duration, audio codec, rate and channels from mutagen."""
    brand, moov = _mp4_top_level(handle, size, warnings)
    audio_brand = brand in MP4_AUDIO_BRANDS
    info = MediaInfo("mp4/m4a" if audio_brand else "mp4", "recording" if audio_brand else "video")
    if brand:
        info.extra["brand"] = brand.decode("latin-1").strip()
    if moov is None:
        warnings.add(msg("warn.media.no_moov"))
        return info
    created = _mvhd_created(moov)
    if created:
        info.extra["created"] = created
    tracks = _mp4_tracks(moov)
    handlers = {track["handler"] for track in tracks}
    info.kind = "video" if "vide" in handlers else "recording" if "soun" in handlers or audio_brand else info.kind
    if info.kind == "recording":
        info.container = "mp4/m4a"
    info.extra["tracks"] = tracks
    stream = _mutagen_info(mutagen.mp4.MP4, handle, warnings)
    if stream is not None:
        info.duration_seconds = stream.length
        if "soun" in handlers:
            info.sample_rate, info.channels = stream.sample_rate or None, stream.channels or None
            info.codec = stream.codec or None
    video_codecs = [track["codec"] for track in tracks if track["handler"] == "vide" and track["codec"]]
    if info.kind == "video" and video_codecs:
        info.codec = video_codecs[0]
    return info
