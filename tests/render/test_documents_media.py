"""Documents and media shown on their exhibit pages (issue 11): a .docx's text and tables, every
.xlsx sheet as a table, a video's facts and key frames, a long screenshot across pages, a HEIC
as a JPEG of print size, an image without camera data called what it is, and ids never cut."""

from __future__ import annotations

import io
import re
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader

from evidencekit.extract import ExtractOptions, extract, sniff_kind
from evidencekit.extract.images import image_kind
from evidencekit.render.cjk import install
from tests.conftest import REPO, SAMPLE_CASE
from tests.extract.conftest import mime_of
from tests.render.conftest import Rendered, bundle

FONT = REPO / "src" / "evidencekit" / "fonts" / "wqy-microhei.ttf"
LONG_ID = "202503122200140000000100000000000000000000001"  # 45 digits
LONG_ORDER = "GM2025031200000100000000000000001"  # 33 characters


# ---- fixtures, generated

def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("投诉信", level=1)
    document.add_paragraph(f"2025年3月12日20:15，我通过支付宝向示例游戏科技有限公司充值218.00元，交易号{LONG_ID}，余额未增加。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([("日期", "事项", "金额"), ("2025-03-12", "充值", "218.00"), ("2025-03-13", "联系客服", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("此致敬礼")
    document.save(str(path))


def make_xlsx(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    first = book.active
    first.title = "经过"
    first.append(["日期", "事项", "备注"])
    for n in range(250):
        first.append([f"2025-03-{12 + n % 10}", f"第{n + 1}次联系客服", "无结果" if n % 2 else "客服称48小时内处理"])
    second = book.create_sheet("金额")
    second.append(["交易号", "金额"])
    second.append([LONG_ID, 218.0])
    book.save(str(path))


def make_video(path: Path, seconds: int = 3, fps: int = 10) -> None:
    """Three seconds of coloured frames, a key frame a second, recorded 2025-03-12 12:20 UTC."""
    import av

    colours = ["#c0392b", "#27ae60", "#2980b9"]
    with av.open(str(path), "w", format="mp4") as out:
        out.metadata["creation_time"] = "2025-03-12T12:20:00.000000Z"
        codec = "libx264" if "libx264" in av.codecs_available else "mpeg4"
        stream = out.add_stream(codec, rate=fps)
        stream.width, stream.height = 320, 240
        stream.pix_fmt = "yuv420p"
        stream.options = {"g": str(fps)}
        for n in range(seconds * fps):
            frame = av.VideoFrame.from_image(Image.new("RGB", (320, 240), colours[n // fps]))
            frame.pts, frame.time_base = n, Fraction(1, fps)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def make_long_png(path: Path, size: tuple[int, int] = (1080, 8000)) -> None:
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 40)
    for n, y in enumerate(range(40, size[1] - 60, 120)):
        draw.rectangle((30, y, size[0] - 30, y + 100), fill="#e8f0fe" if n % 2 else "#f4f4f4")
        draw.text((60, y + 25), f"第 {n + 1} 条消息", fill="black", font=font)
    image.save(path)


def photo_like(size: tuple[int, int]) -> Image.Image:
    """Blurred noise: as hard to compress as a photo, made in C."""
    channels = [Image.effect_noise((size[0] // 4, size[1] // 4), 90 + 10 * k) for k in range(3)]
    return Image.merge("RGB", channels).resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))


# ---- an image without camera data

def test_a_jpeg_whose_exif_a_messenger_stripped_is_no_screenshot(tmp_path: Path) -> None:
    received = tmp_path / "IMG-20250312-WA0003.jpg"  # WhatsApp's name; EXIF stripped; a photo's shape
    photo_like((1600, 1200)).save(received, quality=80)
    tall = tmp_path / "IMG-20250312-WA0004.jpg"  # a screen's shape, but nothing says it is a screenshot
    photo_like((720, 1600)).save(tall, quality=80)
    named = tmp_path / "Screenshot_20250312-201503.jpg"
    photo_like((720, 1600)).save(named, quality=80)
    png = tmp_path / "1.png"
    Image.new("RGB", (1080, 2340), "white").save(png)
    assert [sniff_kind(p, mime_of(p)) for p in (received, tall, named, png)] == ["image", "image", "screenshot",
                                                                                 "screenshot"]
    facts = extract(received, "image/jpeg", "image", ExtractOptions()).facts
    assert (facts["screenshot"], facts["origin"]) == (False, "unknown")
    assert image_kind(REPO / "fixtures" / "formats" / "photo_exif.jpg") == "photo"


# ---- one folder with every new page type

@pytest.fixture(scope="module")
def shown(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("shown")
    folder = root / "case"
    folder.mkdir()
    make_docx(folder / "投诉信.docx")
    make_xlsx(folder / "笔记.xlsx")
    make_video(folder / "录屏.mp4")
    make_long_png(folder / "长截图.png")
    photo_like((1600, 1200)).save(folder / "IMG-20250312-WA0003.jpg", quality=80)
    (folder / "旧信.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))  # an OLE2 file, as .doc is
    return bundle(folder, root / "shown.pdf")


def item(doc: Rendered, path: str):  # type: ignore[no-untyped-def]
    return next(i for i in doc.result.items if i.path == path)


def test_a_docx_shows_its_paragraphs_and_tables(shown: Rendered) -> None:
    text = shown.exhibit_of("投诉信.docx")
    assert "无法" not in text and "cannot be shown" not in text
    assert "投诉信" in text and "余额未增加" in text and "此致敬礼" in text
    assert LONG_ID in text  # whole, on one line
    assert all(cell in text for cell in ("日期", "事项", "金额", "2025-03-12", "充值", "218.00", "联系客服"))
    facts = item(shown, "投诉信.docx").facts
    assert (facts["format"], facts["tables"]) == ("docx", 1)


def test_every_xlsx_sheet_is_a_table_headed_by_its_name(shown: Rendered) -> None:
    text = shown.exhibit_of("笔记.xlsx")
    assert "工作表：经过" in text and "工作表：金额" in text
    assert "第199次联系客服" in text and "第200次联系客服" not in text  # 200 rows a sheet, its header one of them
    assert "其余 51 行见附件原件" in text
    assert "工作表：经过（接上页）" in text  # the running head of the sheet's later pages
    assert LONG_ID in text
    assert text.index("工作表：经过") < text.index("其余 51 行") < text.index("工作表：金额")
    facts = item(shown, "笔记.xlsx").facts
    assert facts["sheets"] == [{"name": "经过", "rows": 251, "columns": 3}, {"name": "金额", "rows": 2, "columns": 2}]


def test_an_old_word_file_says_how_to_show_it(shown: Rendered) -> None:
    text = shown.exhibit_of("旧信.doc")
    assert "另存为" in text and ".docx" in text


def test_a_video_shows_its_length_size_recording_time_and_key_frames(shown: Rendered) -> None:
    video = item(shown, "录屏.mp4")
    assert video.kind == "video"
    assert video.facts["duration_seconds"] == pytest.approx(3.0, abs=0.15)
    assert (video.facts["width"], video.facts["height"], video.facts["frame_rate"]) == (320, 240, 10.0)
    assert video.facts["recorded_at"] == video.captured_at == "2025-03-12T12:20:00+00:00"
    text = shown.exhibit_of("录屏.mp4")
    assert "0:03" in text and "320×240" in text
    assert "2025-03-12 20:20:00 (UTC+08:00)" in text  # the file's UTC time, shown in Beijing time
    assert "关键帧 8 张" in text and "0:00.2" in text and "0:02.8" in text
    timeline = shown.pages[shown.page_of("时间线图")]
    assert "录屏.mp4" in timeline and "2025-03-12 20:20:00" in timeline  # its recording time is an event
    page = shown.page_of("关键帧 8 张")
    reader = PdfReader(str(shown.result.output))
    images = [x for x in reader.pages[page]["/Resources"]["/XObject"].values()
              if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1 and images[0].get_object()["/Filter"] == "/DCTDecode"


def test_a_long_screenshot_goes_across_pages_at_a_readable_width(shown: Rendered) -> None:
    text = shown.exhibit_of("长截图.png")
    parts = re.findall(r"（续）E\d+ 长图 第 (\d+) 段：像素 (\d+)–(\d+) / 8000", text)
    assert len(parts) >= 2 and parts[-1][2] == "8000"
    assert [int(p[0]) for p in parts] == list(range(2, len(parts) + 2))
    for (_, start, _), (_, _, end_before) in zip(parts[1:], parts[:-1]):
        assert int(start) < int(end_before)  # each band repeats a little of the one before
    reader = PdfReader(str(shown.result.output))
    first = shown.page_of("长图至像素")
    pages = range(first, first + len(parts) + 1)
    stored = set()
    for n in pages:
        xobjects = reader.pages[n]["/Resources"]["/XObject"]
        [image] = [x for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
        stored.add(image.idnum)
        ops = reader.pages[n].get_contents().get_data().decode("latin-1")
        band = re.search(r"([\d.]+) [\d.]+ ([\d.]+) ([\d.]+) re W n ([\d.]+) 0 0 ([\d.]+)", ops)
        assert band is not None
        assert float(band.group(2)) > 280  # about 110 mm wide, not 3 cm
    assert len(stored) == 1  # the picture is stored once, each page shows a band of it


def test_an_image_without_camera_data_is_called_so(shown: Rendered) -> None:
    received = item(shown, "IMG-20250312-WA0003.jpg")
    assert received.kind == "image"
    assert "图片（无拍摄信息）" in shown.exhibit_of("IMG-20250312-WA0003.jpg")
    assert "截图" not in shown.exhibit_of("IMG-20250312-WA0003.jpg").split("SM3")[0]


def test_the_case_verifies(shown: Rendered) -> None:
    from evidencekit.verify import verify_dossier

    report = verify_dossier(shown.result.output)
    assert report.verdict == "untrusted-time", report.findings  # intact; the time is only the local clock


# ---- HEIC

def test_a_heic_page_is_a_jpeg_of_print_size(ek_home: Path, tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    folder = tmp_path / "case"
    folder.mkdir()
    heic = folder / "IMG_0001.HEIC"
    photo_like((3000, 2250)).save(heic, quality=50)
    doc = bundle(folder, tmp_path / "heic.pdf")
    reader = PdfReader(str(doc.result.output))
    page = doc.page_of("IMG_0001.HEIC · SHA-256") if any("IMG_0001.HEIC · SHA-256" in p for p in doc.pages) else \
        doc.page_of("证据 E01")
    [image] = [x.get_object() for x in reader.pages[page]["/Resources"]["/XObject"].values()
               if x.get_object()["/Subtype"] == "/Image"]
    assert image["/Filter"] == "/DCTDecode" and max(image["/Width"], image["/Height"]) == 2000
    size, original = doc.result.output.stat().st_size, heic.stat().st_size
    # the original once, a JPEG of print size, and the pages: not a lossless copy of 6.75 megapixels
    assert size < original + 1_500_000, (size, original)


# ---- ids

@pytest.fixture(scope="module")
def long_ids(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("ids")
    folder = root / "case"
    shutil.copytree(SAMPLE_CASE, folder)
    for path in (folder / "case.toml", folder / "bills" / "alipay_record_20250401.csv", folder / "chats" / "客服聊天.txt"):
        data = path.read_bytes().replace(b"2025031222001400000001", LONG_ID.encode())
        path.write_bytes(data.replace(b"GM20250312000001", LONG_ORDER.encode()))
    return bundle(folder, root / "ids.pdf")


def test_a_45_digit_id_is_never_cut_on_any_page(long_ids: Rendered) -> None:
    text = long_ids.text
    # the statement, the cover's table, the evidence list, the timeline, the bill table, the chat
    assert text.count(LONG_ID) >= 10
    for section in ("证据清单", "时间线", "账单明细"):
        assert LONG_ID in long_ids.section(section, None), section
    start = LONG_ID[:30]  # longer than the receipt's own 22-digit id in its file name
    cut = [line for line in text.splitlines() if start in line and LONG_ID not in line]
    assert cut == []
    assert [line for line in text.splitlines() if LONG_ORDER[:20] in line and LONG_ORDER not in line] == []


def test_the_line_breaker_moves_a_run_whole_and_shrinks_one_wider_than_the_line() -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph

    install()
    pdfmetrics.registerFont(TTFont("ek-test", str(FONT)))
    style = ParagraphStyle("t", fontName="ek-test", fontSize=10, leading=13, wordWrap="CJK")

    def lines(markup: str, width: float) -> list[str]:
        para = Paragraph(markup, style)
        para.wrap(width, 1000)
        return ["".join(w.text for w in line.words) for line in para.blPara.lines]

    first, second, *_ = lines(f"核查交易{LONG_ID}的资金去向", 270)
    assert (first, second[:len(LONG_ID)]) == ("核查交易", LONG_ID)
    assert lines(f"核查交易<br/>{LONG_ID}", 100) == ["核查交易", LONG_ID]  # set smaller to fit 100 pt
    assert lines("截图（2025-03-12 20:16）", 60)[0] == "截图"


def test_a_phone_video_stored_sideways_is_shown_upright(tmp_path: Path) -> None:
    import av

    from evidencekit.extract.video import contact_sheet, video_facts

    path = tmp_path / "portrait.mp4"
    with av.open(str(path), "w", format="mp4") as out:
        stream = out.add_stream("libx264" if "libx264" in av.codecs_available else "mpeg4", rate=10)
        stream.width, stream.height = 320, 240
        stream.pix_fmt = "yuv420p"
        stream.set_display_rotation(-90)  # a player turns it 90° clockwise, as phones record portrait
        stored = Image.new("RGB", (320, 240), "white")
        ImageDraw.Draw(stored).rectangle((0, 0, 80, 240), fill="red")  # red at the stored left edge
        for n in range(10):
            frame = av.VideoFrame.from_image(stored)
            frame.pts, frame.time_base = n, Fraction(1, 10)
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    facts = video_facts(path)
    assert (facts["width"], facts["height"], facts["rotation"], facts["recorded_at"]) == (240, 320, 90, None)
    sheet = contact_sheet(path)
    assert sheet is not None
    first = Image.open(io.BytesIO(sheet.jpeg)).convert("RGB")
    red, white = first.getpixel((120, 60)), first.getpixel((120, 300))  # the stored left edge is now on top
    assert red[0] > 200 and red[1] < 60 and min(white) > 200
