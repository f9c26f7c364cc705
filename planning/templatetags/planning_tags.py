"""Template tags other apps' pages use to show planning without importing it: a project's page
shows the actions (and the needs) it carries out."""
from django import template

register = template.Library()


@register.simple_tag
def actions_served_by(project, user):
    """The actions of plans `user` may see that `project` carries out, with their need: one query."""
    from planning.models import PlannedAction

    return list(PlannedAction.objects.visible_to(user).filter(projects=project)
                .select_related("need", "need__village", "plan").order_by("deadline", "pk"))
