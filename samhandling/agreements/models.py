"""The models of the agreements app live in modules named for what they hold."""

from .pages import ActionPlanPage, AgreementPage
from .plans import Measure, Milestone
from .versions import Adoption, AgreementVersion

__all__ = [
    "ActionPlanPage",
    "Adoption",
    "AgreementPage",
    "AgreementVersion",
    "Measure",
    "Milestone",
]
