"""The public page (no login): published reports only."""

app_name = "public"
urlpatterns = []
