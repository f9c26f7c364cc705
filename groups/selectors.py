"""What the groups app shows: figures and lists computed by the database, published data
only for the public. The portal (home page, work list, council pack) imports from here."""
import datetime

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import npgettext

from core.numbers import share
from core.charts import bar_chart
from core.templatetags.portal import format_number

from .models import (FIRST_GROUP_YEAR, WOMEN_TARGET_PERCENT, YOUTH_MAX_AGE, YOUTH_MIN_AGE, GroupActivity,
                     InitiativeGroup, Person, women_target_met)


def public_groups():
    """Published groups, each with its member counts and villages: two queries for any number."""
    return (InitiativeGroup.objects.published().with_member_counts()
            .prefetch_related("villages").order_by("founded_on", "name"))


def women_shares():
    """[(group id, group name, women, members)] of the published groups, for the figures page:
    two counts per group, no row wider than the name (the seven distinct counts of
    `public_groups` took 40 ms at N=10 for two numbers)."""
    current = Q(memberships__left_on__isnull=True)
    return list(InitiativeGroup.objects.published().order_by("founded_on", "name").annotate(
        members=Count("memberships", filter=current),
        women=Count("memberships", filter=current & Q(memberships__person__gender=Person.Gender.FEMALE)),
    ).values_list("pk", "name", "women", "members"))


FURTHEST_BELOW_SHOWN = 10


def women_share_distribution(shares):
    """The figures page's view of every group's share of women, as long however many groups:
    `bands`, [(label, groups)] of ten bands of ten points (the last takes 100 %) and one of the
    groups without current members; `below`, the groups under the target, lowest share first,
    at most FURTHEST_BELOW_SHOWN as {"pk", "name", "women", "members", "share"}; `below_count`
    and `groups`. `shares` is women_shares(); a group's band and whether it meets the target
    are computed in whole numbers, as women_target_met does (29.96 % is not 30 %)."""
    counts = [0] * 10
    empty = 0
    below = []
    for pk, name, women, members in shares:
        if not members:
            empty += 1
            continue
        counts[min(women * 10 // members, 9)] += 1
        if not women_target_met(women, members):
            below.append({"pk": pk, "name": name, "women": women, "members": members,
                          "share": share(women, members)})
    below.sort(key=lambda group: (group["women"] * 100 / group["members"], group["name"]))
    bands = [(_("%(low)s to under %(high)s %%") % {"low": low * 10, "high": low * 10 + 10}
              if low < 9 else _("%(low)s to 100 %%") % {"low": 90}, count) for low, count in enumerate(counts)]
    bands.append((_("No current members"), empty))
    return {"bands": bands, "below": below[:FURTHEST_BELOW_SHOWN], "below_count": len(below),
            "groups": len(shares)}


def groups_in_order(user):
    """The groups `user` may see (drafts for staff and deputies), in the list's order; no counts."""
    return InitiativeGroup.objects.visible_to(user).order_by("founded_on", "name")


def groups_for(user):
    """The groups list as `user` may see it, each with its member counts and villages."""
    return groups_in_order(user).with_member_counts().prefetch_related("villages")


def member_figures(year=None):
    """The people with an open membership in a published group, counted once each."""
    year = year or datetime.date.today().year
    figures = Person.objects.public_members().figures(year)
    figures["women_share"] = share(figures["women"], figures["total"])
    figures["youth_share"] = share(figures["youth"], figures["total"])
    figures["women_target"] = WOMEN_TARGET_PERCENT
    figures["women_target_met"] = women_target_met(figures["women"], figures["total"])
    figures["youth_min_age"], figures["youth_max_age"] = YOUTH_MIN_AGE, YOUTH_MAX_AGE
    figures["year"] = year
    return figures


def figures(year=None):
    """Everything on the figures page (and in the register PDF): four queries."""
    year = year or datetime.date.today().year
    published = InitiativeGroup.objects.published()
    counts = published.aggregate(
        groups=Count("pk"), active=Count("pk", filter=Q(dissolved_on__isnull=True)))
    return {
        **member_figures(year),
        "groups": counts["groups"],
        "active_groups": counts["active"],
        "per_year": published.active_per_year(FIRST_GROUP_YEAR, year),
        "first_year": FIRST_GROUP_YEAR,
    }


def public_members_of(group):
    """The members citizens may see by name (they consented), leaders first."""
    return members_for_print(group, None)


def members_for_print(group, user):
    """The open memberships whose names `user` may read (MembershipQuerySet.named_for), leaders
    first."""
    return group.memberships.open().named_for(user).select_related("person").order_by("role", "person__full_name")


def group_for_page(queryset, pk):
    """One group with its counts, villages and activities (with their hearings and projects)."""
    activities = Prefetch("activities", queryset=_activities())
    return queryset.with_member_counts().prefetch_related("villages", activities).get(pk=pk)


def _activities():
    return GroupActivity.objects.select_related("hearing", "project").order_by("-date", "-pk")


def figures_charts(figures):
    """The bar charts of the figures page and the register: groups per year, members by gender."""
    years = bar_chart(
        _("Active initiative groups by year"),
        [(str(year), count) for year, count in figures["per_year"]],
        display=format_number, column_label=_("Year"), value_label=_("Groups"),
    )
    gender = bar_chart(
        _("Members by gender"),
        [(_("Women"), figures["women"]), (_("Men"), figures["men"])],
        display=format_number, column_label=_("Gender"), value_label=_("Members"),
    )
    return years, gender


def register(user):
    """The register of groups for the council (templates/pdf/groups/_register_body.html): every
    group the user may see, with the figures of the published ones and their charts."""
    context = {"register_groups": list(groups_for(user)), "figures": figures()}
    context["years_chart"], context["gender_chart"] = figures_charts(context["figures"])
    return context


def csv_rows():
    """The open-data table of published groups: counts only, no personal data."""
    for group in public_groups():
        yield [
            group.name,
            group.get_focus_display(),
            ", ".join(village.name for village in group.villages.all()),
            group.founded_on,
            group.dissolved_on,
            group.member_count,
            group.women_count,
            group.member_count - group.women_count,
            group.youth_count,
            group.deputy_count,
            group.cso_count,
            group.leader_count,
        ]


# --- For the portal's home page and staff work list (portal/worklist.py).

def public_section():
    """The groups' card on the home page: two queries."""
    counts = InitiativeGroup.objects.published().aggregate(groups=Count("pk"))
    members = Person.objects.public_members().figures()
    women_share = share(members["women"], members["total"])
    figures_list = [
        (npgettext("figure", "initiative group", "initiative groups", counts["groups"]),
         format_number(counts["groups"])),
        (npgettext("figure", "member", "members", members["total"]), format_number(members["total"])),
    ]
    if women_share is not None:
        figures_list.append((_("women among members"), f"{women_share:.0f}\xa0%"))
    return {
        "title": _("Initiative groups"),
        "url": reverse("groups:list"),
        "figures": figures_list,
        "text": _("Residents who take part in planning and solving the aimak's questions."),
    }
