"""The Users area keeps editors' e-mail addresses to the allowed work domains."""

from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .policy import domain_error


class WorkEmailMixin:
    def clean_email(self):
        address = self.cleaned_data.get("email", "")
        error = domain_error(address)
        if error:
            raise forms.ValidationError(error)
        return address


class WorkEmailCreationForm(WorkEmailMixin, UserCreationForm):
    pass


class WorkEmailEditForm(WorkEmailMixin, UserEditForm):
    pass


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return WorkEmailEditForm if for_update else WorkEmailCreationForm
