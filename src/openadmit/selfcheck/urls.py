from django.urls import path

from openadmit.selfcheck import views

app_name = "selfcheck"

urlpatterns = [
    path("programmes/<slug:slug>/eligibility/", views.programme_check, name="programme"),
    path("eligibility/", views.where, name="where"),
]
