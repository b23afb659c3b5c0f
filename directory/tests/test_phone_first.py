"""Phone first: result cards with tel: links and hours, a service's own page, and the
contact card of each province (print view and PDF) with public data only."""

import io

import pypdf
import pytest
from django.utils import translation

from directory.cards import service_cards
from directory.factories import PhoneFactory
from directory.models import DirectoryIndexPage, Phone
from directory.province_cards import card_kind
from directory.provinces import provinces
from directory.tests.test_confidentiality import leaks
from infra.pdf import build_document

pytestmark = pytest.mark.django_db


def test_cards_call_the_public_phone_and_never_a_direct_line(sample):
    legal, shelter = sample["legal_service"], sample["shelter_service"]
    PhoneFactory(service=legal, number="099 555 0101", type=Phone.PhoneType.WHATSAPP)
    cards = service_cards([str(legal.pk), str(shelter.pk)])
    legal_card, shelter_card = cards[str(legal.pk)], cards[str(shelter.pk)]
    assert [p["tel"] for p in legal_card["phones"]] == ["+59322502222"]
    assert [p["whatsapp_url"] for p in legal_card["whatsapp"]] == ["https://wa.me/593995550101"]
    assert legal_card["schedules"]
    assert not legal_card["is_24_hours"]
    # A shelter: no phone of its own (direct lines), its organisation's referral phone.
    assert shelter_card["phones"] == []
    assert shelter_card["whatsapp"] == []
    assert shelter_card["referral_phone"]["tel"] == "+59322500000"
    assert shelter_card["is_24_hours"] is True
    assert leaks(repr(cards)) == []


@pytest.mark.parametrize(("language", "slug"), [("es", "servicio"), ("en", "service")])
def test_service_page_shows_everything_public(client, directory_page, sample, language, slug):
    service = sample["legal_service"]
    base = {"es": "/es/directorio/", "en": "/en/directory/"}[language]
    response = client.get(f"{base}{slug}/{service.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:+59322502222"' in html
    assert service.description in html
    assert "Quito" in html
    shelter = client.get(f"{base}{slug}/{sample['shelter_service'].pk}/").content.decode()
    assert "Rumiñahui" in shelter
    assert 'href="tel:+59322500000"' in shelter
    assert leaks(html + shelter) == []


def test_service_page_addresses(client, directory_page, sample):
    pk = sample["legal_service"].pk
    assert client.get(f"/es/directorio/service/{pk}/").url == f"/es/directorio/servicio/{pk}/"
    assert (
        client.get("/es/directorio/servicio/00000000-0000-4000-8000-000000000000/").status_code
        == 404
    )
    assert (
        client.get("/es/directorio/servicio/not-a-uuid-at-all-not-a-uuid-at-all1/").status_code
        == 404
    )


def test_directory_cards_link_to_the_service_page(client, directory_page, sample):
    html = client.get("/es/directorio/", {"province": "EC-P"}).content.decode()
    assert f'href="/es/directorio/servicio/{sample["legal_service"].pk}/"' in html
    assert 'href="tel:+59322502222"' in html
    # Results come before the browse lists, the form is folded.
    assert html.index('id="results-heading"') < html.index("directory-facets")
    assert "<details" in html


def test_province_card_page_both_languages(client, directory_page, sample):
    for url in ("/es/directorio/tarjetas/EC-P/", "/en/directory/cards/EC-P/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Asesoría de prueba" in html
        assert "tel:+59322502222" in html
        assert "data:image/svg+xml" in html  # the QR code
        assert leaks(html) == []
    assert client.get("/es/directorio/tarjetas/").status_code == 200
    assert client.get("/es/directorio/tarjetas/EC-ZZ/").status_code == 404


def test_province_card_pdf_for_every_province_holds_no_confidential_value(directory_page, sample):
    page = DirectoryIndexPage.objects.get(pk=directory_page.pk)
    assert set(page.pdf_documents) == {card_kind(code) for code in provinces()}
    texts = {}
    for code in provinces():
        for language in ("es", "en"):
            document = build_document(page, card_kind(code), language)
            with document.file.open("rb") as handle:
                reader = pypdf.PdfReader(io.BytesIO(handle.read()))
            assert len(reader.pages) == 1, (code, language)
            texts[code, language] = " ".join(p.extract_text() for p in reader.pages)
    assert all(leaks(text) == [] for text in texts.values())
    assert "Asesoría de prueba" in texts["EC-P", "es"]
    assert "ECU 911" in texts["EC-G", "en"]
    with translation.override("en"):
        assert "Who to call in" in texts["EC-P", "en"]
