"""What of the core models a citizen reads, in Kyrgyz and Russian (see core.bilingual)."""
from core.bilingual import register
from core.models import CouncilResolution, Municipality, Village

register(Municipality, ["name", "district", "region", "about"])
register(Village, ["notes"])
register(CouncilResolution, ["title"])
