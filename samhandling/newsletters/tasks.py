"""Background work: the workers of a newsletter send (newsletters.sending)."""

from django.conf import settings
from django_tasks import task

# Below the transactional e-mail (events.tasks.EMAIL_PRIORITY): a confirmation link does not wait
# for a 10,000-message send to finish.
NEWSLETTER_PRIORITY = 10


@task(priority=NEWSLETTER_PRIORITY)
def send_newsletter(send_id: int) -> dict:
    """Send the deliveries of one send in batches until none is left to take now, or the task's
    time (`NEWSLETTER_TASK_SECONDS`) is up; then it hands over to a new task."""
    from .sending import enqueue_workers, pending, run_worker

    seconds = getattr(settings, "NEWSLETTER_TASK_SECONDS", 300)
    outcome = run_worker(send_id=send_id, seconds=seconds)
    if pending(send_id).filter(status="queued").exists():
        enqueue_workers(send_id, count=1)  # time was up: a fresh task goes on
    return outcome.__dict__


@task(priority=NEWSLETTER_PRIORITY)
def retry_newsletters() -> dict:
    from .sending import run_worker

    return run_worker().__dict__
