"""Background work of the subscriber side: sending the confirmation e-mails (confirmations.py)."""

from django.db.models import Q
from django_tasks import task


@task()
def send_subscriber_mail(mail_id: int) -> int:
    from .confirmations import send_subscriber_mails

    return send_subscriber_mails(where=Q(pk=mail_id))
