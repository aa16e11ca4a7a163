from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openadmit.accounts.forms import DeleteAccountForm
from openadmit.accounts.service import do_delete_account, do_export_personal_data


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/overview.html")


@login_required
@require_POST
def export_data(request: HttpRequest) -> FileResponse:
    # Only ever the signed-in person's own data: the view takes no identifier at all.
    archive = do_export_personal_data(request.user, actor=request.user)
    filename = f"openadmit-my-data-{timezone.now():%Y-%m-%d}.zip"
    return FileResponse(
        archive, as_attachment=True, filename=filename, content_type="application/zip"
    )


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        do_delete_account(user, actor=user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form})


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/deleted.html")
