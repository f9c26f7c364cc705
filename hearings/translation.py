"""What of the hearings a citizen reads, in Kyrgyz and Russian (see core.bilingual). A
proposal's text stays as it was received: only the AO's public answer is translated."""
from core.bilingual import register

from .models import DevelopmentProgramme, Hearing, HearingDocument, Proposal

register(DevelopmentProgramme, ["title", "summary"])
register(Hearing, ["topic", "place", "agenda", "minutes"])
register(HearingDocument, ["title"])
register(Proposal, ["response"])
