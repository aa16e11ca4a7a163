from django.urls import path

from openadmit.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("institutions/<slug:slug>/", views.institution, name="institution"),
]
