from django.shortcuts import render


def page_not_found(request, exception=None):
    """404 in the visitor's language, with the full site shell."""
    return render(request, "404.html", status=404)


def server_error(request):
    """500 without context processors that might touch the database again."""
    return render(request, "500.html", status=500, using=None)
