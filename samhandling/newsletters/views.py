"""Placeholder views: the addresses exist so that the e-mails can link to them; the subscribe
work replaces each with the real page."""

from django.http import Http404


def subscribe(request):
    raise Http404


def confirm(request, token):
    raise Http404


def preferences(request, token):
    raise Http404


def unsubscribe(request, token):
    raise Http404
