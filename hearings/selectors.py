"""What the hearings app shows outside its own pages: its home card and the minutes' context."""
from django.db.models import Count, Prefetch, Q, Sum
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


_ASK = object()


def public_section(upcoming=_ASK):
    """Published data only, in three queries (two when given `upcoming`: next_hearing() or None)."""
    held = Hearing.objects.published().filter(state=Hearing.State.HELD).aggregate(
        count=Count("pk"), participants=Sum("participants_total"))
    proposals = Proposal.objects.public().figures()
    upcoming = next_hearing() if upcoming is _ASK else upcoming
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


def _minutes_proposals():
    return Proposal.objects.select_related("village", "group", "programme").prefetch_related("status_changes")


def with_minutes(hearings):
    """`hearings` with the proposals their minutes print, read for all of them at once (two
    queries, however many hearings: a council pack of ten hearings cost thirty)."""
    return hearings.prefetch_related(Prefetch("proposals", queryset=_minutes_proposals(), to_attr="minutes_proposals"))


def proposal_figures(proposals):
    """ProposalQuerySet.figures() counted from proposals already read."""
    return {
        "received": len(proposals),
        "from_groups": sum(proposal.source == Proposal.Source.GROUP for proposal in proposals),
        "taken_up": sum(proposal.status in Proposal.TAKEN_UP for proposal in proposals),
    }


def minutes_context(hearing):
    """What templates/pdf/hearings/_minutes_body.html needs for one hearing: the minutes PDF uses
    it, and so can a council session pack that prints several hearings in one document (read
    through with_minutes(), it costs no query)."""
    proposals = getattr(hearing, "minutes_proposals", None)
    if proposals is None:  # the proposals stay unread until the PDF is rendered (not for a cached one)
        return {"hearing": hearing, "figures": hearing.proposals.figures(),
                "proposals": _minutes_proposals().filter(hearing=hearing)}
    return {"hearing": hearing, "figures": proposal_figures(proposals), "proposals": proposals}
