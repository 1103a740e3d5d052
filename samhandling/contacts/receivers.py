"""Receivers of the login signals (filled by the contacts services)."""
