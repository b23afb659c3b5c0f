import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.base")
# A web process: its database statements and lock waits are bounded (settings).
os.environ.setdefault("RUTA_WEB_PROCESS", "1")

application = get_wsgi_application()
