from core.contributions import Contributions


class PlanningContributions(Contributions):
    order = 200
