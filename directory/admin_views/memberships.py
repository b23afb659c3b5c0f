"""Who works for an institution: its staff list, adding someone by user name, changing a
role, removing. Superusers and holders of ``directory.manage_memberships`` manage every
institution's, managers their own institution's; everyone else gets a 404."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from directory import memberships
from directory.access import manageable_organizations
from directory.models import OrganizationMembership

from .base import any_admin_view, render

Role = OrganizationMembership.Role


class AddMemberForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active user with that user name."))
        return user


class RoleForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)


def _organization(request, pk):
    organization = manageable_organizations(request.user).filter(pk=pk).first()
    if organization is None:
        raise Http404
    return organization


@any_admin_view
def memberships_home(request):
    organizations = list(manageable_organizations(request.user).order_by("name"))
    if not organizations:
        raise Http404
    if len(organizations) == 1:
        return redirect("directory_admin:memberships", organizations[0].pk)
    return render(
        request,
        "memberships_home.html",
        {"page_title": _("Staff of the institutions"), "organizations": organizations},
    )


@any_admin_view
@require_http_methods(["GET", "POST"])
def organization_members(request, org):
    organization = _organization(request, org)
    form = AddMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, role = form.cleaned_data["username"], form.cleaned_data["role"]
        try:
            memberships.add_member(organization, user, role, request.user)
        except memberships.AlreadyMember:
            form.add_error("username", _("This person is already on the staff list."))
        else:
            messages.success(request, _("%(user)s was added.") % {"user": user.get_username()})
            return redirect("directory_admin:memberships", organization.pk)
    members = organization.memberships.select_related("user").order_by("user__username")
    return render(
        request,
        "memberships.html",
        {
            "page_title": _("Staff of %(organization)s") % {"organization": organization},
            "organization": organization,
            "members": members,
            "form": form,
            "roles": Role.choices,
        },
        status=400 if form.is_bound else 200,
    )


@any_admin_view
@require_POST
def membership(request, org, pk):
    organization = _organization(request, org)
    member = get_object_or_404(organization.memberships.select_related("user"), pk=pk)
    if request.POST.get("action") == "remove":
        memberships.remove_member(member, request.user)
        messages.success(request, _("%(user)s was removed.") % {"user": member.user})
    else:
        form = RoleForm(request.POST)
        if form.is_valid():
            memberships.change_role(member, form.cleaned_data["role"], request.user)
            messages.success(
                request, _("The role of %(user)s was changed.") % {"user": member.user}
            )
        else:
            messages.error(request, _("Choose a role."))
    return redirect("directory_admin:memberships", organization.pk)
