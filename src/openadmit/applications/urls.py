from django.urls import path

from openadmit.applications import views

app_name = "applications"

urlpatterns = [
    path("applications/", views.my_applications, name="mine"),
    path("programmes/<slug:slug>/<str:code>/apply/", views.start, name="start"),
    path("applications/<uuid:public_id>/", views.status, name="status"),
    path("applications/<uuid:public_id>/steps/documents/", views.documents, name="documents"),
    path("applications/<uuid:public_id>/steps/<slug:step>/", views.step, name="step"),
    path("applications/<uuid:public_id>/review/", views.review, name="review"),
    path("applications/<uuid:public_id>/receipt/", views.receipt, name="receipt"),
    path("applications/<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("documents/<uuid:public_id>/", views.document_file, name="document"),
]
