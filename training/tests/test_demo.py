"""The training demo: enough modules, in both languages, by several authors; idempotent."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from training import demo
from training.models import TrainingModulePage
from website import demo as website_demo

pytestmark = pytest.mark.django_db


def test_load_demo_training(client):
    out = io.StringIO()
    website_demo.load(out)
    demo.load(out)
    demo.load(out)  # idempotent
    modules = TrainingModulePage.objects.live()
    assert modules.count() >= 10
    assert all(m.available_languages.split() == ["es", "en"] for m in modules)
    full = [m for m in modules if len(m.sessions_es) >= 4 and len(m.sessions_en) >= 4]
    assert len(full) >= 3
    for module in full:
        for block in module.sessions_es:
            assert block.value["facilitator_notes"]
            assert block.value.activity_minutes() <= block.value["duration_minutes"]
    assert modules.values("author_organization").distinct().count() >= 2
    assert all(m.author_organization.is_demo for m in modules)
    users = get_user_model().objects.filter(username__in=["formadora", "coordinacion"])
    assert {u.username: [g.name for g in u.groups.all()] for u in users} == {
        "formadora": ["Formadores"],
        "coordinacion": ["Coordinación"],
    }
    assert users.get(username="formadora").check_password(demo.DEMO_PASSWORD)
    assert client.get("/es/formacion/").status_code == 200
    module = modules.get(slug_en="self-esteem-and-life-plan")
    with translation.override("en"):
        url = module.get_url()
    assert url.startswith("/en/")
    response = client.get(url)
    assert response.status_code == 200
    assert "The tree of my strengths" in response.content.decode()
    assert "duty psychologist" not in response.content.decode()
    assert f"{modules.count()} training modules (3 written in full)" in out.getvalue()
