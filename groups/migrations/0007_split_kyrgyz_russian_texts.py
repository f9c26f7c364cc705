"""Every translated text's old value goes into its Kyrgyz column; the old "Kyrgyz / Russian"
texts are split into the Kyrgyz and the Russian column (core.bilingual.split_bilingual decides
which half is which by its letters and words). Going back keeps the Kyrgyz text."""
from django.db import migrations

from core.bilingual import split_rows

FIELDS = {
    "InitiativeGroup": ["purpose", "description"],
    "GroupActivity": ["title", "description"],
}


def split(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        split_rows(apps.get_model("groups", model_name), fields, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [('groups', '0006_content_in_kyrgyz_and_russian')]
    operations = [migrations.RunPython(split, migrations.RunPython.noop)]
