"""What the browser tests of the admin share: people in a group, the password sign-in and
Wagtail's footer actions."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "browser-test-password-1"


def make_user(username, group):
    """A person in ``group`` who signs in with :data:`PASSWORD` (fictional address)."""
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, base, username):
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")


def click_footer_action(page, selector):
    """Wagtail's footer shows one main action and the others in a dropdown."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()
