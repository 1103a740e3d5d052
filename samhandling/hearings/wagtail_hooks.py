from . import comment_hooks  # noqa: F401
