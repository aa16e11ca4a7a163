from django.contrib import admin
from django.urls import include, path

from openadmit.api.urls import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("accounts/", include("openadmit.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("openadmit.core.urls")),
    path("", include("openadmit.catalogue.urls")),
    path("", include("openadmit.selfcheck.urls")),
    path("", include("openadmit.applications.urls")),
    path("", include("openadmit.office.urls")),
    path("", include("openadmit.decisions.urls")),
]

handler404 = "openadmit.core.views.not_found"
handler500 = "openadmit.core.views.server_error"
