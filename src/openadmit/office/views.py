"""The office's pages: the intakes, the work queue, the file and its actions.

Every page is behind `staff_page` (a staff role and a second factor) and asks the access
policy what the person may see and do; an application outside their reach answers 404,
exactly like one that does not exist.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from openadmit.access.constants import Permission
from openadmit.access.gate import staff_page
from openadmit.access.models import ApiToken
from openadmit.access.policy import allowed, grants_of
from openadmit.access.service import do_create_token, do_revoke_token
from openadmit.applications.models import Application, Document
from openadmit.catalogue.models import Intake
from openadmit.office import bulk as bulk_actions
from openadmit.office import exports, service
from openadmit.office import file as files
from openadmit.office.dashboard import dashboard
from openadmit.office.forms import (
    PER_PAGE,
    ApiTokenForm,
    ExportForm,
    FeeForm,
    InformationRequestForm,
    MessageForm,
    QueueForm,
    ScreeningForm,
)
from openadmit.office.intakes import (
    intake_links,
    intakes_for,
    queue_choices,
    queue_rows,
    status_tabs,
)
from openadmit.office.queue import QueueFilters, status_counts, visible_entries


def _application(request: HttpRequest, public_id, permission=Permission.VIEW_APPLICATIONS):
    application = (
        Application.objects.select_related("intake__programme__institution", "applicant")
        .filter(public_id=public_id)
        .first()
    )
    if application is None or not allowed(request.user, permission, application):
        raise Http404(_("No such application."))
    return application


def _intake(request: HttpRequest, slug: str, code: str) -> Intake:
    intake = get_object_or_404(
        Intake.objects.select_related("programme__institution"), programme__slug=slug, code=code
    )
    if not allowed(request.user, Permission.VIEW_APPLICATIONS, intake):
        raise Http404(_("No such intake."))
    return intake


def _back(request: HttpRequest, intake: Intake) -> str:
    """Where "Back to the queue" leads: the queue with the filters the officer had."""
    back = request.GET.get("back") or request.POST.get("back") or ""
    if (
        back
        and url_has_allowed_host_and_scheme(back, allowed_hosts=None)
        and back.startswith("/office/")
    ):
        return back
    return reverse("office:queue", args=[intake.programme.slug, intake.code])


@staff_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "office/home.html", {"intakes": intakes_for(request.user)})


@staff_page
def queue(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = _intake(request, slug, code)
    full = intake.programme_id in grants_of(request.user).full.get(Permission.VIEW_APPLICATIONS, ())
    entries = visible_entries(intake.pk, assigned_to=None if full else request.user.pk)
    form = QueueForm(request.GET or None, **queue_choices(intake, entries))
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "office/queue.html",
            {"intake": intake, "form": form, "page": None, "counts": {}},
            status=400,
        )
    filters = form.filters() if form.is_bound else QueueFilters()
    counts = status_counts(filters.apply(entries, with_status=False))
    matching = filters.ordered(filters.apply(entries))
    page = Paginator(matching, PER_PAGE).get_page(
        form.cleaned_data.get("page") if form.is_bound else 1
    )
    query = request.GET.copy()
    query.pop("page", None)
    back = request.get_full_path()
    zone = intake.programme.institution.time_zone
    return render(
        request,
        "office/queue.html",
        {
            "intake": intake,
            "form": form,
            "page": page,
            "rows": queue_rows(page.object_list, back, intake),
            "tabs": status_tabs(request, counts, filters),
            "counts": counts,
            "query": query.urlencode(),
            "back": back,
            "time_zone": zone,
            "bulk_actions": bulk_actions.actions_for(request.user, intake),
            "intake_links": intake_links(request.user, intake),
            "can_export": allowed(request.user, Permission.EXPORT, intake),
        },
    )


@staff_page
def application_file(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id)
    service.record_file_opened(application, actor=request.user)
    context = files.file_context(request.user, application)
    context["back"] = _back(request, application.intake)
    context["message_form"] = MessageForm()
    context["fee_form"] = FeeForm()
    return render(request, "office/file.html", context)


@staff_page
def screening(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id, Permission.SCREEN)
    verdict = files.screened_verdict(application)
    form = ScreeningForm(request.POST if request.method == "POST" else None, verdict=verdict)
    if request.method == "POST" and form.is_valid():
        try:
            service.do_confirm_screening(application, form.overrides(), actor=request.user)
        except service.OverrideRefused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, str(refusal))
        except service.OfficeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Screening confirmed."))
            return redirect(_file_url(application, request))
    return render(
        request,
        "office/screening.html",
        {
            "application": application,
            "form": form,
            "verdict": files.verdict_for_staff(application),
            "back": _back(request, application.intake),
        },
        status=400 if form.errors else 200,
    )


@staff_page
def information_request(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id, Permission.CORRESPOND)
    form = InformationRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            service.do_request_information(
                application,
                form.cleaned_data["steps"],
                form.cleaned_data["message"],
                form.cleaned_data["due_on"],
                actor=request.user,
            )
        except service.OfficeError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
        else:
            messages.success(request, _("Your request was sent to the applicant."))
            return redirect(_file_url(application, request))
    return render(
        request,
        "office/information_request.html",
        {"application": application, "form": form, "back": _back(request, application.intake)},
        status=400 if form.errors else 200,
    )


def _file_url(application: Application, request: HttpRequest) -> str:
    url = reverse("office:file", args=[application.public_id])
    back = request.POST.get("back") or request.GET.get("back")
    return f"{url}?{urlencode({'back': back})}" if back else url


def _file_with_errors(request, application, **forms) -> HttpResponse:
    context = files.file_context(request.user, application)
    context.update({"message_form": MessageForm(), "fee_form": FeeForm(), **forms})
    context["back"] = _back(request, application.intake)
    return render(request, "office/file.html", context, status=400)


@require_POST
@staff_page
def send_message(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id, Permission.CORRESPOND)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            service.do_send_message(application, form.cleaned_data["body"], actor=request.user)
        except service.OfficeError as error:
            form.add_error("body", str(error))
        else:
            messages.success(request, _("Message sent."))
            return redirect(_file_url(application, request))
    return _file_with_errors(request, application, message_form=form)


@require_POST
@staff_page
def record_fee(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id, Permission.RECORD_FEE)
    form = FeeForm(request.POST)
    if form.is_valid():
        try:
            service.do_record_fee(
                application,
                form.cleaned_data["fee_status"],
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except service.OfficeError as error:
            form.add_error("fee_status", str(error))
        else:
            messages.success(request, _("Fee recorded."))
            return redirect(_file_url(application, request))
    return _file_with_errors(request, application, fee_form=form)


@require_POST
@staff_page
def start_review(request: HttpRequest, public_id) -> HttpResponse:
    application = _application(request, public_id, Permission.MOVE_FILES)
    try:
        service.do_start_review(application, actor=request.user)
    except service.ApplicationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The file is under review."))
    return redirect(_file_url(application, request))


@staff_page
@xframe_options_sameorigin
def document(request: HttpRequest, public_id) -> HttpResponse:
    """A document shown in the browser (PDF inline), or downloaded with ``?download``."""
    found = (
        Document.objects.select_related("application__intake__programme")
        .filter(public_id=public_id)
        .first()
    )
    if found is None or not allowed(request.user, Permission.DOWNLOAD_DOCUMENTS, found.application):
        raise Http404(_("No such document."))
    service.record_document_viewed(found, actor=request.user)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment="download" in request.GET,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@staff_page
def bulk(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Step one previews what the chosen action does to each chosen file; step two (with
    ``confirm``) does it to all of them or, on any failure, to none."""
    intake = _intake(request, slug, code)
    back = _back(request, intake)
    action = bulk_actions.get(request.POST.get("action", ""))
    if action is None or action not in bulk_actions.actions_for(request.user, intake):
        messages.error(request, _("Choose an action for the selected files."))
        return redirect(back)
    ids = request.POST.getlist("ids")[: bulk_actions.MAX_FILES + 1]
    if not ids:
        messages.error(request, _("Select at least one file in the list first."))
        return redirect(back)
    if len(ids) > bulk_actions.MAX_FILES:
        messages.error(
            request,
            _("Select at most %(n)s files at once.") % {"n": bulk_actions.MAX_FILES},
        )
        return redirect(back)
    try:
        chosen = list(
            Application.objects.select_related("intake__programme__institution", "submission")
            .filter(public_id__in=ids, intake=intake)
            .order_by("submission__reference")
        )
    except ValidationError:
        raise Http404(_("No such application.")) from None
    rows = bulk_actions.preview(action, chosen, request.user)
    form = action.form(request.POST if "confirm" in request.POST else None) if action.form else None
    if "confirm" in request.POST and (form is None or form.is_valid()):
        try:
            done = bulk_actions.perform(
                action, chosen, request.user, form.cleaned_data if form else {}
            )
        except (bulk_actions.BulkRefused, service.ApplicationError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext("%(n)s file done.", "%(n)s files done.", done) % {"n": done},
            )
            return redirect(back)
    return render(
        request,
        "office/bulk.html",
        {
            "intake": intake,
            "action": action,
            "rows": rows,
            "applies": [row for row in rows if row.refusal is None],
            "form": form,
            "back": back,
        },
        status=400 if form is not None and form.errors else 200,
    )


@staff_page
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The staff member's tokens for machine clients: make one (shown once), revoke one."""
    created = None
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "revoke" in request.POST:
        token = ApiToken.objects.filter(
            public_id=request.POST.get("revoke", ""), user=request.user
        ).first()
        if token is None:
            raise Http404(_("No such token."))
        do_revoke_token(token, actor=request.user)
        messages.success(request, _("The token is revoked."))
        return redirect("office:tokens")
    if request.method == "POST" and form.is_valid():
        _token, created = do_create_token(
            request.user, form.cleaned_data["name"], actor=request.user
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request,
        "office/tokens.html",
        {"form": form, "tokens": tokens, "created": created},
        status=400 if form.errors else 200,
    )


EXPORT_FIELDS = ("columns", "format", "download")


@staff_page
def export(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    """Choose columns and a format; the file holds the queue as its filters show it."""
    intake = _intake(request, slug, code)
    if not allowed(request.user, Permission.EXPORT, intake):
        raise Http404(_("No such intake."))
    entries = visible_entries(intake.pk, assigned_to=None)
    filter_data = request.GET.copy()
    for name in EXPORT_FIELDS:
        filter_data.pop(name, None)
    queue_form = QueueForm(filter_data, **queue_choices(intake, entries))
    form = ExportForm(request.GET if "download" in request.GET else None, columns=exports.COLUMNS)
    if queue_form.is_valid() and form.is_bound and form.is_valid():
        filters = queue_form.filters()
        keys = form.cleaned_data["columns"]
        fmt = form.cleaned_data["format"]
        rows = exports.do_export(
            intake,
            filters.ordered(filters.apply(entries)),
            actor=request.user,
            columns=keys,
            fmt=fmt,
            filters={k: filter_data.getlist(k) for k in filter_data},
        )
        name = f"{intake.programme.slug}-{intake.code}-applications.{fmt}"
        if fmt == exports.ExportFormat.CSV:
            response = StreamingHttpResponse(
                exports.csv_rows(rows, keys), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return FileResponse(
            exports.xlsx_file(rows, keys),
            as_attachment=True,
            filename=name,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return render(
        request,
        "office/export.html",
        {
            "intake": intake,
            "form": form,
            "queue_form": queue_form,
            "hidden": [(k, v) for k in filter_data for v in filter_data.getlist(k)],
            "count": queue_form.filters().apply(entries).count() if queue_form.is_valid() else 0,
            "back": f"{reverse('office:queue', args=[slug, code])}?{filter_data.urlencode()}",
        },
        status=400 if form.errors or queue_form.errors else 200,
    )


@staff_page
def intake_dashboard(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    intake = _intake(request, slug, code)
    full = intake.programme_id in grants_of(request.user).full.get(Permission.VIEW_APPLICATIONS, ())
    if not full:
        raise Http404(_("No such intake."))
    return render(request, "office/dashboard.html", {"intake": intake, "data": dashboard(intake)})
