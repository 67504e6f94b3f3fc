from django.urls import path

from jixiao.apps.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("province/", views.province, name="province"),
    path("bureaus/<int:pk>/", views.bureau_overview, name="bureau"),
    path("departments/<int:pk>/", views.department, name="department"),
    path("reviews/", views.review_list, name="review-list"),
    path("reviews/upload/", views.review_upload, name="review-upload"),
    path("reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("reviews/<int:pk>/report.docx", views.review_download, name="review-download"),
    path("reviews/<int:pk>/<slug:action>/", views.review_action, name="review-action"),
    path("comments/<int:pk>/", views.comment_detail, name="comment-detail"),
]
