"""A bare view for `make bench`: the baseline a public page's throughput is compared with."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """The cheapest response the full middleware stack can give: no database, no template."""
    return HttpResponse(b"ok\n", content_type="text/plain; charset=utf-8")
