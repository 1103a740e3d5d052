"""Wagtail 8.0's site history report offers in its user filter only the users who have acted on
pages: its filter set asks the page log for users (`HistoryFilterSet.get_users_queryset`) and
never calls its own `get_user_choices`, which looks in every log model. A secretariat member who
only approved a press request could then not be chosen, and the report ignored the choice. This
points the filter at every log model, as `get_user_choices` intends."""


def fix_user_filter() -> None:
    from wagtail.admin.views.reports import audit_logging

    filter_set = audit_logging.SiteHistoryReportFilterSet
    if "get_users_queryset" in filter_set.__dict__:  # fixed upstream, or already done
        return

    def get_users_queryset(self):
        return audit_logging.get_users_for_filter(self.request.user)

    filter_set.get_users_queryset = get_users_queryset
