from django.core.management.base import BaseCommand

from newsroom.governance import ensure_newsroom_governance, ensure_newsroom_index


class Command(BaseCommand):
    help = (
        "Create the newsroom page (if missing), the 'Newsroom editors' and 'Newsroom moderators' "
        "groups and the 'Newsroom review' workflow. Safe to run again."
    )

    def handle(self, *args, **options):
        newsroom = ensure_newsroom_index()
        result = ensure_newsroom_governance(newsroom)
        where = newsroom.url_path if newsroom else "(no homepage yet: permissions not assigned)"
        self.stdout.write(
            f"Newsroom: {where}; groups '{result['editors'].name}', '{result['moderators'].name}'; "
            f"workflow '{result['workflow'].name}'."
        )
