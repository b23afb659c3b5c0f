from wagtail.views import serve


def handbook(request, path):
    """``<edition-url>manual.pdf``: Wagtail's page URLs end in a slash and have no dots, so
    this hands the request to the edition's ``manual.pdf/`` route (RoutablePageMixin)."""
    return serve(request, f"{path}manual.pdf/")
