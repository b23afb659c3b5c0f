"""A trainer writes a new module in the admin, with Wagtail's autosave on, and submits it
for review in one go: one page, one draft, in moderation, no error; Coordinación sees it in
its review queue. The second test pins the race the issue saw: the autosave that creates
the page reaches the server just before the submission from the still-open add form."""

import pytest
from wagtail.models import WorkflowState

from tests.browser.admin import make_user
from training.access import COORDINATION_GROUP, TRAINERS_GROUP
from training.factories import TrainingIndexPageFactory
from training.models import TrainingModulePage
from training.roles import setup_training_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Cuidado personal"
WATCHING = """() => new Promise(resolve => document.querySelector("form[data-edit-form]")
    .addEventListener("w-unsaved:watch-edits", resolve, {once: true}))"""


@pytest.fixture
def index(home_page):
    index = TrainingIndexPageFactory(parent=home_page)
    setup_training_roles(index)
    return index


def open_add_form(page, live_server, index):
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/pages/add/training/trainingmodulepage/{index.pk}/")
    # Autosave watches the form two seconds after it loads; a trainer types after that.
    page.evaluate(WATCHING)


def type_module(page):
    page.locator("#id_title_es").press_sequentially(TITLE, delay=20)
    page.fill("#id_summary_es", "Hábitos de descanso y de cuidado propio.")
    page.select_option("#id_topic", "life-skills")
    page.select_option("#id_audience", "adult-survivors")
    page.fill("#id_duration_hours", "4")


def add_session(page):
    page.locator("#panel-child-contenido-sessions_es-section button[title]").first.click()
    chooser = page.get_by_role("option", name="Sesión")
    if chooser.count():
        chooser.first.click()
    page.locator("input[name='sessions_es-0-value-title']").fill("Mi descanso")
    page.locator("input[name='sessions_es-0-value-duration_minutes']").fill("60")
    page.locator("input[name='sessions_es-0-value-objectives-0-value']").fill("Nombrar un hábito.")
    page.locator("input[name='sessions_es-0-value-activities-0-value-title']").fill("Ronda")
    page.locator("input[name='sessions_es-0-value-activities-0-value-minutes']").fill("30")


def submit_for_review(page, **click):
    button = page.locator("button[name='action-submit']").first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click(**click)


def assert_one_module_in_moderation(page):
    page.wait_for_url("**/admin/pages/*/")  # the explorer of the training index
    body = page.locator("main").inner_text()
    assert f"La página '{TITLE}' ha sido enviada para moderación" in body, body[:500]
    assert "ya está en uso" not in body
    modules = TrainingModulePage.objects.all()
    assert [module.title for module in modules] == [TITLE]
    module = modules.get()
    assert not module.live
    assert (
        WorkflowState.objects.filter(
            base_content_type__model="page", object_id=str(module.pk), status="in_progress"
        ).count()
        == 1
    )
    draft = module.get_latest_revision_as_object()
    session = draft.sessions_es[0].value
    assert session["title"] == "Mi descanso"
    assert list(session["handouts"]) == []
    assert list(session["materials"]) == []
    return module


def test_trainer_creates_and_submits_a_module_in_one_go(
    browser, live_server, index, signed_in_context
):
    trainer = signed_in_context(make_user("formadora_nueva", TRAINERS_GROUP), "es").new_page()
    open_add_form(trainer, live_server, index)
    type_module(trainer)
    trainer.wait_for_url("**/admin/pages/*/edit/")  # autosave created the page
    add_session(trainer)
    submit_for_review(trainer)
    module = assert_one_module_in_moderation(trainer)

    reviewer = signed_in_context(make_user("coordina", COORDINATION_GROUP), "es").new_page()
    reviewer.goto(f"{live_server.url}/admin/")
    queue = reviewer.locator("section", has_text="Esperando tu revisión").first  # Wagtail's
    assert queue.get_by_role("link", name=TITLE).first.is_visible()
    assert reviewer.goto(f"{live_server.url}/admin/pages/{module.pk}/edit/").ok


def test_submission_racing_the_autosave_that_creates_the_page(
    browser, live_server, index, signed_in_context
):
    trainer = signed_in_context(make_user("formadora_rapida", TRAINERS_GROUP), "es").new_page()
    open_add_form(trainer, live_server, index)
    held = {}

    def hold(route):
        kind = "autosave" if "json" in (route.request.headers.get("accept") or "") else "submit"
        if kind in held:
            route.continue_()
        else:
            held[kind] = route

    trainer.route(
        "**/admin/pages/add/**",
        lambda route: hold(route) if route.request.method == "POST" else route.continue_(),
    )
    type_module(trainer)
    add_session(trainer)
    trainer.wait_for_timeout(1500)  # the autosave left the browser; it is held on the way
    submit_for_review(trainer, no_wait_after=True)  # its request is held too
    while "submit" not in held or "autosave" not in held:
        trainer.wait_for_timeout(100)
    with trainer.expect_response(lambda response: response.request.method == "POST"):
        held["autosave"].continue_()  # the autosave creates the page first
    held["submit"].continue_()  # then the submission from the add form arrives
    assert_one_module_in_moderation(trainer)
