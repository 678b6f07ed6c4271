import io

import pytest
from openpyxl import load_workbook


@pytest.fixture
def demo(people, settings):
    """The demo data: dossiers at every step in two departments, two concluded sessions (closed ballots)."""
    from interfaces.demo import seed as demo_data

    demo_data.seed_dossiers(people["depts"], people)
    return people


def sheet_rows(response):
    """The rows of an exported Excel file, read back with openpyxl (header first)."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
