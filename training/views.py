from django.http import HttpResponsePermanentRedirect
from wagtail.views import serve


def module_pdf(request, path, kind, slash=""):
    """``<module-url>handout.pdf`` and ``<module-url>guide.pdf``: Wagtail's page URLs end in
    a slash and have no dots, so this hands the request to the module's routes
    (``handout.pdf/``, ``guide.pdf/``; RoutablePageMixin). Other pages answer 404. The
    same address with a trailing slash (links printed before) redirects to it."""
    if slash:
        return HttpResponsePermanentRedirect(request.get_full_path().replace(".pdf/", ".pdf", 1))
    return serve(request, f"{path}{kind}.pdf/")
