from wagtail import hooks

from .creation import continue_on_created_page, remember_created_page

hooks.register("before_create_page", continue_on_created_page)
hooks.register("after_create_page", remember_created_page)


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page cache tags what it keeps with the page that rendered it."""
    request.ruta_page = page
