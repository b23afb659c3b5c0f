"""The demo data files hold together (no database, no demo load): every key they refer to
exists, every translated text has both languages, and fictional data says it is demo."""

from directory import demo as directory_demo
from protocol_pages import demo as protocol_demo
from protocol_pages.choices import SUB_ROUTE_LABELS
from training import demo as training_demo
from training.blocks import MAX_SESSION_MINUTES
from website.demo.files import read

LANGUAGES = {"es", "en"}


def translations(data):
    """Every {es, en}-style mapping in the data."""
    if isinstance(data, dict):
        if set(data) & LANGUAGES and all(isinstance(v, str) for v in data.values()):
            yield data
        else:
            for value in data.values():
                yield from translations(value)
    elif isinstance(data, list):
        for value in data:
            yield from translations(value)


def test_every_text_is_written_in_both_languages():
    files = [
        (directory_demo.__file__, ("organisations", "public_bodies", "services")),
        (protocol_demo.__file__, ("editions", "route", "annexes")),
        (training_demo.__file__, ("modules",)),
    ]
    for module_file, names in files:
        for name in names:
            for text in translations(read(module_file, name)):
                assert set(text) == LANGUAGES, (name, text)
                assert all(value.strip() for value in text.values()), (name, text)


def test_protocol_steps_refer_to_known_institutions_forms_steps_and_sub_routes():
    route = read(protocol_demo.__file__, "route")
    institutions = set(read(protocol_demo.__file__, "institutions"))
    forms = {form["key"] for form in read(protocol_demo.__file__, "annexes")["forms"]}
    sections = route["phases"] + route["sub_routes"]
    steps = [step for section in sections for step in section["steps"]]
    keys = [step["key"] for step in steps]
    assert len(keys) == len(set(keys)), "step keys are block ids: they must be unique"
    directory_keys = {body["key"] for body in directory_demo.PUBLIC_BODIES} | {
        org["key"] for org in directory_demo.FICTIONAL
    }
    assert institutions <= directory_keys
    for step in steps:
        assert {item["institution"] for item in step.get("responsible", [])} <= institutions
        assert set(step.get("forms", [])) <= forms
        for decision in step.get("decisions", []):
            assert decision.get("next") in (None, *keys), step["key"]
            assert decision.get("sub_route") in (None, *SUB_ROUTE_LABELS), step["key"]
    assert {route["kind"] for route in route["sub_routes"]} == set(SUB_ROUTE_LABELS)
    editions = read(protocol_demo.__file__, "editions")
    assert set(editions["approving_institutions"]) <= institutions


def test_training_modules_refer_to_earlier_modules_and_known_authors():
    data = read(training_demo.__file__, "modules")
    authors = read(training_demo.__file__, "authors")
    directory_keys = {org["key"] for org in directory_demo.FICTIONAL}
    assert {spec["directory"] for spec in authors.values()} <= directory_keys
    seen = set()
    for module in data["modules"]:
        assert module["author"] in authors
        assert set(module.get("prerequisites", [])) <= seen, module["slug"]["es"]
        seen.add(module["slug"]["es"])
        for sessions in module.get("sessions", {}).values():
            for session in sessions:
                minutes = sum(activity["minutes"] for activity in session["activities"])
                assert minutes <= session["minutes"] <= MAX_SESSION_MINUTES, session["title"]
                assert session["notes"], session["title"]


def test_fictional_organisations_are_marked_and_real_bodies_carry_no_contact():
    description = directory_demo.TEXTS["demo_description"]
    assert "ficticia" in description["es"]
    assert "Fictional" in description["en"]
    assert "ficticio" in directory_demo.TEXTS["direct_line"]
    assert "Ficticia" in directory_demo.TEXTS["address"]
    assert all(
        set(body) == {"key", "name", "description", "categories"}
        for body in directory_demo.PUBLIC_BODIES
    )
