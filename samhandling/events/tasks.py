"""Background work: sending queued e-mails from the outbox."""

from django_tasks import task

# E-mail goes before bulk work such as search-index updates, so that a confirmation arrives within
# seconds even while the worker has a queue (the database backend takes the highest priority first).
EMAIL_PRIORITY = 50


@task(priority=EMAIL_PRIORITY)
def send_outbox_message(message_id: int) -> str:
    from .emails import outbox_send

    return outbox_send(message_id=message_id)


@task()
def retry_outbox() -> int:
    from .emails import outbox_retry

    return outbox_retry()
