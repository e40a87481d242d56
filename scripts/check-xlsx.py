#!/usr/bin/env python3
"""Checks a workbook Sammen wrote, with openpyxl rather than the writer's own code.

    "$SAMMEN_PY" scripts/check-xlsx.py BOOK.xlsx [--expect MODEL.json] [--lang da]

Always checked:
  * every sheet name is valid in Excel: at most 31 UTF-16 units, none of [ ] : * ? / \\,
    no apostrophe at either end, not "History", and distinct ignoring case;
  * the title and the Language custom property are set (and equal --lang when given);
  * the first sheet holds the report's text; every other sheet holds exactly one Excel table
    with a header row of distinct, non-empty headers, and its panes are frozen just under
    that header row;
  * every number in a table is stored as a number with a number format other than General.

With --expect (the report's model as JSON, written by the Rust tests: title, lang and each
table's caption, columns with their number kind, and cells with text, number or interval),
the sheets are compared with the model: one sheet per table in order, the caption in A1, the
headers (an interval column split into lower and upper limit), and every cell: a number as a
number with the column's format (fixed decimals "#,##0.00", shares "0.0%", a column without a
kind as many decimals as its values need, up to three), a text as text, an empty cell empty.

Exits 1 and prints every problem found; prints "ok: …" otherwise.
"""

import argparse
import json
import math
import sys

import openpyxl
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

FORBIDDEN = set("[]:*?/\\")


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def fixed_format(decimals):
    return "#,##0" if decimals == 0 else "#,##0." + "0" * decimals


def percent_format(decimals):
    return "0%" if decimals == 0 else "0." + "0" * decimals + "%"


def fewest_decimals(v, most=3):
    for d in range(most):
        scaled = v * 10**d
        if abs(scaled - round(scaled)) < 1e-9 * max(abs(scaled), 1.0):
            return d
    return most


def finite(x):
    return isinstance(x, (int, float)) and math.isfinite(x)


def expected_sheet(table):
    """The header and body rows the model's table should become: (headers, formats, rows)."""
    headers, formats = [], []
    for i, col in enumerate(table["columns"]):
        kind = col["numbers"]["kind"]
        if kind == "interval":
            d = col["numbers"]["decimals"]
            for own in (col["numbers"]["low"], col["numbers"]["high"]):
                headers.append(own.strip() or col["header"].strip() or get_column_letter(len(headers) + 1))
                formats.append(fixed_format(d))
            continue
        headers.append(col["header"].strip() or get_column_letter(len(headers) + 1))
        if kind == "fixed":
            formats.append(fixed_format(col["numbers"]["decimals"]))
        elif kind == "percent":
            formats.append(percent_format(col["numbers"]["decimals"]))
        else:
            numbers = [r[i]["number"] for r in table["rows"] if i < len(r) and finite(r[i].get("number"))]
            formats.append(fixed_format(max(fewest_decimals(v) for v in numbers)) if numbers else None)
    seen = []
    for i, h in enumerate(headers):
        base, n = h, 1
        while h.lower() in seen:
            n += 1
            h = f"{base} ({n})"
        seen.append(h.lower())
        headers[i] = h
    rows = []
    for r in table["rows"]:
        out = []
        for i, col in enumerate(table["columns"]):
            cell = r[i] if i < len(r) else {"text": "", "number": None, "interval": None}
            if col["numbers"]["kind"] == "interval":
                iv = cell.get("interval")
                if iv and finite(iv[0]) and finite(iv[1]):
                    out += [("n", iv[0]), ("n", iv[1])]
                elif cell["text"]:
                    out += [("s", cell["text"]), (None, None)]
                else:
                    out += [(None, None), (None, None)]
            elif finite(cell.get("number")):
                out.append(("n", cell["number"]))
            elif cell["text"]:
                out.append(("s", cell["text"]))
            else:
                out.append((None, None))
        rows.append(out)
    return headers, formats, rows


def check(path, expect, lang):
    problems = []
    say = problems.append
    wb = openpyxl.load_workbook(path)

    names = wb.sheetnames
    lowered = [n.lower() for n in names]
    for n in names:
        if not n or utf16_len(n) > 31 or FORBIDDEN & set(n) or n.startswith("'") or n.endswith("'") or n.lower() == "history":
            say(f"sheet name {n!r} is not valid in Excel")
        if lowered.count(n.lower()) > 1:
            say(f"sheet name {n!r} is used twice")

    title = wb.properties.title or ""
    if not title and (expect is None or expect["title"]):
        say("the title property is not set")
    props = {p.name: p.value for p in wb.custom_doc_props.props}
    language = props.get("Language")
    if not language:
        say("the Language property is not set")
    elif lang and language != lang:
        say(f"the Language property is {language!r}, not {lang!r}")

    table_sheets = wb.worksheets[1:]
    for ws in table_sheets:
        tables = list(ws.tables.values())
        if len(tables) != 1:
            say(f"sheet {ws.title!r} has {len(tables)} Excel tables, not one")
            continue
        t = tables[0]
        if t.headerRowCount == 0:
            say(f"sheet {ws.title!r}: the table has no header row")
        first, last = t.ref.split(":")
        first_col, header_row = coordinate_from_string(first)
        last_col, last_row = coordinate_from_string(last)
        c0, c1 = column_index_from_string(first_col), column_index_from_string(last_col)
        headers = [ws.cell(header_row, c).value for c in range(c0, c1 + 1)]
        if any(not isinstance(h, str) or not h.strip() for h in headers):
            say(f"sheet {ws.title!r}: an empty header in {headers}")
        if len({str(h).lower() for h in headers}) != len(headers):
            say(f"sheet {ws.title!r}: headers repeat: {headers}")
        table_headers = [c.name for c in t.tableColumns]
        if table_headers != headers:
            say(f"sheet {ws.title!r}: the table's column names {table_headers} differ from the header cells {headers}")
        if ws.freeze_panes != f"{get_column_letter(c0)}{header_row + 1}":
            say(f"sheet {ws.title!r}: panes frozen at {ws.freeze_panes}, not under the header row {header_row}")
        for row in ws.iter_rows(min_row=header_row + 1, max_row=last_row, min_col=c0, max_col=c1):
            for cell in row:
                if cell.data_type == "n" and cell.value is not None and cell.number_format == "General":
                    say(f"{ws.title}!{cell.coordinate}: a number without a number format")

    if expect is not None:
        if title != expect["title"]:
            say(f"title {title!r}, expected {expect['title']!r}")
        if language != expect["lang"]:
            say(f"language {language!r}, expected {expect['lang']!r}")
        tables = expect["tables"]
        if len(table_sheets) != len(tables):
            say(f"{len(table_sheets)} table sheets, expected {len(tables)} (one per table and chart)")
        for ws, table in zip(table_sheets, tables):
            where = ws.title
            if table["caption"] and ws["A1"].value != table["caption"]:
                say(f"{where}!A1 is {ws['A1'].value!r}, expected the caption {table['caption']!r}")
            wanted_headers, formats, rows = expected_sheet(table)
            t = next(iter(ws.tables.values()), None)
            if t is None:
                continue
            first, last = t.ref.split(":")
            _, header_row = coordinate_from_string(first)
            _, last_row = coordinate_from_string(last)
            headers = [ws.cell(header_row, c + 1).value for c in range(len(wanted_headers))]
            if headers != wanted_headers:
                say(f"{where}: headers {headers}, expected {wanted_headers}")
            if last_row != header_row + max(1, len(rows)):
                say(f"{where}: the table ends on row {last_row}, expected {header_row + max(1, len(rows))}")
            for i, wanted_row in enumerate(rows):
                for j, (kind, value) in enumerate(wanted_row):
                    cell = ws.cell(header_row + 1 + i, j + 1)
                    at = f"{where}!{cell.coordinate}"
                    if kind == "n":
                        if cell.data_type != "n" or not isinstance(cell.value, (int, float)):
                            say(f"{at}: {cell.value!r} ({cell.data_type}) is not the number {value}")
                        elif abs(cell.value - value) > 1e-12 * max(1.0, abs(value)):
                            say(f"{at}: {cell.value!r}, expected {value!r}")
                        if cell.number_format != formats[j]:
                            say(f"{at}: number format {cell.number_format!r}, expected {formats[j]!r}")
                    elif kind == "s":
                        if cell.data_type != "s" or cell.value != value:
                            say(f"{at}: {cell.value!r} ({cell.data_type}), expected the text {value!r}")
                    elif cell.value is not None:
                        say(f"{at}: {cell.value!r}, expected an empty cell")
    return problems, names


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("xlsx")
    parser.add_argument("--expect", help="the report's model as JSON")
    parser.add_argument("--lang", help="the language the Language property must have")
    args = parser.parse_args()
    expect = None
    if args.expect:
        with open(args.expect, encoding="utf-8") as f:
            expect = json.load(f)
    problems, names = check(args.xlsx, expect, args.lang)
    if problems:
        for p in problems:
            print(f"{args.xlsx}: {p}")
        sys.exit(1)
    print(f"ok: {args.xlsx}: {len(names)} sheets: {', '.join(names)}")


if __name__ == "__main__":
    main()
