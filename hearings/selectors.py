"""What the hearings app shows outside its own pages: its home card and the minutes' context."""
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from core import bilingual
from core.templatetags.portal import num
from hearings.models import DevelopmentProgramme, Hearing, Proposal


def next_hearing():
    """The next announced, published hearing, with its village (one query), or None."""
    return Hearing.objects.published().upcoming().select_related("village").first()


def latest_answers(limit):
    """The `limit` published proposals answered last, newest first: read down an index of the
    dated decisions (sorting every proposal took 80 ms at N=10); undated ones, if any, after them."""
    answered = (Proposal.objects.public().filter(status__in=Proposal.DECIDED).exclude(response="")
                .select_related("hearing").prefetch_related("status_changes"))
    latest = list(answered.filter(decided_on__isnull=False).order_by("-decided_on", "-pk")[:limit])
    if len(latest) < limit:
        latest += answered.filter(decided_on__isnull=True).order_by("-pk")[:limit - len(latest)]
    return latest


def public_section():
    """Published data only, in three queries."""
    held = Hearing.objects.published().filter(state=Hearing.State.HELD).aggregate(
        count=Count("pk"), participants=Sum("participants_total"))
    proposals = Proposal.objects.public().figures()
    upcoming = next_hearing()
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


def minutes_context(hearing):
    """What templates/pdf/hearings/_minutes_body.html needs for one hearing: the minutes PDF uses
    it, and so can a council session pack that prints several hearings in one document."""
    return {
        "hearing": hearing,
        "figures": hearing.proposals.figures(),
        "proposals": hearing.proposals.select_related("village", "group", "programme")
                                      .prefetch_related("status_changes"),
    }
