"""Validates the XML parts of OFD packages against the XML Schemas of
GB/T 33190-2016 (OFD.xsd, Document.xsd, Res.xsd, Page.xsd), with lxml.
Prints each invalid part and its first errors; exits 1 if any.
Usage: validate.py SCHEMA_DIR FILE.ofd..."""
import io
import sys
import zipfile

from lxml import etree

directory = sys.argv[1]
schemas = {
    name: etree.XMLSchema(etree.parse(f"{directory}/{name}"))
    for name in ["OFD.xsd", "Document.xsd", "Res.xsd", "Page.xsd"]
}


def schema_of(part):
    if part == "OFD.xml":
        return schemas["OFD.xsd"]
    if part.endswith("/Document.xml"):
        return schemas["Document.xsd"]
    if part.endswith("Res.xml"):
        return schemas["Res.xsd"]
    if part.endswith("/Content.xml"):
        return schemas["Page.xsd"]
    return None


invalid = checked = 0
for path in sys.argv[2:]:
    package = zipfile.ZipFile(path)
    for part in package.namelist():
        if not part.endswith(".xml"):
            continue
        schema = schema_of(part)
        if schema is None:
            print(f"{path}: {part}: no schema for this part")
            invalid += 1
            continue
        checked += 1
        if not schema.validate(etree.parse(io.BytesIO(package.read(part)))):
            invalid += 1
            print(f"{path}: {part}")
            for error in list(schema.error_log)[:3]:
                print(f"    line {error.line}: {error.message}")
print(f"{checked} parts checked, {invalid} invalid")
sys.exit(1 if invalid else 0)
