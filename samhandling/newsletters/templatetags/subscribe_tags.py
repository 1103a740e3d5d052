"""The newsletter archive's issues and subscribe form, for its template (the page model is the
sending side's; these keep the archive's reading here)."""

from django import template
from django.urls import reverse

from ..forms import SubscribeForm
from ..subscribing import public_lists

register = template.Library()


@register.simple_tag
def newsletter_issues(page):
    """The archive's live, public issues, newest first."""
    from ..issues import NewsletterIssuePage

    return (
        NewsletterIssuePage.objects.child_of(page)
        .live()
        .public()
        .order_by("-date", "-first_published_at")
    )


@register.inclusion_tag("newsletters/includes/subscribe_form.html", takes_context=True)
def newsletter_subscribe_form(context):
    community = context.get("community")
    lists = public_lists(community=community) if community is not None else []
    form = None
    if community is not None:
        form = SubscribeForm(
            lists=lists,
            initial={
                "language": community.default_language,
                "lists": [item.pk for item in lists if item.chosen_by_default],
            },
            auto_id="archive_%s",
        )
    return {
        "form": form,
        "lists": lists,
        "form_url": reverse("newsletters:subscribe"),
        "request": context.get("request"),
    }
