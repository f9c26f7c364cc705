"""Every translated text's old value goes into its Kyrgyz column; the old "Kyrgyz / Russian"
texts are split into the Kyrgyz and the Russian column (core.bilingual.split_bilingual decides
which half is which by its letters and words). The municipality's name had its own
name_ky/name_ru/name_en columns: they are now the translations of one `name`, whose own column
keeps the Kyrgyz. Going back keeps the Kyrgyz text."""
from django.db import migrations
from django.db.models import F

from core.bilingual import split_rows

FIELDS = {
    "Municipality": ["district", "region", "about"],
    "Village": ["notes"],
    "CouncilResolution": ["title"],
}


def split(apps, schema_editor):
    alias = schema_editor.connection.alias
    apps.get_model("core", "Municipality").objects.using(alias).update(name=F("name_ky"))
    for model_name, fields in FIELDS.items():
        split_rows(apps.get_model("core", model_name), fields, using=alias)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_content_in_kyrgyz_and_russian")]
    operations = [migrations.RunPython(split, migrations.RunPython.noop)]
