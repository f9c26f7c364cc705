"""What the planning pages and documents read: ranked needs, actions with their links. Each
function costs a fixed number of queries whatever the number of rows."""
from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from planning import rules
from planning.models import Need, NeedsStudy, PlannedAction


def visible_actions(user):
    """The actions `user` may see, by deadline, with what a need's row shows of them (what, status,
    deadline: a link, a badge, late or not)."""
    return PlannedAction.objects.visible_to(user).only("need", "what", "status", "deadline").order_by("deadline", "pk")


def vote_totals(study):
    """The study's groups, each with `votes_given` and `problems_voted` (problems it gave votes
    to) over the whole study: what every page of the staff table shows above it. One query."""
    return list(study.groups.annotate(votes_given=Sum("rankings__votes"),
                                      problems_voted=Count("rankings", filter=Q(rankings__votes__gt=0))))


def ranked_needs(study, user, village=None):
    """(groups, needs) of `study`: needs in rank order, each with `score`, `rank`,
    `group_cells` [(group, votes, rank within the group)] and `shown_actions` (the actions
    `user` may see). The rank is over the whole study, whichever village is asked for."""
    groups = list(study.groups.all())
    needs = list(study.needs.select_related("village").prefetch_related(
        "rankings", Prefetch("actions", queryset=visible_actions(user), to_attr="shown_actions"))
        .with_action_counts(published_plans_only=not _sees_drafts(user)))
    rank(needs, groups)
    today = timezone.localdate()
    for need in needs:
        for action in need.shown_actions:
            action.late = action.is_overdue(today)
    if village is not None:
        needs = [need for need in needs if need.village_id in (village.pk, None)]
    return groups, needs


def rank(needs, groups):
    """Give each of one study's `needs` (rankings prefetched) its `score`, `rank` and
    `group_cells` [(group, votes, rank within the group)], and sort them by rank: no query."""
    votes = {need.pk: {ranking.group_id: ranking.votes for ranking in need.rankings.all()} for need in needs}
    ranks = rules.rank_needs(votes)
    group_ranks = {group.pk: rules.rank_within_group({pk: by_group.get(group.pk) for pk, by_group in votes.items()})
                   for group in groups}
    for need in needs:
        need.score, need.rank = ranks[need.pk]
        need.group_cells = [(group, votes[need.pk].get(group.pk), group_ranks[group.pk].get(need.pk))
                            for group in groups]
    needs.sort(key=lambda need: (need.rank, need.pk))
    return needs


def published_studies_ranked():
    """[(study, groups, ranked needs)] of every published study: four queries in all."""
    studies = NeedsStudy.objects.published().order_by("started_on", "pk").prefetch_related(
        "groups", Prefetch("needs", queryset=Need.objects.select_related("village").prefetch_related("rankings")))
    return [(study, list(study.groups.all()), rank(list(study.needs.all()), list(study.groups.all())))
            for study in studies]


def by_village(needs):
    """[(village or None, [needs])] in the order of first appearance: the village's own needs,
    aimak-wide ones under None."""
    sections = {}
    for need in needs:
        sections.setdefault(need.village, []).append(need)
    return list(sections.items())


def latest_study(user):
    return NeedsStudy.objects.visible_to(user).order_by("-finished_on", "-pk").first()


def plan_actions(plan):
    """The plan's actions in deadline order, each with its need and the need's village: what the
    plan's page lists (its columns only). One query."""
    # modeltranslation's only() adds every language column of a translated field
    return list(plan.actions.select_related("need", "need__village").only(
        "plan_id", "what", "responsible_kind", "responsible_name", "deadline", "status",
        "need", "need__title", "need__village", "need__village__name").order_by("deadline", "pk"))


def plan_document_actions(plan, user):
    """The plan's actions in deadline order with their need and its village, `resources` and
    `shown_projects` (the projects `user` may see, with their totals): what the plan's PDFs
    print. Three queries."""
    from projects.models import Project

    return list(plan.actions.select_related("need", "need__village").prefetch_related(
        "resources",
        Prefetch("projects", queryset=Project.objects.visible_to(user).with_totals(), to_attr="shown_projects"),
    ).order_by("deadline", "pk"))


def _sees_drafts(user):
    from core import roles

    return roles.can_see_drafts(user)
