"""Bulk loads (the demo data: ``infra.bulk.bulk_change(background=False)``) defer search
indexing: one rebuild at the end, not one update per save."""

from unittest import mock

import pytest

from directory.factories import ServiceFactory
from infra.bulk import bulk_change
from search import bulk, signals
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_saves_inside_the_block_are_rebuilt_once_at_its_end(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(
            bulk.indexer, "rebuild_entries", wraps=bulk.indexer.rebuild_entries
        ) as rebuild,
        mock.patch.object(signals, "update_search_entries") as update,
        django_capture_on_commit_callbacks(execute=True),
        bulk_change(sender="test", background=False) as changed,
    ):
        services = [ServiceFactory(), ServiceFactory()]
        assert not SearchEntry.objects.exists()
    assert rebuild.call_count == 1
    update.enqueue.assert_not_called()
    assert {("service", str(service.pk)) for service in services} <= changed
    indexed = set(SearchEntry.objects.values_list("target_id", flat=True))
    assert {str(service.pk) for service in services} <= indexed


def test_outside_the_block_each_save_enqueues_its_own_update(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(bulk.indexer, "rebuild_entries") as rebuild,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        service = ServiceFactory()
    rebuild.assert_not_called()
    assert callbacks
    assert SearchEntry.objects.filter(target_id=str(service.pk)).exists()


def _failed_load():
    with bulk_change(sender="test", background=False):
        ServiceFactory()
        raise RuntimeError("load failed")


def test_an_error_inside_the_block_rebuilds_nothing(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(bulk.indexer, "rebuild_entries") as rebuild,
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
    ):
        _failed_load()
    rebuild.assert_not_called()
