"""Every PDF keeps its tables inside the page whatever the content: a 300-character word in a
proposal, a long topic, a long group or project name. WeasyPrint lays each document out, and
the test walks the layout boxes of every page: none may cross the right margin, and no page may
end with a heading whose text went on to the next page."""
import pytest
from django.urls import reverse
from django.utils import translation

from core import pdf as portal_pdf
from tests.portal import council_helpers as make

pytestmark = pytest.mark.django_db

WORD = "Суу" + "түтүгү" * 50            # one word of 303 characters, no place to break it
TOPIC = ("Жергиликтүү бюджеттин долбоору боюнча коомдук угуу: мектептерди оңдоо, ичүүчү суу, "
         "жолдор, маданият үйү жана бала бакчалар, демилгелүү топтордун сунуштары ") * 3
TOLERANCE = 0.5  # CSS px


def _boxes(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.MarginBox):
        return
    yield box
    for child in getattr(box, "children", []):
        yield from _boxes(child)


def check_layout(document, name):
    """[(document, page, what)] for every box that crosses the right margin, and every page that
    ends on a heading."""
    from weasyprint.formatting_structure import boxes

    problems = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        last_block = None
        for box in _boxes(page_box):
            if box is page_box:
                continue
            if isinstance(box, boxes.BlockBox) and box.element_tag not in ("html", "body"):
                last_block = box
            edge = box.border_box_x() + box.border_width() if hasattr(box, "border_width") else 0
            if edge > right + TOLERANCE and isinstance(box, boxes.TextBox):
                problems.append((name, number, f"«{box.text[:40]}» in <{box.element_tag}> ends at {edge:.0f} px, "
                                               f"the margin is at {right:.0f} px"))
        if last_block is not None and last_block.element_tag in ("h1", "h2", "h3", "h4", "figcaption"):
            problems.append((name, number, f"the page ends on a <{last_block.element_tag}>"))
    return problems


@pytest.fixture
def laid_out(monkeypatch):
    """Renders every PDF through WeasyPrint once and checks its layout on the way."""
    from weasyprint import HTML

    problems, rendered = [], []

    def html_to_pdf(html):
        document = HTML(string=html, base_url=str(portal_pdf.STATIC_DIR) + "/",
                        url_fetcher=portal_pdf._url_fetcher()).render()
        name = html.split("<title>", 1)[1].split("</title>", 1)[0][:40]
        rendered.append(name)
        problems.extend(check_layout(document, name))
        return document.write_pdf()

    monkeypatch.setattr(portal_pdf, "html_to_pdf", html_to_pdf)
    return problems, rendered


def make_hostile():
    """The demo with the longest content a clerk could type."""
    from budget.models import BudgetLine
    from groups.models import InitiativeGroup
    from hearings.models import Hearing, Proposal
    from projects.models import FundingContribution, Project

    hearing = Hearing.objects.published().filter(state="held").order_by("starts_at").first()
    Hearing.objects.filter(pk=hearing.pk).update(topic=TOPIC[:300], place=WORD[:200])
    Proposal.objects.filter(hearing=hearing).update(text=f"{WORD} {TOPIC}", response=WORD)
    InitiativeGroup.objects.filter(pk__in=InitiativeGroup.objects.published().values("pk")[:2]).update(
        name=WORD[:200], purpose=WORD)
    project = Project.objects.published().order_by("pk").first()
    Project.objects.filter(pk=project.pk).update(title=WORD[:300], result=WORD, summary=WORD[:300])
    FundingContribution.objects.filter(project=project).update(funder=WORD[:200])
    BudgetLine.objects.filter(pk__in=BudgetLine.objects.order_by("pk").values("pk")[:3]).update(name=WORD[:300])
    return hearing, project


def test_every_pdf_keeps_every_box_inside_the_page(demo_data, deputy_client, laid_out):
    from budget.models import BudgetYear
    from groups.models import InitiativeGroup
    from hearings.models import Hearing
    from portal.models import CouncilPack
    from projects.models import Project

    hearing, project = make_hostile()
    year = BudgetYear.objects.published().order_by("-year").first()
    draft_year = BudgetYear.objects.filter(year=year.year).first()
    group = InitiativeGroup.objects.published().order_by("pk").first()
    urls = [
        reverse("hearings:minutes_pdf", args=[hearing.pk]),
        reverse("hearings:announcement_pdf", args=[hearing.pk]),
        reverse("budget:council_pdf", args=[year.year]),
        reverse("budget:council_pdf", args=[draft_year.year]),
        reverse("budget:brochure_pdf", args=[year.year]),
        reverse("projects:card_pdf", args=[project.pk]),
        reverse("projects:list_pdf"),
        reverse("groups:card_pdf", args=[group.pk]),
        reverse("groups:register_pdf"),
        reverse("portal:annual_report_pdf", args=[2021]),
        reverse("portal:about_pdf"),
    ]
    session = make.session()
    with translation.override("ru"):
        response = deputy_client.post(reverse("portal:council_pack_create", args=[session.pk]), {
            "title": "Пакет", "hearings": [hearing.pk],
            "projects": list(Project.objects.published().values_list("pk", flat=True)[:2]),
            "budget_year": year.pk, "include_group_register": "on", "report_year": "2021",
        })
        assert response.status_code == 302
        urls.append(reverse("portal:council_pack_pdf", args=[CouncilPack.objects.get(session=session).pk]))
        for url in urls:
            assert deputy_client.get(url).status_code == 200, url
    problems, rendered = laid_out
    assert len(rendered) >= len(urls) - 1  # the two council.pdf of one year may share the cache
    assert not problems, "\n".join(f"{name} p. {page}: {what}" for name, page, what in problems)
