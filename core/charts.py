"""Charts drawn on the server as SVG, the same in pages and PDFs, light on a phone.

A view computes a chart with one of these functions and the template includes
`includes/chart.html` with it: the SVG for the eye and a table for screen readers.
No inline styles or scripts (the Content-Security-Policy forbids them): colours are attributes.
"""
from dataclasses import dataclass, field
from decimal import Decimal

PALETTE = ["#1f5f99", "#e07b00", "#2e8540", "#b5267b", "#6a51a3", "#8c6d1f", "#d62728", "#17becf"]


@dataclass
class Bar:
    label: str
    value: Decimal
    display: str
    y: int
    width: float
    colour: str
    text_x: float = 0


@dataclass
class Chart:
    title: str
    bars: list = field(default_factory=list)
    width: int = 640
    height: int = 0
    label_width: int = 0
    kind: str = "bars"
    segments: list = field(default_factory=list)
    column_label: str = ""
    value_label: str = ""

    @property
    def rows(self):
        return self.bars or self.segments


def bar_chart(title, items, display=str, column_label="", value_label="", width=640, bar_height=22,
              label_width=220, target=None):
    """Horizontal bars, one per (label, value). Labels sit left of the bars so that long
    Kyrgyz and Russian words fit on a narrow phone; the SVG scales to the screen's width."""
    items = [(label, Decimal(str(value or 0))) for label, value in items]
    largest = max([value for _label, value in items] + [Decimal(target or 0), Decimal(1)])
    plot_width = width - label_width - 110
    chart = Chart(title=title, width=width, label_width=label_width, column_label=column_label,
                  value_label=value_label)
    for index, (label, value) in enumerate(items):
        bar_width = float(value / largest) * plot_width
        chart.bars.append(Bar(label=label, value=value, display=display(value), y=index * (bar_height + 8) + 4,
                              width=round(bar_width, 1), colour=PALETTE[index % len(PALETTE)],
                              text_x=round(label_width + bar_width + 6, 1)))
    chart.height = len(items) * (bar_height + 8) + 8
    chart.bar_height = bar_height
    chart.target_x = (label_width + float(Decimal(target) / largest) * plot_width) if target else None
    return chart


def share_bar(title, items, display=str, column_label="", value_label="", width=640, height=36):
    """One bar split into coloured segments by share (a funding mix), with a legend below."""
    items = [(label, Decimal(str(value or 0))) for label, value in items if value]
    total = sum((value for _label, value in items), Decimal(0))
    chart = Chart(title=title, width=width, kind="share", column_label=column_label, value_label=value_label)
    x = 0.0
    for index, (label, value) in enumerate(items):
        segment_width = float(value / total) * width if total else 0
        chart.segments.append({
            "label": label, "value": value, "display": display(value), "x": round(x, 1),
            "width": round(segment_width, 1), "colour": PALETTE[index % len(PALETTE)],
            "share": round(float(value / total) * 100) if total else 0,
            "legend_y": height + 18 + index * 22,
        })
        x += segment_width
    chart.bar_height = height
    chart.height = height + 18 + len(items) * 22
    return chart
