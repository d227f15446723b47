"""The dashboards' numbers as CSV: one block per figure (its title, its header, its rows),
UTF-8 with a BOM so Excel shows Chinese, cells a spreadsheet would run as formulas
protected."""

from __future__ import annotations

import csv
import io

from flask import Response

from ...graph.export import safe_cell


def figures_csv(heading: list[str], figures) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in heading])
    for figure in figures:
        writer.writerow([])
        writer.writerow([safe_cell(figure.title)])
        writer.writerow([safe_cell(column) for column in figure.columns])
        for row in figure.rows:
            writer.writerow([safe_cell(cell.text if cell.raw is None else cell.raw)
                             for cell in row])
    return text.getvalue().encode("utf-8-sig")


def csv_response(data: bytes, filename: str) -> Response:
    return Response(data, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
