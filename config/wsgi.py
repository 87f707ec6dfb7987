import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

# What start-up loaded (Django, the apps, their modules) lives as long as the server: keep it
# out of the garbage collector's sight, so that a full collection during a request walks only
# what requests have made (on a long chronology, tens of milliseconds a collection otherwise).
gc.freeze()
