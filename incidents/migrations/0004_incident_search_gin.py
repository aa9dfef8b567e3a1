"""A GIN index for the API's full-text search (`?q=`), on PostgreSQL only.

The indexed expression is, character for character, the one `incidents.api.filters.search_vector()`
makes Django write (SearchVector of notes, location_name and admin1 with the "english" config):
PostgreSQL uses an expression index only for a query with the same expression. SQLite has no GIN
indexes and keeps its `icontains` fallback, so there this migration does nothing.
"""

from django.db import migrations

INDEX = "incident_search_gin"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {INDEX} ON incidents_incident USING gin ((
    to_tsvector(
        'english'::regconfig,
        COALESCE("incidents_incident"."notes", '') || ' '
        || COALESCE("incidents_incident"."location_name", '') || ' '
        || COALESCE("incidents_incident"."admin1", '')
    )
))
"""
DROP = f"DROP INDEX IF EXISTS {INDEX}"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0003_api_order_index_fewer_fk_indexes"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
