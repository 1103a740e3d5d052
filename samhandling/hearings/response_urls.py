"""Public addresses for hearing responses (filled in by the responses work)."""

urlpatterns: list = []
