from wagtail import hooks

from .creation import continue_on_created_module, remember_created_module

hooks.register("before_create_page", continue_on_created_module)
hooks.register("after_create_page", remember_created_module)
