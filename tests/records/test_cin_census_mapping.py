"""Every item of the CIN census return has a documented place in the model."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT.parent / "shared/standards/cin/CIN_schema_2026.xsd"
SAMPLE_2026_27 = ROOT.parent / "shared/standards/cin/samples/CIN_Census_2026.xml"
MAPPING = ROOT / "docs/cin-census-mapping.md"
XS = "{http://www.w3.org/2001/XMLSchema}"


def _mapped_items() -> set[str]:
    """The CIN items named in the first column of the mapping's tables."""
    return {
        item
        for line in MAPPING.read_text(encoding="utf-8").splitlines()
        if line.startswith("| `")
        for item in re.findall(r"`([A-Za-z0-9]+)`", line.split("|")[1])
    }


def test_every_element_of_the_cin_schema_is_mapped():
    elements = {e.get("name") for e in ET.parse(SCHEMA).iter(f"{XS}element") if e.get("name")}
    assert len(elements) > 50
    assert elements - _mapped_items() == set()


def test_every_pre_proceedings_item_of_the_2026_27_return_is_mapped():
    block = next(ET.parse(SAMPLE_2026_27).iter("PreProceedingsandFGDM"))
    items = {child.tag for child in block} | {"PreProceedingsandFGDM"}
    assert items - _mapped_items() == set()
