app_name = "goals"
urlpatterns = []
