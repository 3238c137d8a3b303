"""Write the malformed-file corpus of this folder: `python tests/data/malformed/make.py`.

Every file is made here from nothing (no outside source), deterministically, so the corpus can be
re-made and reviewed; README.md says what each one attacks. A new bug found with a hostile file
gets a new function here, a new file, a line in README.md and (if it is a new kind of file) an
expectation in tests/test_malformed_corpus.py.
"""

from __future__ import annotations

import io
import struct
import sys
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

XML_RECORD = (
    '<record><leader>00000nam a2200000 a 4500</leader><controlfield tag="001">M1</controlfield>'
    '<datafield tag="245" ind1="0" ind2="0"><subfield code="a">Abai</subfield></datafield></record>'
)
COLLECTION = '<collection xmlns="http://www.loc.gov/MARC21/slim">{}</collection>'


def iso2709(fields: list[tuple[str, str]], leader_length: str | None = None) -> bytes:
    """One ISO 2709 record in UTF-8 (control fields 00x, data fields as 'ii\\x1fa...')."""
    directory, body = b"", b""
    for tag, value in fields:
        data = value.encode() + b"\x1e"
        directory += f"{tag}{len(data):04d}{len(body):05d}".encode()
        body += data
    base = 24 + len(directory) + 1
    length = base + len(body) + 1
    leader = f"{leader_length or f'{length:05d}'}nam a22{base:05d} a 4500".encode()
    return leader + directory + b"\x1e" + body + b"\x1d"


GOOD = [("001", "M1"), ("245", "00\x1faAbai Kunanbayuly")]


# --- MARC -------------------------------------------------------------------------------------


def marc_xml_unknown_encoding() -> bytes:
    return ('<?xml version="1.0" encoding="x-klingon"?>' + COLLECTION.format(XML_RECORD)).encode()


def marc_xml_nested_200000() -> bytes:
    depth = 200_000
    return b"<collection><record>" + b"<x>" * depth + b"</x>" * depth + b"</record></collection>"


def marc_xml_billion_laughs() -> bytes:
    lol = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        f'<?xml version="1.0"?><!DOCTYPE collection [{"".join(lol)}]>'
        + COLLECTION.format(XML_RECORD.replace("Abai", "&lol9;"))
    ).encode()


def marc_xml_external_entity() -> bytes:
    return (
        '<?xml version="1.0"?><!DOCTYPE collection [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + COLLECTION.format(XML_RECORD.replace("Abai", "&x;"))
    ).encode()


def marc_xml_truncated() -> bytes:
    return COLLECTION.format(XML_RECORD * 3).encode()[:-60]


def marc_xml_utf16_declared_utf8() -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>' + COLLECTION.format(XML_RECORD)).encode("utf-16")


def marc_iso2709_truncated() -> bytes:
    return iso2709(GOOD) + iso2709([("001", "M2"), *GOOD[1:]])[:40]


def marc_iso2709_length_lies() -> bytes:
    return iso2709(GOOD, leader_length="99999")


def marc_iso2709_nul_bytes() -> bytes:
    return iso2709([("001", "M1\x00"), ("245", "00\x1faAb\x00ai")])


def marc_iso2709_garbage() -> bytes:
    return bytes((i * 7919 + 13) % 256 for i in range(4096))


def marc_empty() -> bytes:
    return b""


def marc_json_broken() -> bytes:
    return b'[{"leader": "00000nam a2200000 a 4500", "fields": [{"245": {"subfields": [{"a": '


# --- CSV --------------------------------------------------------------------------------------

HEADER = "accession_number,title_en\n"


def csv_undecodable() -> bytes:
    # Not UTF-8, and 0x98 is the one byte Windows-1251 cannot decode either.
    return HEADER.encode() + b"K.1,\x98\xff\xfe title\n"


def csv_huge_field() -> bytes:
    return (HEADER + 'K.1,"' + "x" * 200_000 + '"\n').encode()


def csv_nul_bytes() -> bytes:
    return (HEADER + "K.1,Ab\x00ai\n").encode()


def csv_too_many_rows() -> bytes:
    return (HEADER + "".join(f"K.{i},T\n" for i in range(50_001))).encode()


def csv_no_header() -> bytes:
    return b"K.1,Abai\nK.2,Kobyz\n"


def csv_unclosed_quote() -> bytes:
    return (HEADER + 'K.1,"Abai\nK.2,Kobyz\n').encode()


# --- XLSX -------------------------------------------------------------------------------------


def xlsx(rows: int, *, dimension: str | None = "auto", sheet: bytes | None = None) -> bytes:
    """A minimal workbook whose first sheet has a header and `rows` rows of inline strings,
    written by hand (openpyxl would take minutes for half a million rows)."""
    if sheet is None:
        body = io.StringIO()
        body.write('<row r="1"><c r="A1" t="inlineStr"><is><t>accession_number</t></is></c>')
        body.write('<c r="B1" t="inlineStr"><is><t>title_en</t></is></c></row>')
        for n in range(2, rows + 2):
            body.write(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>K.{n}</t></is></c></row>')
        dim = f"A1:B{rows + 1}" if dimension == "auto" else dimension
        head = f'<dimension ref="{dim}"/>' if dim else ""
        sheet = (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main">{head}<sheetData>{body.getvalue()}</sheetData></worksheet>'
        ).encode()
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()


def xlsx_too_many_rows_declared() -> bytes:
    return xlsx(50_001)


def xlsx_too_many_rows_no_dimension() -> bytes:
    return xlsx(50_001, dimension=None)


def xlsx_dimension_lies() -> bytes:
    return xlsx(50_001, dimension="A1:B2")


def xlsx_zip_bomb() -> bytes:
    return xlsx(0, sheet=b"<" + b" " * 300_000_000)


def xlsx_broken_sheet() -> bytes:
    return xlsx(0, sheet=b'<?xml version="1.0"?><worksheet><sheetData><row r="1"><c')


def xlsx_not_a_zip() -> bytes:
    return b"PK\x03\x04 this is not really a zip archive"


# --- images -----------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width: int, height: int, *, bit_depth=1, colour=0, idat: bytes | None = None, extra=b"") -> bytes:
    """A PNG written by hand: any size in the header, with (by default) all-zero 1-bit rows that
    deflate to almost nothing."""
    if idat is None:
        raw = (b"\x00" + b"\x00" * ((width * bit_depth + 7) // 8)) * height
        idat = zlib.compress(raw, 9)
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + extra
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def png_100_megapixels() -> bytes:
    return png(10_000, 10_000)


def png_400_megapixels_header() -> bytes:
    return png(20_000, 20_000, idat=zlib.compress(b"\x00" * 1000))


def png_ztxt_bomb() -> bytes:
    text = b"Comment\x00\x00" + zlib.compress(b"A" * 50_000_000, 9)
    return png(8, 8, extra=_png_chunk(b"zTXt", text))


def png_truncated() -> bytes:
    return png(64, 64)[:60]


def jpeg_garbage() -> bytes:
    return b"\xff\xd8\xff\xe0" + bytes((i * 31) % 256 for i in range(2048))


def svg_with_script() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def gif_not_allowed() -> bytes:
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
        b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


FILES = {
    "marc-xml-unknown-encoding.xml": marc_xml_unknown_encoding,
    "marc-xml-nested-200000.xml": marc_xml_nested_200000,
    "marc-xml-billion-laughs.xml": marc_xml_billion_laughs,
    "marc-xml-external-entity.xml": marc_xml_external_entity,
    "marc-xml-truncated.xml": marc_xml_truncated,
    "marc-xml-utf16-declared-utf8.xml": marc_xml_utf16_declared_utf8,
    "marc-iso2709-truncated.mrc": marc_iso2709_truncated,
    "marc-iso2709-length-lies.mrc": marc_iso2709_length_lies,
    "marc-iso2709-nul-bytes.mrc": marc_iso2709_nul_bytes,
    "marc-iso2709-garbage.mrc": marc_iso2709_garbage,
    "marc-empty.mrc": marc_empty,
    "marc-json-broken.json": marc_json_broken,
    "csv-undecodable.csv": csv_undecodable,
    "csv-huge-field.csv": csv_huge_field,
    "csv-nul-bytes.csv": csv_nul_bytes,
    "csv-too-many-rows.csv": csv_too_many_rows,
    "csv-no-header.csv": csv_no_header,
    "csv-unclosed-quote.csv": csv_unclosed_quote,
    "xlsx-too-many-rows-declared.xlsx": xlsx_too_many_rows_declared,
    "xlsx-too-many-rows-no-dimension.xlsx": xlsx_too_many_rows_no_dimension,
    "xlsx-dimension-lies.xlsx": xlsx_dimension_lies,
    "xlsx-zip-bomb.xlsx": xlsx_zip_bomb,
    "xlsx-broken-sheet.xlsx": xlsx_broken_sheet,
    "xlsx-not-a-zip.xlsx": xlsx_not_a_zip,
    "image-png-100-megapixels.png": png_100_megapixels,
    "image-png-400-megapixels-header.png": png_400_megapixels_header,
    "image-png-ztxt-bomb.png": png_ztxt_bomb,
    "image-png-truncated.png": png_truncated,
    "image-jpeg-garbage.jpg": jpeg_garbage,
    "image-svg-with-script.svg": svg_with_script,
    "image-gif-not-allowed.gif": gif_not_allowed,
}


def main() -> None:
    for name, make in FILES.items():
        (HERE / name).write_bytes(make())
        print(f"{name}\t{(HERE / name).stat().st_size}", file=sys.stderr)


if __name__ == "__main__":
    main()
