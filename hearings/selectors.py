"""The hearings app's share of the home page and of the staff work list (portal.worklist)."""
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hearings.models import DevelopmentProgramme, Hearing, Proposal


def public_section():
    """Published data only, in three queries."""
    held = Hearing.objects.published().filter(state=Hearing.State.HELD).aggregate(
        count=Count("pk"), participants=Sum("participants_total"))
    proposals = Proposal.objects.public().figures()
    upcoming = Hearing.objects.published().upcoming().select_related("village").first()
    if upcoming:
        text = _("Next hearing: %(topic)s, %(date)s, %(place)s.") % {
            "topic": upcoming.topic, "date": timezone.localtime(upcoming.starts_at).strftime("%d.%m.%Y %H:%M"),
            "place": ", ".join(str(part) for part in (upcoming.village, upcoming.place) if part)}
    else:
        text = _("No hearing is announced at the moment.")
    return {
        "title": _("Public hearings"),
        "url": reverse("hearings:list"),
        "figures": [
            (_("hearings held"), held["count"]),
            (_("participants"), held["participants"] or 0),
            (_("proposals received"), proposals["received"]),
            (_("proposals accepted"), proposals["taken_up"]),
        ],
        "text": text,
    }


def staff_items(user):
    hearings = Hearing.objects.aggregate(
        drafts=Count("pk", filter=Q(status=Hearing.Status.DRAFT)),
        without_minutes=Count("pk", filter=Q(state=Hearing.State.HELD, minutes="")),
    )
    return [
        {"title": _("Proposals waiting for a decision"), "count": Proposal.objects.waiting().count(),
         "url": reverse("hearings:staff_waiting")},
        {"title": _("Held hearings without minutes"), "count": hearings["without_minutes"],
         "url": reverse("hearings:staff_list")},
        {"title": _("Draft hearings"), "count": hearings["drafts"], "url": reverse("hearings:staff_list")},
        {"title": _("Draft development programmes"), "count": DevelopmentProgramme.objects.drafts().count(),
         "url": reverse("hearings:staff_programmes")},
    ]


def minutes_context(hearing):
    """What templates/pdf/hearings/_minutes_body.html needs for one hearing: the minutes PDF uses
    it, and so can a council session pack that prints several hearings in one document."""
    return {
        "hearing": hearing,
        "figures": hearing.proposals.figures(),
        "proposals": hearing.proposals.select_related("village", "group", "programme"),
    }


# --- Open data (core.exports writes the files) --------------------------------------------------

def proposal_header():
    return [_("Hearing date"), _("Hearing"), _("Village"), _("Topic"), _("Source"), _("Initiative group"),
            _("Question"), _("Proposal"), _("Estimated cost, som"), _("Status"), _("Decided on"),
            _("Public answer"), _("Taken into the programme")]


def proposal_rows():
    """Every published proposal (no author names), dates as dates: the file writes them ISO 8601
    whatever the page's language."""
    proposals = (Proposal.objects.public().select_related("hearing", "village", "group", "programme")
                 .order_by("hearing__starts_at", "pk"))
    for proposal in proposals.iterator(chunk_size=500):
        group = proposal.group if proposal.group and proposal.group.is_published else None
        programme = proposal.programme if proposal.programme and proposal.programme.is_published else None
        yield [
            timezone.localtime(proposal.hearing.starts_at).date(), proposal.hearing.topic,
            proposal.village or "", proposal.get_topic_display(), proposal.get_source_display(),
            group or "", _("yes") if proposal.is_question else "", proposal.text, proposal.estimated_cost,
            proposal.get_status_display(), proposal.decided_on, proposal.response, programme or "",
        ]
