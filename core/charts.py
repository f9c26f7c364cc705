"""Charts drawn on the server as SVG, the same in pages and PDFs, light on a phone.

A view computes a chart with one of these functions and the template includes
`includes/chart.html` with it: the SVG for the eye and a table for screen readers.
No inline styles or scripts (the Content-Security-Policy forbids them): colours are attributes.

Readable on a 360 px phone in ky, ru and en: the drawing is 360 units wide (so one unit is about
one CSS pixel on a phone, and text of 13 units never shows below 12 px), and each label sits on
its own lines above its bar, wrapped, never cut: Kyrgyz and Russian budget words are long.
"""
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

PALETTE = ["#1f5f99", "#e07b00", "#2e8540", "#b5267b", "#6a51a3", "#8c6d1f", "#d62728", "#17becf"]

WIDTH = 360            # units of the SVG's viewBox
FONT_SIZE = 13         # units; at 360 px wide, 1 unit ≈ 1 px
LINE_HEIGHT = 16       # units between two lines of a label
LABEL_CHARACTERS = 44  # a label wraps after about this many characters (Cyrillic at 13 units)
VALUE_SPACE = 112      # units kept right of the longest bar for its value ("10 805 000 сом")
GAP = 10               # units between one bar and the next label


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    y: int
    width: float
    colour: str
    text_x: float = 0
    label_lines: list = field(default_factory=list)   # [(text, y)]
    text_y: float = 0


@dataclass
class Chart:
    title: str
    bars: list = field(default_factory=list)
    width: int = WIDTH
    height: int = 0
    kind: str = "bars"
    segments: list = field(default_factory=list)
    column_label: str = ""
    value_label: str = ""

    @property
    def rows(self):
        return self.bars or self.segments


def wrap(text, characters=LABEL_CHARACTERS):
    """A label's lines: whole words where they fit, a word longer than a line broken."""
    return textwrap.wrap(str(text), width=characters, break_long_words=True, break_on_hyphens=False) or [""]


def bar_chart(title, items, display=str, column_label="", value_label="", width=WIDTH, bar_height=16,
              target=None):
    """Horizontal bars, one per (label, value), each label on its own lines above its bar and
    the value right of the bar. `target` draws a dashed line at that value (a 30 % target, say)."""
    items = [(label, Decimal(str(value or 0))) for label, value in items]
    largest = max([value for _label, value in items] + [Decimal(target or 0), Decimal(1)])
    plot_width = width - VALUE_SPACE
    chart = Chart(title=title, width=width, column_label=column_label, value_label=value_label)
    y = 0
    for index, (label, value) in enumerate(items):
        lines = []
        for line in wrap(label):
            y += LINE_HEIGHT
            lines.append((line, y))
        bar_y = y + 4
        bar_width = float(value / largest) * plot_width
        chart.bars.append(Bar(label=label, value=value, display=display(value), y=bar_y, width=round(bar_width, 1),
                              colour=PALETTE[index % len(PALETTE)], text_x=round(bar_width + 5, 1),
                              label_lines=lines, text_y=bar_y + bar_height - 3))
        y = bar_y + bar_height + GAP
    chart.height = max(y, 1)
    chart.bar_height = bar_height
    chart.target_x = float(Decimal(target) / largest) * plot_width if target else None
    return chart


def share_bar(title, items, display=str, column_label="", value_label="", width=WIDTH, height=28):
    """One bar split into coloured segments by share (a funding mix), the largest first, with a
    legend below it in the same order."""
    items = sorted(((label, Decimal(str(value or 0))) for label, value in items if value),
                   key=lambda item: item[1], reverse=True)
    total = sum((value for _label, value in items), Decimal(0))
    chart = Chart(title=title, width=width, kind="share", column_label=column_label, value_label=value_label)
    x = 0.0
    y = height + 8
    for index, (label, value) in enumerate(items):
        segment_width = float(value / total) * width if total else 0
        share = round(float(value / total) * 100) if total else 0
        lines = []
        for line in wrap(f"{label} — {display(value)} ({share}\xa0%)", LABEL_CHARACTERS - 3):
            y += LINE_HEIGHT
            lines.append((line, y))
        chart.segments.append({
            "label": label, "value": value, "display": display(value), "x": round(x, 1),
            "width": round(segment_width, 1), "colour": PALETTE[index % len(PALETTE)], "share": share,
            "legend_lines": lines, "legend_y": lines[0][1],
        })
        y += 6
        x += segment_width
    chart.bar_height = height
    chart.height = y
    return chart
