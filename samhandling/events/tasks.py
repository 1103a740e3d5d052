"""Background work: sending queued e-mails from the outbox."""

from django_tasks import task


@task()
def send_outbox_message(message_id: int) -> str:
    from .emails import outbox_send

    return outbox_send(message_id=message_id)


@task()
def retry_outbox() -> int:
    from .emails import outbox_retry

    return outbox_retry()
