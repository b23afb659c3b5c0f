"""Marks the responses the service worker may keep offline (``offline.headers``)."""

from offline.headers import OFFLINE_HEADER, OFFLINE_PUBLIC, may_keep_offline


class OfflineMarkMiddleware:
    """Outside the page cache, so that a cached page is judged again for each request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if OFFLINE_HEADER in response:
            del response[OFFLINE_HEADER]  # only this middleware says what may be kept
        if may_keep_offline(request, response):
            response[OFFLINE_HEADER] = OFFLINE_PUBLIC
        return response
