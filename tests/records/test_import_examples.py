"""The documented examples import as they are, and the documentation matches the schema."""

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from django.conf import settings

from sightline.records.data import Outcome
from sightline.records.services.imports import RecordType, import_file

EXAMPLES = Path(settings.BASE_DIR) / "docs" / "examples"
AGENCIES = {
    "example-police": "police",
    "example-school": "school",
    "example-gp": "gp",
    "example-health-visiting": "health_visiting",
    "example-hospital": "hospital",
    "example-social-care": "childrens_social_care",
}


def _docs_script() -> ModuleType:
    path = Path(settings.BASE_DIR) / "scripts" / "import_format_docs.py"
    spec = importlib.util.spec_from_file_location("import_format_docs", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def example_agencies(make_agency):
    for code, kind in AGENCIES.items():
        make_agency(kind, code=code)


# Import files; the agencies list beside the case review is replay's, not an import's.
IMPORT_FILES = sorted(p for p in EXAMPLES.glob("*.*") if p.suffix in (".csv", ".jsonl"))


@pytest.mark.parametrize("path", IMPORT_FILES, ids=lambda p: p.name)
def test_every_example_file_imports_as_it_is(example_agencies, path):
    lines = (EXAMPLES / "case-review.jsonl").read_text().splitlines()
    expected = Counter(json.loads(line)["record_type"] for line in lines)
    report = import_file(actor=None, path=path, default_agency_code=None)
    assert {t.value: report.count(t, Outcome.CREATED) for t in RecordType} == expected


def test_the_csv_example_holds_the_same_records_as_the_json_lines_one(example_agencies):
    import_file(actor=None, path=EXAMPLES / "case-review.jsonl", default_agency_code=None)
    again = import_file(actor=None, path=EXAMPLES / "case-review.csv", default_agency_code=None)
    assert not again.changed


def test_the_field_tables_and_the_csv_example_are_up_to_date():
    docs = _docs_script()
    assert docs.DOC.read_text() == docs.document(), "run scripts/import_format_docs.py"
    assert docs.CSV_EXAMPLE.read_text() == docs.csv_example(), "run scripts/import_format_docs.py"
