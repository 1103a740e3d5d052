"""`core.compiled_queries.first_by`: the SQL of a page type's query is built once and run with new
values; what comes back is what the ORM would give, every field loaded."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from samhandling.core import compiled_queries
from samhandling.core.compiled_queries import first_by
from samhandling.events.models import EventPage, EventSeriesPage

pytestmark = pytest.mark.django_db


def _fields(instance):
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_the_same_rows_as_the_orm_by_id_and_by_path(demo):
    for event in EventPage.objects.all()[:4]:
        found = first_by(EventPage, value=event.pk)
        assert type(found) is EventPage
        assert _fields(found) == _fields(EventPage.objects.get(pk=event.pk))
    series = EventSeriesPage.objects.first()
    assert _fields(first_by(EventSeriesPage, field="path", value=series.path)) == _fields(series)


def test_nothing_found_is_none(demo):
    assert first_by(EventPage, value=987654321) is None
    assert first_by(EventSeriesPage, field="path", value="0001ZZZZ") is None


def test_the_sql_is_built_once_and_each_call_runs_one_query(demo):
    compiled_queries._compiled.clear()
    first, second = EventPage.objects.order_by("pk")[:2]
    first_by(EventPage, value=first.pk)
    assert len(compiled_queries._compiled) == 1
    with CaptureQueriesContext(connection) as queries:
        assert first_by(EventPage, value=second.pk).pk == second.pk
    assert len(queries) == 1 and str(second.pk) in queries[0]["sql"]
    assert len(compiled_queries._compiled) == 1


def test_a_lock_reads_for_update_where_the_database_has_it(demo):
    event = EventPage.objects.first()
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        assert first_by(EventPage, value=event.pk, lock=True).pk == event.pk
    has_lock = connection.features.has_select_for_update
    assert ("FOR UPDATE" in queries[-1]["sql"]) is has_lock


def test_a_text_field_is_compiled_and_a_value_of_another_type_goes_through_the_orm(demo):
    compiled_queries._compiled.clear()
    event = EventPage.objects.order_by("pk").first()
    assert first_by(EventPage, field="slug", value=event.slug).pk == event.pk
    assert len(compiled_queries._compiled) == 1
    assert first_by(EventPage, field="live", value=True).pk == event.pk
    assert len(compiled_queries._compiled) == 1


def test_a_model_with_a_32_bit_primary_key_is_compiled_too(demo):
    """Wagtail's documents have an `integer` id on PostgreSQL: the sentinel must fit it (Django
    answers an out-of-range lookup without SQL, which left nothing to compile) and the SQL is
    then built once as for any other model."""
    from wagtail.documents import get_document_model
    from wagtail.documents.tests.utils import get_test_document_file

    documents = get_document_model()
    document = documents.objects.create(title="Plan", file=get_test_document_file())
    compiled_queries._compiled.clear()
    assert first_by(documents, value=document.pk).title == "Plan"
    assert [known is not None for known in compiled_queries._compiled.values()] == [True]
    assert first_by(documents, value=document.pk + 1000) is None
