"""What the hearings app shows outside its own pages: its home card and the minutes' context."""
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import bilingual
from hearings.models import DevelopmentProgramme, Hearing, Proposal


def next_hearing():
    """The next announced, published hearing, with its village (one query), or None."""
    return Hearing.objects.published().upcoming().select_related("village").first()


def public_section():
    """Published data only, in three queries."""
    held = Hearing.objects.published().filter(state=Hearing.State.HELD).aggregate(
        count=Count("pk"), participants=Sum("participants_total"))
    proposals = Proposal.objects.public().figures()
    upcoming = next_hearing()
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


def minutes_context(hearing):
    """What templates/pdf/hearings/_minutes_body.html needs for one hearing: the minutes PDF uses
    it, and so can a council session pack that prints several hearings in one document."""
    return {
        "hearing": hearing,
        "figures": hearing.proposals.figures(),
        "proposals": hearing.proposals.select_related("village", "group", "programme"),
    }
