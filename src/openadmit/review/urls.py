from django.urls import path

from openadmit.review import views

app_name = "review"

intake = "office/intakes/<slug:slug>/<str:code>"
application = "office/applications/<uuid:public_id>"

urlpatterns = [
    path(f"{intake}/rubric/", views.rubric, name="rubric"),
    path(f"{intake}/rubric.yaml", views.rubric_file, name="rubric_file"),
    path(f"{intake}/rubric/publish/", views.publish_rubric, name="publish_rubric"),
    path(f"{intake}/reviews/", views.progress, name="progress"),
    path(f"{intake}/reviews/<int:user_id>/", views.reviewer, name="reviewer"),
    path(f"{intake}/scores/", views.scores, name="scores"),
    path(f"{application}/reviewers/", views.assign, name="assign"),
    path(f"{application}/reviewers/auto/", views.assign_automatically, name="assign_auto"),
    path(f"{application}/reviewers/third/", views.assign_third, name="assign_third"),
    path(f"{application}/score/", views.score, name="score"),
    path(f"{application}/conflict/", views.conflict, name="conflict"),
]
