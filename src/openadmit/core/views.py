from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "core/404.html", status=404)


# Requests that only read: whatever failed, they were not sending anything to save.
READING_METHODS = {"GET", "HEAD", "OPTIONS"}


def server_error(request: HttpRequest) -> HttpResponse:
    """The error page says only what is known: after a failed form post, whether its
    answers were saved is not known (the failure may have come before or after the save)."""
    if _wants_json(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    sent = request.method not in READING_METHODS
    return render(request, "core/500.html", {"sent": sent}, status=500)


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
