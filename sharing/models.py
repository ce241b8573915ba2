"""Shared previews: a link that shows one draft revision of a page to someone without an account.

Isomer gives reviewers outside the team a staging link. Here an editor who may edit a page makes
a link to the page's latest revision as it stands: the link is signed (it cannot be guessed or
altered), expires on a date the editor picks, and can be withdrawn at any time. Whoever opens it
sees that revision rendered as the live page will be, marked as a draft, with no admin access,
never indexed and never cached.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

SALT = "sharing.preview"
# How long a link may last, in days: the editor picks one.
LIFETIMES = (1, 7, 30)
DEFAULT_LIFETIME = 7


class SharedPreview(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="shared_previews"
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["page", "-created_at"])]

    def __str__(self):
        return f"Shared preview of {self.page} (revision {self.revision_id})"

    def get_absolute_url(self) -> str:
        return reverse("shared_preview", args=[self.token])

    @classmethod
    def share(cls, page, revision, user, days: int):
        """A new link to ``revision`` of ``page``, lasting ``days`` days."""
        return cls.objects.create(
            page=page,
            revision=revision,
            created_by=user,
            expires_at=timezone.now() + timedelta(days=days),
        )

    @property
    def token(self) -> str:
        return signing.dumps(self.pk, salt=SALT)

    @classmethod
    def from_token(cls, token: str):
        """The link a token names, or None when it was not signed here."""
        try:
            pk = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            return None
        if not isinstance(pk, int):
            return None
        return cls.objects.select_related("revision", "page").filter(pk=pk).first()

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def active(self) -> bool:
        return not self.revoked and not self.expired

    @property
    def maker_may_share(self) -> bool:
        """A link lasts only while the person who made it may still edit the page: an account
        closed or a role taken away withdraws their links."""
        user = self.created_by
        return bool(user and user.is_active and self.page.permissions_for_user(user).can_edit())

    @property
    def works(self) -> bool:
        return self.active and self.maker_may_share

    @property
    def status(self) -> str:
        if self.revoked:
            return "Withdrawn"
        if self.expired:
            return "Expired"
        if not self.maker_may_share:
            return "Withdrawn: its maker can no longer edit the page"
        return "Active"

    def revoke(self, user):
        self.revoked_at = timezone.now()
        self.revoked_by = user
        self.save(update_fields=["revoked_at", "revoked_by"])
