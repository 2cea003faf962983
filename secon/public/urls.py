"""Public site URLs. (Skeleton; the public app fills these in.)"""

from django.shortcuts import render
from django.urls import path
from django.views.generic import RedirectView


def _todo(request, *args, **kwargs):
    return render(request, "public/base_public.html", {"title": "SECON"})


root_patterns = [path("", RedirectView.as_view(url="/pl/", permanent=False))]
public_patterns = [
    path("", _todo, name="home"),
    path("partners/", _todo, name="partner_list"),
    path("accessibility/", _todo, name="accessibility"),
    path("privacy/", _todo, name="privacy"),
]
