from django.http import HttpResponsePermanentRedirect
from wagtail.views import serve


def handbook(request, path, slash=""):
    """``<edition-url>manual.pdf``: Wagtail's page URLs end in a slash and have no dots, so
    this hands the request to the edition's ``manual.pdf/`` route (RoutablePageMixin). The
    same address with a trailing slash redirects to it."""
    if slash:
        return HttpResponsePermanentRedirect(request.get_full_path().replace(".pdf/", ".pdf", 1))
    return serve(request, f"{path}manual.pdf/")
