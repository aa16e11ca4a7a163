from django.urls import path

from openadmit.office import views

app_name = "office"

urlpatterns = [
    path("office/", views.home, name="home"),
    path("office/tokens/", views.api_tokens, name="tokens"),
    path("office/intakes/<slug:slug>/<str:code>/", views.queue, name="queue"),
    path("office/intakes/<slug:slug>/<str:code>/bulk/", views.bulk, name="bulk"),
    path("office/intakes/<slug:slug>/<str:code>/export/", views.export, name="export"),
    path(
        "office/intakes/<slug:slug>/<str:code>/dashboard/",
        views.intake_dashboard,
        name="dashboard",
    ),
    path("office/applications/<uuid:public_id>/", views.application_file, name="file"),
    path("office/applications/<uuid:public_id>/screening/", views.screening, name="screening"),
    path(
        "office/applications/<uuid:public_id>/request/",
        views.information_request,
        name="information_request",
    ),
    path("office/applications/<uuid:public_id>/message/", views.send_message, name="message"),
    path("office/applications/<uuid:public_id>/fee/", views.record_fee, name="fee"),
    path("office/applications/<uuid:public_id>/review/", views.start_review, name="start_review"),
    path("office/documents/<uuid:public_id>/", views.document, name="document"),
]
