"""What of the portal's own models a citizen reads, in Kyrgyz and Russian (see core.bilingual)."""
from core.bilingual import register
from portal.models import CouncilResolution, Municipality, Village

register(Municipality, ["name", "district", "region", "about"])
register(Village, ["notes"])
register(CouncilResolution, ["title"])
