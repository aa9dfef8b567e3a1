"""Issue an API token for a user and print its key, once: only its hash is stored."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from incidents.models import ApiToken


class Command(BaseCommand):
    help = "Create an API token for USERNAME named NAME (the client) and print the key once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("name", help="Which client uses the token, e.g. 'ReliefWeb dashboard'.")

    def handle(self, *args, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No user named {username!r}.") from exc
        token, key = ApiToken.issue(user, name)
        self.stderr.write(f"Token {token.prefix}… for {username} ({name}). The key is shown only now:")
        self.stdout.write(key)
