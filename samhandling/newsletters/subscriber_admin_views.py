"""The secretariat's newsletter lists in the Wagtail admin: the lists of each community it works
for (create, edit, order), the subscribers of a list (counts, search by address, remove → the
address is suppressed) and the import of addresses. Every change goes through the services."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission

from samhandling.audit.services import audit_log
from samhandling.core.ids import parse_id
from samhandling.core.text import SafeTextFormMixin
from samhandling.organisations.models import HealthCommunity

from .lists import MailingList
from .subscriber_import import ImportTooLarge, import_addresses, remove_subscriber
from .subscribers import Subscriber

PERMISSION = "newsletters.change_mailinglist"
PAGE_SIZE = 100
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def communities_for(user):
    """The communities whose lists the user may manage: all for a superuser, else those whose
    site lies under a page the user's groups have permissions on."""
    communities = HealthCommunity.objects.select_related("site__root_page").order_by("name")
    if user.is_superuser:
        return list(communities)
    paths = list(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    return [
        community
        for community in communities
        if any(community.site.root_page.path.startswith(path) for path in paths)
    ]


def _require(request, community=None) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if community is not None and community.pk not in {c.pk for c in communities_for(request.user)}:
        raise PermissionDenied


class MailingListForm(SafeTextFormMixin, forms.ModelForm):
    class Meta:
        model = MailingList
        fields = ["name", "slug", "description", "chosen_by_default", "public", "sort_order"]

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.community = community

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = MailingList.objects.filter(community=self.community, slug=slug)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Another list of this community has this short name."))
        return slug


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("One a line, or separated by commas or semicolons."),
    )
    file = forms.FileField(
        label=_("Or a file (text or CSV)"),
        required=False,
        help_text=_("A spreadsheet saved as CSV works: every address in it is read."),
    )
    consent = forms.BooleanField(
        label=_("The owners of these addresses have agreed to receive this list."),
        error_messages={"required": _("Only import addresses whose owners agreed to it.")},
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return ""
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("The file could not be read as text."))

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file"):
            raise forms.ValidationError(_("Paste addresses or choose a file."))
        return data


def overview(request):
    _require(request)
    communities = []
    for community in communities_for(request.user):
        lists = MailingList.objects.filter(community=community).annotate(
            confirmed=Count(
                "subscriptions", filter=Q(subscriptions__subscriber__confirmed_at__isnull=False)
            ),
            unconfirmed=Count(
                "subscriptions", filter=Q(subscriptions__subscriber__confirmed_at__isnull=True)
            ),
        )
        communities.append((community, lists))
    return TemplateResponse(
        request,
        "newsletters/admin/overview.html",
        {"title": gettext("Mailing lists"), "communities": communities},
    )


def list_edit(request, pk=None):
    if pk is None:
        community = get_object_or_404(
            HealthCommunity, pk=parse_id(request.GET.get("community", "")) or 0
        )
        mailing_list = MailingList(community=community)
    else:
        mailing_list = get_object_or_404(MailingList.objects.select_related("community"), pk=pk)
        community = mailing_list.community
    _require(request, community)
    form = MailingListForm(request.POST or None, instance=mailing_list, community=community)
    if request.method == "POST" and form.is_valid():
        created = mailing_list.pk is None
        with transaction.atomic():
            mailing_list = form.save()
            audit_log(
                instance=mailing_list,
                action=f"samhandling.newsletter_list.{'create' if created else 'change'}",
                actor=request.user,
                fields=[] if created else form.changed_data,
            )
        messages.success(request, gettext("The list is saved."))
        return redirect("newsletters_admin_overview")
    title = gettext("New mailing list") if pk is None else mailing_list.name
    return TemplateResponse(
        request,
        "newsletters/admin/list_form.html",
        {"title": title, "form": form, "community": community},
    )


def list_subscribers(request, pk):
    mailing_list = get_object_or_404(MailingList.objects.select_related("community"), pk=pk)
    _require(request, mailing_list.community)
    query = request.GET.get("q", "").strip()[:254]
    subscribers = Subscriber.objects.filter(subscriptions__mailing_list=mailing_list).order_by(
        "email"
    )
    counts = subscribers.aggregate(
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
    )
    if query:
        subscribers = subscribers.filter(email__icontains=query)
    page = Paginator(subscribers, PAGE_SIZE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "newsletters/admin/subscribers.html",
        {
            "title": mailing_list.name,
            "mailing_list": mailing_list,
            "page": page,
            "query": query,
            "counts": counts,
        },
    )


def subscriber_remove(request, list_pk, pk):
    mailing_list = get_object_or_404(MailingList.objects.select_related("community"), pk=list_pk)
    _require(request, mailing_list.community)
    subscriber = get_object_or_404(Subscriber, pk=pk, community=mailing_list.community)
    if request.method == "POST":
        remove_subscriber(subscriber=subscriber, actor=request.user)
        messages.success(request, gettext("The address is removed and will not be imported again."))
        return redirect("newsletters_admin_subscribers", mailing_list.pk)
    return TemplateResponse(
        request,
        "newsletters/admin/remove.html",
        {
            "title": gettext("Remove a subscriber"),
            "mailing_list": mailing_list,
            "subscriber": subscriber,
        },
    )


def list_import(request, pk):
    mailing_list = get_object_or_404(MailingList.objects.select_related("community"), pk=pk)
    _require(request, mailing_list.community)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        text = "\n".join([form.cleaned_data.get("text") or "", form.cleaned_data.get("file") or ""])
        try:
            result = import_addresses(mailing_list=mailing_list, text=text, actor=request.user)
        except ImportTooLarge:
            form.add_error(None, gettext("At most 50,000 addresses at a time."))
        else:
            form = ImportForm()
    return TemplateResponse(
        request,
        "newsletters/admin/import.html",
        {
            "title": gettext("Import addresses"),
            "mailing_list": mailing_list,
            "form": form,
            "result": result,
        },
    )
