"""Background work: sending the notices of published minutes from the committees' outbox."""

from django_tasks import task


@task()
def send_minutes_notices(publication_id: int) -> int:
    from .emails import minutes_notices_send

    return minutes_notices_send(publication_id=publication_id)


@task()
def retry_minutes_notices() -> int:
    from .emails import minutes_notices_retry

    return minutes_notices_retry()
