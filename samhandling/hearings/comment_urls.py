"""Public addresses for comments on sections of a draft."""

urlpatterns: list = []
