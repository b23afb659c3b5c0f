"""End to end in Chromium: a trainer submits a module, Coordinación approves it in the
Wagtail admin, and only then can an anonymous visitor read it."""

import pytest

from tests.browser.admin import click_footer_action, log_in, make_user
from training.access import COORDINATION_GROUP, TRAINERS_GROUP
from training.choices import Topic
from training.factories import TrainingIndexPageFactory, TrainingModulePageFactory, session_data
from training.roles import setup_training_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_approve_then_public(browser, browser_page, live_server, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    setup_training_roles(index)
    make_user("formadora_b", TRAINERS_GROUP)
    make_user("coordinacion_b", COORDINATION_GROUP)
    module = TrainingModulePageFactory(
        parent=index,
        title="Huerto familiar",
        title_en="Family garden",
        live=False,
        sessions_es=[session_data("Preparar la tierra", notes="NOTA-SOLO-FORMADORES")],
        sessions_en=[session_data("Preparing the soil", notes="TRAINERS-ONLY-NOTE")],
    )
    module.save_revision()
    public_url = f"{live_server.url}/es/formacion/huerto-familiar/"
    edit_url = f"{live_server.url}/admin/pages/{module.pk}/edit/"

    anonymous = browser.new_context(locale="es-EC")
    visitor = anonymous.new_page()
    assert visitor.goto(public_url).status == 404

    trainer = browser_page
    log_in(trainer, live_server.url, "formadora_b")
    trainer.goto(edit_url)
    click_footer_action(trainer, "button[name='action-submit']")
    trainer.wait_for_load_state()
    assert visitor.goto(public_url).status == 404

    reviewer_context = browser.new_context(locale="es-EC")
    reviewer = reviewer_context.new_page()
    reviewer.set_default_timeout(15_000)
    log_in(reviewer, live_server.url, "coordinacion_b")
    reviewer.goto(edit_url)
    approve = "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    with reviewer.expect_navigation():
        click_footer_action(reviewer, approve)

    response = visitor.goto(public_url)
    assert response.status == 200
    assert visitor.locator("h1").inner_text() == "Huerto familiar"
    assert visitor.get_by_text("Preparar la tierra").first.is_visible()
    assert "NOTA-SOLO-FORMADORES" not in visitor.content()
    # The catalogue lists it too, with its count.
    visitor.goto(f"{live_server.url}/es/formacion/?topic=life-skills")
    assert visitor.get_by_role("link", name="Huerto familiar").is_visible()
    anonymous.close()
    reviewer_context.close()


def test_catalogue_filters_without_javascript(browser, live_server, home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    TrainingModulePageFactory(parent=index, title="Panadería básica", topic=Topic.TRADES)
    TrainingModulePageFactory(parent=index, title="Mis fortalezas", topic=Topic.LIFE_SKILLS)
    TrainingModulePageFactory(parent=index, title="Corte y confección", topic=Topic.TRADES)
    context = browser.new_context(locale="es-EC", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/es/formacion/")
    assert page.get_by_role("heading", name="3 módulos").is_visible()
    trades = page.get_by_label("Oficios (2)")
    trades.check()
    page.get_by_role("button", name="Aplicar filtros").click()
    page.wait_for_url("**/es/formacion/?topic=trades")
    assert page.get_by_role("heading", name="2 módulos").is_visible()
    assert page.get_by_role("link", name="Panadería básica").is_visible()
    assert page.get_by_role("link", name="Mis fortalezas").count() == 0
    assert page.get_by_label("Oficios (2)").is_checked()
    context.close()
