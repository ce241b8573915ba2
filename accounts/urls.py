from django.urls import path

from . import views

urlpatterns = [
    path("verify/", views.verify, name="two_step_verify"),
    path("", views.manage, name="two_step_manage"),
    path("email/", views.turn_on_email, name="two_step_email"),
    path("app/", views.add_app, name="two_step_app"),
    path("recovery-codes/", views.new_recovery_codes, name="two_step_recovery"),
    path("remove/<str:kind>/", views.remove, name="two_step_remove_all"),
    path("remove/<str:kind>/<int:pk>/", views.remove, name="two_step_remove"),
]
