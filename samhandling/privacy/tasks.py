"""Background work: the e-mail with the private link to one's personal data."""

from django_tasks import task

from samhandling.events.tasks import EMAIL_PRIORITY


@task(priority=EMAIL_PRIORITY)
def send_data_request_link(request_id: int) -> str:
    from .services import data_request_send

    return data_request_send(request_id=request_id)
