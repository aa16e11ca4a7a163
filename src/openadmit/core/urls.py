from django.urls import path

from openadmit.core import views

urlpatterns = [
    path("livez", views.livez, name="livez"),
    path("readyz", views.readyz, name="readyz"),
    # The first name of the liveness check, kept for the load balancers that use it.
    path("healthz", views.livez, name="healthz"),
]
