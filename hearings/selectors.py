"""The hearings app's share of the home page and of the staff work list (portal.worklist)."""
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from hearings.models import DevelopmentProgramme, Hearing, Proposal
from portal.templatetags.portal import num


def public_section():
    """Published data only, in three queries."""
    held = Hearing.objects.published().filter(state=Hearing.State.HELD).aggregate(
        count=Count("pk"), participants=Sum("participants_total"))
    proposals = Proposal.objects.public().figures()
    upcoming = Hearing.objects.published().upcoming().select_related("village").first()
    if upcoming:
        text = _("Next hearing: %(topic)s, %(date)s, %(place)s.") % {
            "topic": upcoming.topic, "date": timezone.localtime(upcoming.starts_at).strftime("%d.%m.%Y %H:%M"),
            "place": upcoming.where}
    else:
        text = _("No hearing is announced at the moment.")
    return {
        "title": _("Public hearings"),
        "url": reverse("hearings:list"),
        # A person who came to two hearings counts twice: the label says "at the hearings held".
        "figures": [
            (npgettext("figure", "hearing held", "hearings held", held["count"]), num(held["count"])),
            (npgettext("figure", "participant at the hearings held", "participants at the hearings held",
                      held["participants"] or 0), num(held["participants"] or 0)),
            (npgettext("figure", "proposal or question received", "proposals and questions received",
                       proposals["received"]), num(proposals["received"])),
            (npgettext("figure", "proposal accepted", "proposals accepted", proposals["taken_up"]),
             num(proposals["taken_up"])),
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
        "proposals": hearing.proposals.select_related("village", "group", "programme")
                                      .prefetch_related("status_changes"),
    }
