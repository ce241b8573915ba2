from django.core.management.base import BaseCommand

from home.governance import ensure_roles


class Command(BaseCommand):
    help = (
        "Create each site's 'Contributors' and 'Publishers' groups and 'Site review' workflow, "
        "and the newsroom's page (if missing), groups and 'Newsroom review'. Safe to run again."
    )

    def handle(self, *args, **options):
        for roles in ensure_roles(create_newsroom=True):
            self.stdout.write(
                f"Site {roles.site}: groups '{roles.contributors.name}', "
                f"'{roles.publishers.name}'; workflow '{roles.workflow.name}' on "
                f"'{roles.site.root_page.title}'."
            )
        from newsroom.models import NewsroomIndexPage

        newsroom = NewsroomIndexPage.objects.first()
        where = newsroom.url if newsroom else "(no homepage yet: permissions not assigned)"
        self.stdout.write(
            f"Newsroom: {where}; groups 'Newsroom editors', 'Newsroom moderators'; "
            "workflow 'Newsroom review'."
        )
