"""One search per site over pages and records, with Norwegian word handling.

The index (`models.SearchEntry`) holds one row per searchable thing per site; sources
(`sources/`, and `search_sources.py` in any app, see `registry`) build the rows from what the public
may see; `indexing` writes them (a full rebuild with `manage.py search_rebuild`, single owners after
each committed change, `signals`); `selectors.search` answers queries on SQLite and PostgreSQL."""
