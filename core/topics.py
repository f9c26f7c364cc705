"""The one list of topics that a community need, a proposal and a budget line share, so that
what people asked for, what was planned and what was paid for can be set side by side.

It follows the issues of local significance that the Law of the Kyrgyz Republic "On local
state administration and local self-government bodies" gives to an aiyl okmotu (drinking
water, pre-school education and the conditions of schools, culture and libraries, sport,
local roads and transport, streets, lighting and waste, social help, pastures, land and
municipal property, protection from emergencies, the local budget), grouped in the plain words
citizens use. The keys of the topics proposals had before stay as they were.

Core is the bottom floor: this module imports nothing from the apps.
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    WATER = "water", _("Drinking water")
    KINDERGARTEN = "kindergarten", _("Kindergartens")
    SCHOOL = "school", _("Schools and school transport")
    YOUTH_WOMEN = "youth_women", _("Leisure for youth and women")
    CULTURE = "culture", _("Culture and libraries")
    SPORT = "sport", _("Sport")
    ROADS = "roads", _("Roads and transport")
    STREETS = "streets", _("Streets, lighting and waste")
    HEALTH = "health", _("Health")
    SOCIAL = "social", _("Social help")
    AGRICULTURE = "agriculture", _("Pastures and livestock")
    LAND = "land", _("Land and municipal property")
    ENVIRONMENT = "environment", _("Environment and disasters")
    GOVERNANCE = "governance", _("Local government and budget")
    OTHER = "other", _("Other")


# The budget's plain-words expenditure categories (budget.models.CitizenCategory values) on the
# same list, so that a need and a budget line can be compared; revenue categories have no topic.
# A category is wider than a topic: "education" pays for kindergartens and schools alike, "culture,
# libraries and sport" for leisure and sport too, and health (code 707) sits under other
# expenditure. So a category falls under several topics, the first its main one.
BUDGET_CATEGORY_TOPICS = {
    "administration": (Topic.GOVERNANCE, Topic.LAND),
    "education": (Topic.SCHOOL, Topic.KINDERGARTEN),
    "water": (Topic.WATER,),
    "housing": (Topic.STREETS, Topic.LAND),
    "culture": (Topic.CULTURE, Topic.SPORT, Topic.YOUTH_WOMEN),
    "social": (Topic.SOCIAL, Topic.YOUTH_WOMEN),
    "transport": (Topic.ROADS,),
    "environment": (Topic.ENVIRONMENT,),
    "agriculture": (Topic.AGRICULTURE, Topic.LAND),
    "other_expenditure": (Topic.OTHER, Topic.HEALTH),
}


def topics_of_budget_category(category):
    """The topics a budget line's plain-words category (a CitizenCategory value) falls under, its
    main one first; () for revenue."""
    return BUDGET_CATEGORY_TOPICS.get(category, ())


def budget_categories_of(topic):
    """The budget's plain-words categories (CitizenCategory values) that fall under `topic`: those
    whose money may pay for it. Choosers put these first; they do not leave the others out."""
    return [category for category, topics in BUDGET_CATEGORY_TOPICS.items() if topic in topics]
