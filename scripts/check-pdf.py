#!/usr/bin/env python3
"""Checks that PDFs Sammen wrote are accessible, independently of the code that wrote them.

veraPDF cannot be installed here, so this checks with pikepdf and poppler what a PDF/UA-1
reader relies on (docs/accessible-documents.md):

  - pdfinfo says "Tagged: yes" and shows a title; the catalog has /Lang, /MarkInfo
    /Marked true and /ViewerPreferences /DisplayDocTitle true; the XMP claims PDF/UA-1
    (and PDF/A-2 with --pdfa);
  - pdffonts lists every font as embedded;
  - every /Figure structure element has a non-empty /Alt, every TH a /Scope;
  - no text is shown outside marked content that is either tagged (has an MCID) or an
    /Artifact, on any page (content streams parsed with pikepdf.parse_content_stream);
  - the structure tree's reading order (StructTreeRoot /K walked depth first, MCIDs per
    page) is the order the page draws its marked content, and every MCID is in the tree
    exactly once;
  - --expect-text: pdftotext gets these strings back; --expect-types: these structure types
    occur.

Usage: check-pdf.py [--pdfa] [--expect-text TEXT]... [--expect-types H1,Table,...] FILE.pdf...
Exits 1 and lists every failure if anything is wrong.
"""

import argparse
import subprocess
import sys

import pikepdf

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def run(tool, *args):
    try:
        out = subprocess.run([tool, *args], capture_output=True, check=False)
    except FileNotFoundError:
        sys.exit(f"{tool} (poppler-utils) is not installed")
    if out.returncode != 0:
        raise RuntimeError(f"{tool} failed: {out.stderr.decode(errors='replace')}")
    return out.stdout.decode("utf-8", errors="replace")


def structure_type(elem, role_map):
    s = str(elem.get("/S", ""))
    seen = set()
    while s in role_map and s not in seen:
        seen.add(s)
        s = str(role_map[s])
    return s


def walk_tree(root, role_map):
    """Yields (kind, elem) for every structure element and ("mcid", (page_objgen, mcid))
    for every marked-content reference, depth first in tree order."""

    def visit(node, page):
        if isinstance(node, pikepdf.Array):
            for child in node:
                yield from visit(child, page)
            return
        if isinstance(node, int):
            yield ("mcid", (page, node))
            return
        if not isinstance(node, pikepdf.Dictionary):
            try:
                yield ("mcid", (page, int(node)))
            except (TypeError, ValueError):
                pass
            return
        kind = str(node.get("/Type", ""))
        if kind == "/MCR":
            pg = node.get("/Pg", None)
            yield ("mcid", (pg.objgen if pg is not None else page, int(node["/MCID"])))
            return
        if kind == "/OBJR":
            return
        pg = node.get("/Pg", None)
        here = pg.objgen if pg is not None else page
        yield ("elem", (structure_type(node, role_map), node))
        if "/K" in node:
            yield from visit(node["/K"], here)

    yield from visit(root.get("/K", pikepdf.Array()), None)


def content_marks(page, failures, label):
    """The MCIDs a page's content draws, in order; records text outside marked content."""
    mcids = []
    stack = []  # for each open BMC/BDC: ("mcid", n) / ("artifact",) / ("other",)

    def covered():
        return any(m[0] in ("mcid", "artifact") for m in stack)

    def scan(instructions, where):
        for operands, operator in instructions:
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = str(operands[0]) if operands else ""
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if tag == "/Artifact":
                    stack.append(("artifact",))
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    n = int(props["/MCID"])
                    mcids.append(n)
                    stack.append(("mcid", n))
                else:
                    stack.append(("other",))
            elif op == "EMC":
                if stack:
                    stack.pop()
                else:
                    failures.append(f"{label}{where}: EMC without BDC/BMC")
            elif op in TEXT_OPERATORS and not covered():
                failures.append(f"{label}{where}: text shown outside tagged or artifact content")
            elif op == "Do" and not covered():
                failures.append(f"{label}{where}: XObject drawn outside tagged or artifact content")

    scan(pikepdf.parse_content_stream(page), "")
    if stack:
        failures.append(f"{label}: {len(stack)} marked-content sequences left open")
    return mcids


def check(path, args):
    failures = []
    label = path
    info = run("pdfinfo", path)
    fields = {}
    for line in info.splitlines():
        if ":" in line:
            k, v = line.split(":", 1)
            fields[k.strip()] = v.strip()
    if fields.get("Tagged") != "yes":
        failures.append(f"{label}: pdfinfo says Tagged: {fields.get('Tagged')!r}")
    if not fields.get("Title"):
        failures.append(f"{label}: pdfinfo shows no title")

    fonts = run("pdffonts", path).splitlines()[2:]
    if not fonts:
        failures.append(f"{label}: pdffonts lists no fonts")
    for line in fonts:
        cols = line.split()
        # name type [type2] encoding emb sub uni object ID: emb is the 5th column from the end.
        if len(cols) < 7 or cols[-5] != "yes":
            failures.append(f"{label}: font not embedded: {line.strip()}")

    with pikepdf.open(path) as pdf:
        root = pdf.Root
        lang = str(root.get("/Lang", ""))
        if not lang:
            failures.append(f"{label}: the catalog has no /Lang")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            failures.append(f"{label}: /MarkInfo /Marked is not true")
        if not bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)):
            failures.append(f"{label}: /ViewerPreferences /DisplayDocTitle is not true")
        with pdf.open_metadata() as meta:
            if meta.get("pdfuaid:part") != "1":
                failures.append(f"{label}: the XMP metadata does not claim PDF/UA-1")
            if args.pdfa and meta.get("pdfaid:part") != "2":
                failures.append(f"{label}: the XMP metadata does not claim PDF/A-2")
            if not meta.get("dc:title"):
                failures.append(f"{label}: the XMP metadata has no dc:title")

        tree_root = root.get("/StructTreeRoot")
        if tree_root is None:
            failures.append(f"{label}: no /StructTreeRoot")
            return failures
        role_map = {str(k): v for k, v in tree_root.get("/RoleMap", {}).items()}
        tree_order = {}
        types = set()
        for kind, value in walk_tree(tree_root, role_map):
            if kind == "elem":
                s, elem = value
                types.add(s.lstrip("/"))
                if s == "/Figure" and not str(elem.get("/Alt", "")).strip():
                    failures.append(f"{label}: a /Figure has no /Alt")
                if s == "/TH":
                    attrs = elem.get("/A")
                    attrs = attrs if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
                    if not any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in attrs):
                        failures.append(f"{label}: a /TH has no /Scope")
            else:
                page, mcid = value
                if page is None:
                    failures.append(f"{label}: MCID {mcid} has no page")
                    continue
                tree_order.setdefault(page, []).append(mcid)

        for i, page in enumerate(pdf.pages, start=1):
            drawn = content_marks(page, failures, f"{label} page {i}")
            in_tree = tree_order.get(page.obj.objgen, [])
            if len(set(in_tree)) != len(in_tree):
                failures.append(f"{label} page {i}: an MCID is referenced more than once in the tree")
            if sorted(drawn) != sorted(in_tree):
                failures.append(f"{label} page {i}: the tree references MCIDs {sorted(set(in_tree) ^ set(drawn))[:10]} that the page does not draw, or the reverse")
            elif drawn != in_tree:
                failures.append(f"{label} page {i}: the structure tree's reading order differs from the drawing order")

        for expected in (t for group in args.expect_types for t in group.split(",") if t):
            if expected not in types:
                failures.append(f"{label}: no /{expected} structure element (found {sorted(types)})")

    if args.expect_text:
        text = run("pdftotext", "-enc", "UTF-8", path, "-")
        for expected in args.expect_text:
            # pdftotext gives a right-to-left word in drawing order (left to right), inside
            # bidi embedding marks: the word reversed is the same letters, found.
            rtl = any("\u0590" <= c <= "\u08ff" for c in expected)
            if expected not in text and not (rtl and expected[::-1] in text):
                failures.append(f"{label}: pdftotext did not find {expected!r}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--pdfa", action="store_true", help="also require the PDF/A-2 claim")
    parser.add_argument("--expect-text", action="append", default=[])
    parser.add_argument("--expect-types", action="append", default=[])
    args = parser.parse_args()
    failures = []
    for path in args.files:
        try:
            failures.extend(check(path, args))
        except (RuntimeError, pikepdf.PdfError) as e:
            failures.append(f"{path}: {e}")
    for f in failures:
        print(f, file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"ok: {len(args.files)} PDF(s) pass the accessibility checks")


if __name__ == "__main__":
    main()
