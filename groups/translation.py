"""What of the groups a citizen reads, in Kyrgyz and Russian (see core.bilingual). A group's
name is its own name, as a person's is: not translated."""
from core.bilingual import register

from .models import GroupActivity, InitiativeGroup

register(InitiativeGroup, ["purpose", "description"])
register(GroupActivity, ["title", "description"])
