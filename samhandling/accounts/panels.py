"""The admin dashboard's reminder when few recovery codes are left."""

from wagtail.admin.ui.components import Component


class RecoveryCodesLowPanel(Component):
    template_name = "accounts/panels/recovery_codes_low.html"
    order = 50  # above Wagtail's own panels

    def __init__(self, *, left: int):
        self.left = left

    def get_context_data(self, parent_context=None):
        return {"left": self.left}

    class Media:
        css = {"all": ["accounts/staff-login.css"]}
