"""Admin views of the protocol (HTTP): "New edition" on the protocol index."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from .editions import edition_to_copy, start_new_edition
from .models import ProtocolIndexPage


class NewEditionView(View):
    template_name = "protocol_pages/admin/new_edition.html"

    def dispatch(self, request, index_id):
        self.index = get_object_or_404(ProtocolIndexPage, pk=index_id)
        if not self.index.permissions_for_user(request.user).can_add_subpage():
            raise PermissionDenied
        return super().dispatch(request, index_id)

    def get(self, request, index_id):
        context = {"index": self.index, "source": edition_to_copy(self.index)}
        return TemplateResponse(request, self.template_name, context)

    def post(self, request, index_id):
        if edition_to_copy(self.index) is None:
            messages.error(request, _("There is no edition to start from yet: add one."))
            return redirect("wagtailadmin_explore", self.index.pk)
        edition = start_new_edition(self.index, request.user)
        messages.success(
            request,
            _(
                "New edition created as a draft. Set its effective date, edit its steps "
                "and submit it for approval: it is not public until approved."
            ),
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=(edition.pk,)))
