"""What of the projects a citizen reads, in Kyrgyz and Russian (see core.bilingual)."""
from core.bilingual import register

from .models import FundingContribution, ProgressPhoto, ProgressUpdate, Project

register(Project, ["title", "summary", "description", "result"])
register(FundingContribution, ["funder", "in_kind_description"])
register(ProgressUpdate, ["text"])
register(ProgressPhoto, ["caption"])
