"""Private links: a random token goes in the e-mail, only its SHA-256 hash is stored. Shared by
the sign-ups' manage links, the hearing responses' and comments' links and the personal-data
links."""

import hashlib
import secrets


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> tuple[str, str]:
    """A private link's token and its hash; only the hash is stored."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def random_token_hash() -> str:
    """The default of a token hash field: a link nobody knows until a token is issued."""
    return new_token()[1]
