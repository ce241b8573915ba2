from django.urls import reverse
from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_step_menu_item(request):
    return {
        "url": reverse("two_step_manage"),
        "label": "Two-step sign-in",
        "help_text": "Codes by e-mail, an authenticator app, and recovery codes.",
    }


@hooks.register("register_log_actions")
def account_log_actions(actions):
    for action, label, message in (
        ("accounts.verified", "Second step confirmed", "Confirmed sign-in with a code"),
        ("accounts.wrong_code", "Wrong sign-in code", "Gave a wrong or expired sign-in code"),
        ("accounts.code_sent", "Sign-in code sent", "A sign-in code was e-mailed"),
        ("accounts.device_added", "Two-step method added", "Added a two-step method"),
        ("accounts.device_removed", "Two-step method removed", "Removed a two-step method"),
        ("accounts.recovery_codes", "Recovery codes made", "Made new recovery codes"),
        ("accounts.reset", "Two-step reset", "An administrator reset two-step sign-in"),
    ):
        actions.register_action(action, label, message)
