"""Newsletters: the models live in their own modules; this one gathers them for Django."""

from .confirmations import SubscriberMail
from .deliveries import Delivery, DeliveryStatus, NewsletterSend, SendStatus
from .issues import NewsletterIndexPage, NewsletterIssuePage
from .lists import MailingList
from .subscribers import Subscriber, Subscription, Suppression

__all__ = [
    "Delivery",
    "DeliveryStatus",
    "MailingList",
    "NewsletterIndexPage",
    "NewsletterIssuePage",
    "NewsletterSend",
    "SendStatus",
    "Subscriber",
    "SubscriberMail",
    "Subscription",
    "Suppression",
]
