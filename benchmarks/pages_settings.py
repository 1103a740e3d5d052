"""Settings for the page benchmark's servers: the sign-up benchmark's (production settings, plain
HTTP on loopback). With BENCH_CACHE_CONTRACT_STAND_IN=1 (`make bench-pages BENCH_ARGS=--stand-in`)
the app marks anonymous pages shareable as the page cache does (benchmarks/cache_contract.py), for
measuring the front cache before the page cache itself is in place."""

from samhandling.settings.env import env_bool

from .settings import *  # noqa: F403

if env_bool("BENCH_CACHE_CONTRACT_STAND_IN", False):
    MIDDLEWARE = ["benchmarks.cache_contract.SharedCacheHeadersStandIn", *MIDDLEWARE]  # noqa: F405
