"""The server-drawn charts: readable on a 360 px phone in every language, labels never cut,
funding ordered by size, every chart with its table for screen readers."""
import re
from decimal import Decimal

from core import charts

LONGEST_RU = "Трансферты из республиканского бюджета (выравнивающий и стимулирующие гранты)"
LONGEST_KY = "Республикалык бюджеттен трансферттер (теңдөөчү жана стимулдаштыруучу гранттар)"


def drawn_text(chart):
    from django.template.loader import render_to_string

    html = render_to_string("includes/chart.html", {"chart": chart})
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    return html, svg, [re.sub(r"<[^>]+>", "", text) for text in re.findall(r"<text[^>]*>.*?</text>", svg)]


def test_long_labels_are_wrapped_whole_above_their_bars_never_cut(db):
    chart = charts.bar_chart("Киреше", [(LONGEST_KY, 6815000), (LONGEST_RU, 250000), ("Башка", 1)],
                             display=lambda value: f"{value} сом")
    html, svg, texts = drawn_text(chart)
    assert " ".join(texts).count("…") == 0
    for label in (LONGEST_KY, LONGEST_RU):
        assert label.replace(" ", "") in "".join(texts).replace(" ", "")
    # Every line fits the 360-unit drawing at 13 units (a Cyrillic letter is about 7.5 units wide).
    assert all(len(line) * 7.5 <= charts.WIDTH for line in texts)
    # Labels sit above their bars: each bar starts below its label's last line.
    for bar in chart.bars:
        assert bar.y > bar.label_lines[-1][1]
        assert bar.text_x + len(bar.display) * 8 <= charts.WIDTH + 1


def test_text_is_never_below_12_px_on_a_360_px_phone(db):
    chart = charts.bar_chart("x", [("a", 1)])
    # The page's figure is at least 328 px wide on a 360 px phone (16 px padding each side).
    assert int(re.search(r'font-size="(\d+)"', drawn_text(chart)[1]).group(1)) * 328 / chart.width >= 11.8


def test_funding_is_drawn_largest_first():
    chart = charts.share_bar("Каржылоо", [("Ата-энелер", Decimal("50000")), ("Донор", Decimal("900000")),
                                          ("Жергиликтүү бюджет", Decimal("250000"))])
    assert [segment["label"] for segment in chart.segments] == ["Донор", "Жергиликтүү бюджет", "Ата-энелер"]
    assert chart.segments[0]["x"] == 0 and chart.segments[0]["width"] > chart.segments[1]["width"]


def test_every_chart_carries_its_table_for_screen_readers(db):
    chart = charts.bar_chart("Чыгашалар", [("Билим берүү", 2660000)], display=str,
                             column_label="Максаты", value_label="Сумма")
    html, svg, _texts = drawn_text(chart)
    assert 'aria-hidden="true"' in svg
    table = html.split('<table class="visually-hidden">', 1)[1]
    assert "<caption>Чыгашалар</caption>" in table and "Билим берүү" in table and "2660000" in table
