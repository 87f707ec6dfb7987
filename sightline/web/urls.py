from django.urls import path

from sightline.web.views import home

app_name = "web"

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", home.sign_in, name="sign-in"),
]
