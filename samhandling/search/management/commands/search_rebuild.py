import time

from django.core.management.base import BaseCommand
from wagtail.models import Site

from samhandling.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Build the site search index from scratch (every site, or the sites given by host name). "
        "Changes are indexed as they are committed; run this after a restore or an import."
    )

    def add_arguments(self, parser):
        parser.add_argument("hostnames", nargs="*", help="Host names of the sites to rebuild.")

    def handle(self, *args, hostnames, verbosity: int = 1, **options):
        sites = None
        if hostnames:
            sites = list(Site.objects.filter(hostname__in=hostnames).select_related("root_page"))
            missing = set(hostnames) - {site.hostname for site in sites}
            if missing:
                self.stderr.write(f"No site with host name {', '.join(sorted(missing))}")
        started = time.monotonic()
        counts = rebuild(sites=sites)
        if verbosity >= 1:
            for site, count in counts.items():
                self.stdout.write(f"  {site.hostname}: {count} entries")
            self.stdout.write(f"Search index built in {time.monotonic() - started:.1f} s.")
