from django.urls import path

from openadmit.decisions import views

app_name = "decisions"

urlpatterns = [
    path("office/applications/<uuid:public_id>/decision/", views.decide, name="decide"),
    path("office/intakes/<slug:slug>/<str:code>/sessions/", views.sessions, name="sessions"),
    path("office/sessions/<int:pk>/close/", views.close_session, name="close_session"),
    path("office/conditions/<int:pk>/", views.mark_condition, name="condition"),
    path("office/contests/<int:pk>/", views.answer_contest, name="answer"),
    path("applications/<uuid:public_id>/contest/", views.contest, name="contest"),
]
