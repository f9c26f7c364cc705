"""What a proposal became, as the reader may see it: links only to what the reader may see
(is_visible_to: drafts only for people who may see drafts)."""
from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _visible(obj, context):
    return obj is not None and obj.is_visible_to(context.get("user"))


def _url(obj):
    return obj.get_absolute_url()


@register.simple_tag(takes_context=True)
def proposal_outcomes(context, proposal):
    outcomes = []
    if _visible(proposal.programme, context):
        outcomes.append({"label": _("Taken into the programme: %(title)s") % {"title": proposal.programme},
                         "url": _url(proposal.programme)})
    line = proposal.budget_line
    if line is not None and _visible(line.budget_year, context):
        outcomes.append({"label": _("Taken into the budget of %(year)s: %(line)s") % {
            "year": line.budget_year, "line": line.name}, "url": _url(line.budget_year)})
    if _visible(proposal.project, context):
        outcomes.append({"label": _("Became the project: %(title)s") % {"title": proposal.project},
                         "url": _url(proposal.project)})
    return outcomes


@register.simple_tag(takes_context=True)
def proposal_group(context, proposal):
    """The group's name when the group is public; otherwise nothing."""
    if _visible(proposal.group, context):
        return proposal.group
    return ""
