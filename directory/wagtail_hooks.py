from wagtail import hooks
from wagtail.snippets.models import register_snippet

from directory.hsds_import import admin as hsds_import_admin
from directory.viewsets import DirectoryViewSetGroup

register_snippet(DirectoryViewSetGroup)

# HSDS imports from the admin (directory/hsds_import/admin.py).
hooks.register("register_admin_urls", hsds_import_admin.urls)
hooks.register("register_admin_menu_item", hsds_import_admin.menu_item)
