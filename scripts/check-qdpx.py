#!/usr/bin/env python3
"""Checks a REFI-QDA project archive (.qdpx), independently of the code that wrote it.

  - the file is a ZIP archive with `project.qde` at its root;
  - `project.qde` is valid against the project schema (--xsd, e.g.
    crates/qualitative/schema/Project-mrt2019.xsd), checked with lxml;
  - every text source and note has its text either inline (PlainTextContent) or through a
    `plainTextPath` of the form internal://NAME that names the archive file sources/NAME,
    which is UTF-8 text; no GUID is used twice;
  - every CodeRef and MemberCode targets a code, every NoteRef a note, every MemberSource a
    source, and every user reference (creatingUser, modifyingUser, creatingUserGUID,
    modifyingUserGUID) a user in Users;
  - every PlainTextSelection of a text source has 0 <= startPosition <= endPosition <= the
    number of characters (Unicode code points) of that source's text;
  - --expect-codes / --expect-sources / --expect-codings: exactly that many Code elements (at
    any depth), sources (of any kind) and Coding elements.

Usage: check-qdpx.py FILE.qdpx --xsd SCHEMA.xsd [--expect-codes N] [--expect-sources N]
       [--expect-codings N] [--json]
Prints a summary (JSON with --json) and exits 1 if anything is wrong.
"""

import argparse
import json
import sys
import zipfile

from lxml import etree

NS = "urn:QDA-XML:project:1.0"
Q = "{" + NS + "}"
SOURCE_KINDS = ("TextSource", "PictureSource", "PDFSource", "AudioSource", "VideoSource")
USER_ATTRIBUTES = ("creatingUser", "modifyingUser", "creatingUserGUID", "modifyingUserGUID")


def norm(guid):
    return (guid or "").strip().strip("{}").lower()


def check(path, xsd_path):
    failures = []
    summary = {"file": path}
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        return summary, [f"not a ZIP archive: {e}"]
    names = set(archive.namelist())
    if "project.qde" not in names:
        return summary, ["the archive has no project.qde at its root"]
    qde = archive.read("project.qde")
    try:
        doc = etree.fromstring(qde, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as e:
        return summary, [f"project.qde is not well-formed XML: {e}"]
    schema = etree.XMLSchema(etree.parse(xsd_path))
    if not schema.validate(doc):
        failures += [f"schema: line {e.line}: {e.message}" for e in schema.error_log]
    if doc.tag != Q + "Project":
        failures.append(f"the root element is {doc.tag}, not {{{NS}}}Project")

    seen = {}
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        guid = el.get("guid")
        if guid is None:
            continue
        key = norm(guid)
        if key in seen:
            failures.append(f"GUID {guid} is used by both {seen[key]} and {etree.QName(el).localname}")
        else:
            seen[key] = etree.QName(el).localname

    users = {norm(u.get("guid")) for u in doc.iter(Q + "User")}
    codes = {norm(c.get("guid")) for c in doc.iter(Q + "Code")}
    notes = {norm(n.get("guid")) for n in doc.iter(Q + "Note")}
    sources = {norm(s.get("guid")) for kind in SOURCE_KINDS for s in doc.iter(Q + kind)}

    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        local = etree.QName(el).localname
        for attr in USER_ATTRIBUTES:
            value = el.get(attr)
            if value is not None and norm(value) not in users:
                failures.append(f"{local} {el.get('guid', '')}: {attr} {value} is not a user")
        target = el.get("targetGUID")
        if local in ("CodeRef", "MemberCode") and norm(target) not in codes:
            failures.append(f"{local} targets {target}, which is not a code")
        if local in ("NoteRef", "MemberNote") and norm(target) not in notes:
            failures.append(f"{local} targets {target}, which is not a note")
        if local == "MemberSource" and norm(target) not in sources:
            failures.append(f"MemberSource targets {target}, which is not a source")

    def text_of(el, what):
        """The plain text of a TextSource-typed element, or None (failure recorded)."""
        inline = el.find(Q + "PlainTextContent")
        path_attr = el.get("plainTextPath")
        if inline is not None and path_attr is not None:
            failures.append(f"{what} has both PlainTextContent and plainTextPath")
        if path_attr is None:
            if inline is None:
                failures.append(f"{what} has neither PlainTextContent nor plainTextPath")
                return None
            return inline.text or ""
        if not path_attr.startswith("internal://"):
            failures.append(f"{what}: plainTextPath {path_attr} is not internal://")
            return None
        member = "sources/" + path_attr[len("internal://"):]
        if member not in names:
            failures.append(f"{what}: plainTextPath {path_attr} names {member}, which is not in the archive")
            return None
        try:
            return archive.read(member).decode("utf-8")
        except UnicodeDecodeError:
            failures.append(f"{what}: {member} is not UTF-8")
            return None

    selections = 0
    for src in doc.iter(Q + "TextSource"):
        what = f"TextSource {src.get('guid')}"
        text = text_of(src, what)
        for sel in src.iter(Q + "PlainTextSelection"):
            selections += 1
            try:
                start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            except (TypeError, ValueError):
                failures.append(f"selection {sel.get('guid')} has no integer positions")
                continue
            if text is not None and not (0 <= start <= end <= len(text)):
                failures.append(
                    f"selection {sel.get('guid')} [{start}, {end}) lies outside its text of {len(text)} characters"
                )
    for note in doc.iter(Q + "Note"):
        text_of(note, f"Note {note.get('guid')}")

    summary.update(
        {
            "users": len(users),
            "codes": sum(1 for _ in doc.iter(Q + "Code")),
            "sources": sum(1 for kind in SOURCE_KINDS for _ in doc.iter(Q + kind)),
            "text_sources": sum(1 for _ in doc.iter(Q + "TextSource")),
            "selections": selections,
            "codings": sum(1 for _ in doc.iter(Q + "Coding")),
            "notes": len(notes),
            "files": len(names),
        }
    )
    return summary, failures


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--xsd", required=True)
    ap.add_argument("--expect-codes", type=int)
    ap.add_argument("--expect-sources", type=int)
    ap.add_argument("--expect-codings", type=int)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    summary, failures = check(args.file, args.xsd)
    for key, want in (("codes", args.expect_codes), ("sources", args.expect_sources), ("codings", args.expect_codings)):
        if want is not None and summary.get(key) != want:
            failures.append(f"expected {want} {key}, found {summary.get(key)}")
    summary["ok"] = not failures
    summary["failures"] = failures
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        counts = ", ".join(f"{k} {v}" for k, v in summary.items() if isinstance(v, int) and not isinstance(v, bool))
        print(f"{args.file}: {'ok' if not failures else 'FAILED'} ({counts})")
        for f in failures:
            print(f"  - {f}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
