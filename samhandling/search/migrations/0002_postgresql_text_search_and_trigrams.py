"""PostgreSQL only: the pg_trgm extension, trigram indexes for the substring matching of words
(compounds: "avtal" inside "samarbeidsavtalen") and a GIN index on the text search vector. On
SQLite these operations do nothing."""

from django.db import migrations

INDEXES = [
    (
        "search_entry_title_words_trgm",
        "CREATE INDEX IF NOT EXISTS search_entry_title_words_trgm "
        "ON search_searchentry USING gin (title_words gin_trgm_ops)",
    ),
    (
        "search_entry_body_words_trgm",
        "CREATE INDEX IF NOT EXISTS search_entry_body_words_trgm "
        "ON search_searchentry USING gin (body_words gin_trgm_ops)",
    ),
    (
        "search_entry_context_words_trgm",
        "CREATE INDEX IF NOT EXISTS search_entry_context_words_trgm "
        "ON search_searchentry USING gin (context_words gin_trgm_ops)",
    ),
    (
        "search_entry_vector",
        "CREATE INDEX IF NOT EXISTS search_entry_vector ON search_searchentry USING gin (vector)",
    ),
]


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and is skipped on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_index")]

    operations = [
        # Trusted since PostgreSQL 13: the owner of the database may create it.
        PostgreSQLOnly(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            reverse_sql=migrations.RunSQL.noop,
        ),
        *(
            PostgreSQLOnly(create, reverse_sql=f"DROP INDEX IF EXISTS {name}")
            for name, create in INDEXES
        ),
    ]
