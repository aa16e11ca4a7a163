from django.urls import path

from openadmit.core import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
