from wagtail import hooks


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page cache tags what it keeps with the page that rendered it."""
    request.ruta_page = page
