"""The site's addresses plus one view that fails, to see the error page applicants get."""

from django.urls import path

from openadmit.urls import handler404, handler500
from openadmit.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("a failure on purpose, after whatever the request did")


urlpatterns = [path("broken/", broken), *site_urlpatterns]

__all__ = ["handler404", "handler500", "urlpatterns"]
