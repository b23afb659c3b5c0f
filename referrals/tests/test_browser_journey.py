"""A referral from creation by one institution to the counter-referral of the other, in
Debian's Chromium (Playwright), through the real login, TOTP step and forms."""

import pytest
from django_otp.oath import totp

from referrals.choices import Status
from referrals.factories import (
    MembershipFactory,
    OrganizationFactory,
    service_category,
    totp_device,
)
from referrals.models import Referral

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "ruta-test-2026"


def sign_in(page, base, user, device):
    page.goto(f"{base}/admin/login/?next=/admin/referrals/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/two-factor/verify/**")
    device.refresh_from_db()
    page.fill("input[name=token]", f"{totp(device.bin_key):06d}")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/referrals/")


def test_referral_from_creation_to_counter_referral(browser, browser_page, live_server):
    sender_org = OrganizationFactory(name="Casa de acogida de prueba")
    receiver_org = OrganizationFactory(name="Fiscalía de prueba")
    sender = MembershipFactory(organization=sender_org).user
    receiver = MembershipFactory(organization=receiver_org).user
    sender_device, receiver_device = totp_device(sender), totp_device(receiver)
    term = service_category("psychological", "Atención psicológica")
    base = live_server.url

    # The sending institution creates and sends the referral.
    page = browser_page
    sign_in(page, base, sender, sender_device)
    page.goto(f"{base}/admin/referrals/new/?receiver={receiver_org.pk}")
    page.select_option("select[name=urgency]", "urgent")
    page.check(f"input[name=requested_services][value='{term.pk}']")
    page.select_option("select[name=age_range]", "18-25")
    page.check("input[name=exploitation_forms][value=labour]")
    page.fill("textarea[name=needs]", "Necesita acogida temporal")
    page.check("input[name=consent_given]")
    page.fill("input[name=consent_date]", "2026-01-15")
    page.select_option("select[name=consent_given_by]", "person")
    page.fill("textarea[name=consent_scope]", "Datos mínimos a la Fiscalía")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/admin/referrals/*-*/")
    referral = Referral.objects.get()
    assert referral.receiving_organization == receiver_org
    page.click("a[href$='/status/send/']")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/admin/referrals/{referral.pk}/")
    referral.refresh_from_db()
    assert referral.status == Status.SENT

    # The receiving institution, in another browser session, receives and answers.
    context = browser.new_context(locale="es-EC")
    other = context.new_page()
    other.set_default_timeout(15_000)
    sign_in(other, base, receiver, receiver_device)
    other.click(f"text={referral.case_code}")
    other.wait_for_url(f"**/admin/referrals/{referral.pk}/")
    referral.refresh_from_db()
    assert referral.status == Status.RECEIVED
    for name in ["accept", "start"]:
        other.click(f"form[action$='/status/{name}/'] button")
        other.wait_for_url(f"**/admin/referrals/{referral.pk}/")
    other.click("a[href$='/status/complete/']")
    other.check(f"input[name=services_given][value='{term.pk}']")
    other.fill("textarea[name=counter_referral]", "Se brindó atención psicológica")
    other.click("main form button[type=submit]")
    other.wait_for_url(f"**/admin/referrals/{referral.pk}/")
    assert "Se brindó atención psicológica" in other.content()
    context.close()

    referral.refresh_from_db()
    assert referral.status == Status.COMPLETED
    assert list(referral.services_given.all()) == [term]
    assert [c.to_status for c in referral.changes.all()] == [
        Status.DRAFT,
        Status.SENT,
        Status.RECEIVED,
        Status.ACCEPTED,
        Status.IN_SERVICE,
        Status.COMPLETED,
    ]

    # The sender sees the counter-referral and closes the referral.
    page.goto(f"{base}/admin/referrals/{referral.pk}/")
    assert "Se brindó atención psicológica" in page.content()
    page.click("form[action$='/status/close/'] button")
    page.wait_for_url(f"**/admin/referrals/{referral.pk}/")
    referral.refresh_from_db()
    assert referral.status == Status.CLOSED
