"""Whole-response caching of the public catalogue pages for readers who are not signed in.

Catalogue traffic is heavy-tailed: most readers open the same popular searches and
programmes. A signed-out reader's page depends only on the path, the parameters the view
reads (in name order), the language, the catalogue (the search index revision names it)
and the time (deadlines pass), so those make the key. A response is kept for five
minutes, each on its own clock, so a deadline that passes shows within five minutes
(submission itself checks the exact moment).
Anyone with a session cookie gets a fresh page: theirs may show their own account.
So does anyone with a message waiting (such as "You have signed out."): messages are
shown on the page, and the messages middleware sets or clears their cookie only after
the view, so a page rendered with them must be neither served from nor put in the cache.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

CACHE_SECONDS = 300


def index_revision() -> str:
    """The search index's revision, "" before the catalogue was ever indexed.

    Read on every request (one primary-key lookup), so that every process sees a change
    at once; without an index there is nothing to name a cached page by, and no caching.
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT revision FROM catalogue_searchindexstate WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else ""


def _is_personal(request: HttpRequest) -> bool:
    """Whether the page may show something of this reader's own: an account or messages."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or CookieStorage.cookie_name in request.COOKIES
    )


def _was_rendered_with_messages(request: HttpRequest) -> bool:
    # Counts the messages read from the request and those the view added.
    return len(get_messages(request)) > 0


def _page_key(request: HttpRequest, revision: str) -> str:
    # Parameters in name order: the same search written two ways is one cached page.
    query = urlencode(sorted(request.GET.lists(), key=lambda item: item[0]), doseq=True)
    parts = "\n".join([revision, get_language() or "", request.path, query])
    return "catalogue-page:" + hashlib.sha256(parts.encode()).hexdigest()


def cached_for_readers(*parameters: str):
    """Cache a view's pages for signed-out readers; `parameters` are those the view reads.

    A request with any other query parameter gets a fresh page and leaves no copy: random
    parameters would otherwise fill the cache and evict the pages readers share, and a
    page may carry its parameters on (the search page's links keep them all).
    """
    known = frozenset(parameters)

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if (
                request.method not in ("GET", "HEAD")
                or _is_personal(request)
                or not known.issuperset(request.GET)
            ):
                return view(request, *args, **kwargs)
            revision = index_revision()
            if not revision:
                return view(request, *args, **kwargs)
            key = _page_key(request, revision)
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                return HttpResponse(content, content_type=content_type)
            response = view(request, *args, **kwargs)
            if (
                response.status_code == 200
                and not response.cookies
                and not response.streaming
                and not _was_rendered_with_messages(request)
            ):
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                cache.set(key, (response.content, response["Content-Type"]), CACHE_SECONDS)
            return response

        return wrapper

    return decorate
