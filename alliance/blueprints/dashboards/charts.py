"""Geometry of the dashboards' server-drawn SVG charts (no Flask here): horizontal bars,
one row per category with its label on a line of its own above the bar, so long Chinese or
English labels stay readable at phone width; a bar may be stacked from coloured segments."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH = 360  # SVG units; the chart scales to its box, about 1:1 on a 390px phone
ROW = 40
LABEL_Y = 13
BAR_Y = 19
BAR_HEIGHT = 14
VALUE_ROOM = 96  # room right of the longest bar for its value text

#: colour-blind safe (Okabe–Ito), the network view's palette
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999",
           "#F0E442")


@dataclass
class Bar:
    label: str
    segments: list[tuple[float, str, str]]  # (value, colour, name)
    text: str  # the value as written beside the bar
    link: str | None = None
    segment_boxes: list[dict] = field(default_factory=list)
    y: float = 0.0
    text_x: float = 0.0


def bar_chart(bars: list[Bar], scale_to: float | None = None, width: int = WIDTH) -> dict | None:
    """Place ``bars``: each segment gets x and width in SVG units; None without bars.
    ``scale_to`` fixes the value of a full-length bar (say 100 for percentages)."""
    if not bars:
        return None
    totals = [sum(float(v) for v, _c, _n in bar.segments) for bar in bars]
    top = float(scale_to) if scale_to else max(max(totals), 1e-9)
    room = width - VALUE_ROOM
    for index, bar in enumerate(bars):
        bar.y = index * ROW
        x = 0.0
        bar.segment_boxes = []
        for value, colour, name in bar.segments:
            length = min(max(float(value), 0.0) / top * room, room - x)
            if length > 0:
                bar.segment_boxes.append({"x": round(x, 1), "w": round(max(length, 1.5), 1),
                                          "colour": colour, "name": name, "value": value})
            x += length
        bar.text_x = round(x + 6, 1)
    return {"width": width, "height": len(bars) * ROW, "bars": bars, "label_y": LABEL_Y,
            "bar_y": BAR_Y, "bar_height": BAR_HEIGHT}


def single(label: str, value, text: str | None = None, link: str | None = None,
           colour: str = PALETTE[0]) -> Bar:
    """A bar of one segment."""
    number = float(value) if isinstance(value, Decimal | int | float) else 0.0
    return Bar(label, [(number, colour, label)], text if text is not None else str(value), link)
